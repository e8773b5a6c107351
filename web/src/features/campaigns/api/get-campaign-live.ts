import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CAMPAIGNS_ROOT } from './get-campaigns'

export const campaignLiveQueryKey = (id: number) => [...CAMPAIGNS_ROOT, 'live', id] as const
/** How often the detail page asks for the calls up while the campaign may have some. */
export const LIVE_INTERVAL_MS = 2_000

export async function getCampaignLive(id: number, { signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/campaigns/{id}/live', { params: { path: { id } }, signal }))
}

export const campaignLiveQueryOptions = (id: number, polling: boolean) =>
  queryOptions({
    queryKey: campaignLiveQueryKey(id),
    queryFn: ({ signal }) => getCampaignLive(id, { signal }),
    // Every 2 s while calls may be up; TanStack Query pauses it while the tab is hidden.
    refetchInterval: polling ? LIVE_INTERVAL_MS : false,
    refetchIntervalInBackground: false,
    retry: false,
  })

/** The calls up now and the live counters (`polling`: while the campaign runs). */
export function useCampaignLive(id: number, { polling }: { polling: boolean }) {
  return useQuery(campaignLiveQueryOptions(id, polling))
}
