import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { campaignQueryKey } from './get-campaign'
import { campaignsQueryKey, CAMPAIGNS_ROOT, type CampaignList } from './get-campaigns'

/** Draft, completed or cancelled only (409 otherwise: cancel it first); its call log goes with it. */
export async function deleteCampaign(id: number) {
  await unwrap(api.DELETE('/campaigns/{id}', { params: { path: { id } } }))
}

export function useDeleteCampaign() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteCampaign,
    onSuccess: (_, id) => {
      queryClient.setQueryData<CampaignList>(campaignsQueryKey, (list) => list && { ...list, items: list.items.filter((c) => c.id !== id) })
      queryClient.removeQueries({ queryKey: campaignQueryKey(id) })
      void queryClient.invalidateQueries({ queryKey: CAMPAIGNS_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['trunks'] })
    },
  })
}
