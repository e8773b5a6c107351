import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CAMPAIGNS_ROOT } from './get-campaigns'

export const ATTEMPTS_PAGE_SIZE = 50
export const campaignAttemptsQueryKey = (id: number) => [...CAMPAIGNS_ROOT, 'attempts', id] as const

export async function getCampaignAttempts(id: number, { cursor, signal }: { cursor?: string | null; signal?: AbortSignal } = {}) {
  return unwrap(
    api.GET('/campaigns/{id}/attempts', {
      params: { path: { id }, query: { limit: ATTEMPTS_PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  )
}

export const campaignAttemptsQueryOptions = (id: number, refreshMs: number | false) =>
  infiniteQueryOptions({
    queryKey: campaignAttemptsQueryKey(id),
    queryFn: ({ pageParam, signal }) => getCampaignAttempts(id, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: refreshMs,
    refetchIntervalInBackground: false,
  })

/** The call log, newest first; "Carregar mais" follows nextCursor. `refreshMs`: while calls end. */
export function useCampaignAttempts(id: number, { refreshMs }: { refreshMs: number | false }) {
  return useInfiniteQuery(campaignAttemptsQueryOptions(id, refreshMs))
}
