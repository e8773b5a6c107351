import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type Campaign } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every campaign query; a `change` event for `campaign` invalidates it. */
export const CAMPAIGNS_ROOT = ['campaigns'] as const
export const campaignsQueryKey = [...CAMPAIGNS_ROOT, 'list'] as const

export interface CampaignList {
  items: Campaign[]
}

export async function getCampaigns({ signal }: { signal?: AbortSignal } = {}): Promise<CampaignList> {
  // Every setting of a campaign read back is required by the schema (see `Campaign` in client.ts).
  return (await unwrap(api.GET('/campaigns', { signal }))) as CampaignList
}

export const campaignsQueryOptions = () =>
  queryOptions({
    queryKey: campaignsQueryKey,
    queryFn: ({ signal }) => getCampaigns({ signal }),
  })

/** Every campaign (not paged), newest first, with status and progress; `campaign` and `campaign-progress` messages keep it current. */
export function useCampaigns() {
  return useQuery(campaignsQueryOptions())
}
