import { Info } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '@/components/layouts/page-header'
import { QueryError } from '@/components/query-error'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { campaignPath } from '@/config/paths'
import { useCampaign } from '../api/get-campaign'
import { isFinal } from '../lib/status'
import { CampaignWizard } from './campaign-wizard'

/** /campanhas/:id/editar: the wizard on a saved campaign (a completed or cancelled one cannot change). */
export function CampaignEdit({ id }: { id: number }) {
  const { t } = useTranslation()
  const query = useCampaign(id)
  const campaign = query.data
  return (
    <div className="space-y-6">
      <PageHeader title={t('campaigns.wizard.editTitle')} description={campaign ? campaign.name : t('campaigns.wizard.editDescription')} />
      {query.isError ? (
        <Card className="py-0">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : !campaign ? (
        <Skeleton className="h-96" />
      ) : isFinal(campaign.status) ? (
        <Alert variant="info">
          <Info aria-hidden />
          <AlertDescription>
            <p>{t('campaigns.wizard.finalNoEdit', { status: t(`campaigns.status.${campaign.status}`).toLowerCase() })}</p>
            <Button asChild variant="outline" size="sm" className="mt-2 text-foreground">
              <Link to={campaignPath(campaign.id)}>{t('campaigns.wizard.backToCampaign')}</Link>
            </Button>
          </AlertDescription>
        </Alert>
      ) : (
        <>
          {campaign.status === 'running' && (
            <Alert variant="warning">
              <Info aria-hidden />
              <AlertDescription>{t('campaigns.wizard.runningEdit')}</AlertDescription>
            </Alert>
          )}
          <CampaignWizard key={campaign.id} campaign={campaign} />
        </>
      )}
    </div>
  )
}
