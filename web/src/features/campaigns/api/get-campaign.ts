import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type Campaign } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CAMPAIGNS_ROOT } from './get-campaigns'

export const campaignQueryKey = (id: number) => [...CAMPAIGNS_ROOT, 'detail', id] as const

export async function getCampaign(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<Campaign> {
  return (await unwrap(api.GET('/campaigns/{id}', { params: { path: { id } }, signal }))) as Campaign
}

/** While something keeps it from starting, how often to ask again (an audio being delivered, a node reconnecting). */
export const READINESS_INTERVAL_MS = 5_000

export const campaignQueryOptions = (id: number) =>
  queryOptions({
    queryKey: campaignQueryKey(id),
    queryFn: ({ signal }) => getCampaign(id, { signal }),
    // Readiness follows other entities (audio delivery, nodes, trunks), whose messages do not
    // refresh campaigns: poll while it is not empty, so "Iniciar" unlocks by itself.
    refetchInterval: (query) => ((query.state.data?.readiness.length ?? 0) > 0 ? READINESS_INTERVAL_MS : false),
    refetchIntervalInBackground: false,
  })

/** One campaign with its progress and what keeps it from starting (`readiness`). */
export function useCampaign(id: number) {
  return useQuery(campaignQueryOptions(id))
}
