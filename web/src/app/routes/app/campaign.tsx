import { useParams } from 'react-router'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CampaignDetail } from '@/features/campaigns/components/campaign-detail'
import { NotFoundRoute } from '../not-found'

/** /campanhas/:id — one campaign live: controls as the role allows, counters, calls up and results. */
export function CampaignRoute() {
  const { id } = useParams()
  const isAdmin = useCurrentUser().role === 'admin'
  const campaignId = Number(id)
  if (!Number.isSafeInteger(campaignId) || campaignId < 1) return <NotFoundRoute />
  return <CampaignDetail key={campaignId} id={campaignId} isAdmin={isAdmin} />
}

export default CampaignRoute
