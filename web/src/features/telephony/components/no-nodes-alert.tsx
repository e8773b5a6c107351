import { ServerOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { paths } from '@/config/paths'
import { usePbxLive } from '../api/get-pbx-live'

/** Warns that nothing reaches Asterisk while no node is enabled (GET /pbx/live lists the enabled nodes). */
export function NoNodesAlert() {
  const { t } = useTranslation()
  const live = usePbxLive()
  if (!live.isSuccess || live.data.nodes.length > 0) return null
  return (
    <Alert variant="warning" data-testid="no-nodes">
      <ServerOff aria-hidden />
      <AlertTitle>{t('telephony.noNodes.title')}</AlertTitle>
      <AlertDescription>
        <p className="text-foreground/80">{t('telephony.noNodes.description')}</p>
        <Button asChild variant="link" size="sm" className="h-auto px-0 text-warning">
          <Link to={paths.servers}>{t('telephony.noNodes.action')}</Link>
        </Button>
      </AlertDescription>
    </Alert>
  )
}
