import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Campaign } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { applyCampaign } from './campaign-events'

export type CampaignCommand = 'start' | 'pause' | 'resume' | 'cancel'

/**
 * start (admin): draft → running (scheduled when it starts later), refused with 409 and the
 * reasons when it is not ready; pause and resume (any user); cancel (admin).
 */
export async function commandCampaign({ id, command }: { id: number; command: CampaignCommand }): Promise<Campaign> {
  return (await unwrap(api.POST('/campaigns/{id}/{command}', { params: { path: { id, command } } }))) as Campaign
}

export const campaignCommandKey = (id: number) => ['campaigns', 'command', id] as const

/** Shared by the list's quick buttons and the detail page: the answer is applied like a `campaign` message. */
export function useCampaignCommand(id: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: campaignCommandKey(id),
    mutationFn: (command: CampaignCommand) => commandCampaign({ id, command }),
    onSuccess: (campaign) => applyCampaign(queryClient, campaign),
    // A refusal (not ready, or the status moved meanwhile): show the campaign as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  })
}
