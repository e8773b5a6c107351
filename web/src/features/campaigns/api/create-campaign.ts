import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Campaign, type CampaignWrite } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { campaignQueryKey } from './get-campaign'
import { CAMPAIGNS_ROOT } from './get-campaigns'

/** Created in `draft`; 422 names the field at fault (`retryPolicy.delaysS.busy`, `ivrOptions.1.target`). */
export async function createCampaign(body: CampaignWrite): Promise<Campaign> {
  return (await unwrap(api.POST('/campaigns', { body }))) as Campaign
}

export function useCreateCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createCampaign,
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignQueryKey(campaign.id), campaign)
      void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_ROOT })
      // Trunks list the campaigns that dial through them; lists and audio refuse deletion while used.
      void queryClient.invalidateQueries({ queryKey: ['trunks'] })
    },
  })
}
