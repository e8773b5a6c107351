import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { CampaignWizard } from '@/features/campaigns/components/campaign-wizard'

/** /campanhas/nova — the campaign wizard (admins). */
export function CampaignNewRoute() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('campaigns.wizard.newTitle')} description={t('campaigns.wizard.newDescription')} />
      <CampaignWizard />
    </div>
  )
}

export default CampaignNewRoute
