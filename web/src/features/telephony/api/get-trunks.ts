import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every trunk query; a `change` event for `trunk` invalidates it. */
export const TRUNKS_ROOT = ['trunks'] as const
export const trunksQueryKey = [...TRUNKS_ROOT, 'list'] as const

export async function getTrunks({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/trunks', { signal }))
}

export const trunksQueryOptions = () =>
  queryOptions({
    queryKey: trunksQueryKey,
    queryFn: ({ signal }) => getTrunks({ signal }),
    select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
  })

/** Every SIP trunk (not paged), by name. */
export function useTrunks() {
  return useQuery(trunksQueryOptions())
}
