import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Under `settings`: a `change` event for `settings` invalidates it. */
export const pbxSettingsQueryKey = ['settings', 'pbx'] as const

export async function getPbxSettings({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/settings/pbx', { signal }))
}

export const pbxSettingsQueryOptions = () =>
  queryOptions({
    queryKey: pbxSettingsQueryKey,
    queryFn: ({ signal }) => getPbxSettings({ signal }),
  })

/** `autoApply`: every telephony change reaches the nodes at once (the daemon's default). */
export function usePbxSettings() {
  return useQuery(pbxSettingsQueryOptions())
}
