import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of the telephony queries that follow the nodes' Asterisk: live status and the config preview. */
export const PBX_ROOT = ['pbx'] as const
export const pbxLiveQueryKey = [...PBX_ROOT, 'live'] as const
/** How often the pages ask Asterisk (through the daemon) while they are visible. */
export const LIVE_INTERVAL_MS = 5_000

export async function getPbxLive({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/pbx/live', { signal }))
}

export const pbxLiveQueryOptions = () =>
  queryOptions({
    queryKey: pbxLiveQueryKey,
    queryFn: ({ signal }) => getPbxLive({ signal }),
    // Every ~5 s while the page is shown; TanStack Query pauses it while the tab is hidden.
    refetchInterval: LIVE_INTERVAL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  })

/** What each enabled node's Asterisk reports now: endpoints, registrations, queues. */
export function usePbxLive() {
  return useQuery(pbxLiveQueryOptions())
}
