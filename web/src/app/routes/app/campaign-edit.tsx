import { useParams } from 'react-router'
import { CampaignEdit } from '@/features/campaigns/components/campaign-edit'
import { NotFoundRoute } from '../not-found'

/** /campanhas/:id/editar — the wizard on a saved campaign (admins). */
export function CampaignEditRoute() {
  const { id } = useParams()
  const campaignId = Number(id)
  if (!Number.isSafeInteger(campaignId) || campaignId < 1) return <NotFoundRoute />
  return <CampaignEdit key={campaignId} id={campaignId} />
}

export default CampaignEditRoute
