import { useState } from 'react'
import { FileCog } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { useNodeConfigDirs } from '../api/get-node-config-dirs'
import { usePbxConfig } from '../api/get-pbx-config'
import { ApplyPbxDialog } from './apply-pbx-dialog'

/** "Aplicar no Asterisk" (admins): a dot while some node's files differ from what Torpedo would write. */
export function ApplyPbxButton() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const config = usePbxConfig()
  const dirs = useNodeConfigDirs()
  // A node without a configuration directory gets nothing written: its "changes" never go away.
  const pending = config.data?.nodes.some((n) => dirs.data?.get(n.nodeId) !== null && n.files.some((f) => f.changed)) ?? false
  return (
    <>
      <Button
        variant="outline"
        onClick={() => setOpen(true)}
        className="relative"
        aria-label={pending ? `${t('telephony.apply.button')} (${t('telephony.apply.pending')})` : undefined}
        data-pending={pending || undefined}
      >
        <FileCog aria-hidden />
        {t('telephony.apply.button')}
        {pending && (
          <span aria-hidden className="absolute -top-1 -right-1 flex size-2.5">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-warning opacity-60" />
            <span className="relative inline-flex size-2.5 rounded-full bg-warning" />
          </span>
        )}
      </Button>
      <ApplyPbxDialog open={open} onOpenChange={setOpen} />
    </>
  )
}
