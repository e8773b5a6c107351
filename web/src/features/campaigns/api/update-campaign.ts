import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Campaign, type CampaignWrite } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { campaignQueryKey } from './get-campaign'
import { CAMPAIGNS_ROOT } from './get-campaigns'

/** 409 when the status does not allow the change (running: pause it first; completed or cancelled: never). */
export async function updateCampaign({ id, body }: { id: number; body: CampaignWrite }): Promise<Campaign> {
  return (await unwrap(api.PATCH('/campaigns/{id}', { params: { path: { id } }, body }))) as Campaign
}

export function useUpdateCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateCampaign,
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignQueryKey(campaign.id), campaign)
      void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['trunks'] })
    },
  })
}
