import { Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '@/components/layouts/page-header'
import { Button } from '@/components/ui/button'
import { paths } from '@/config/paths'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CampaignsList } from '@/features/campaigns/components/campaigns-list'

/** Campanhas: every signed-in user watches them (and may pause and resume); admins create and start them. */
export function CampaignsRoute() {
  const { t } = useTranslation()
  const isAdmin = useCurrentUser().role === 'admin'
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={
          isAdmin && (
            <Button asChild>
              <Link to={paths.campaignNew}>
                <Plus aria-hidden />
                {t('campaigns.new')}
              </Link>
            </Button>
          )
        }
      />
      <CampaignsList isAdmin={isAdmin} />
    </div>
  )
}

export default CampaignsRoute
