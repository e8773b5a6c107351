import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every extension query; a `change` event for `extension` (or `queue`) invalidates it. */
export const EXTENSIONS_ROOT = ['extensions'] as const
export const extensionsQueryKey = [...EXTENSIONS_ROOT, 'list'] as const

export async function getExtensions({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/extensions', { signal }))
}

export const extensionsQueryOptions = () =>
  queryOptions({
    queryKey: extensionsQueryKey,
    queryFn: ({ signal }) => getExtensions({ signal }),
    select: (data) => [...data.items].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true })),
  })

/** Every extension (not paged), by number. */
export function useExtensions() {
  return useQuery(extensionsQueryOptions())
}
