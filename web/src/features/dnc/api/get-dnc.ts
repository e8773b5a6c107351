import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every DNC query; a `change` event for entity `dnc` invalidates it. */
export const DNC_ROOT = ['dnc'] as const
export const DNC_PAGE_SIZE = 50

export const dncQueryKey = (q: string) => [...DNC_ROOT, 'list', { q }] as const

export async function getDnc({ q, cursor, signal }: { q: string; cursor?: string | null; signal?: AbortSignal }) {
  return unwrap(
    api.GET('/dnc', {
      params: { query: { q: q || undefined, limit: DNC_PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  )
}

export const dncQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: dncQueryKey(q),
    queryFn: ({ pageParam, signal }) => getDnc({ q, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

/** Newest first; "carregar mais" follows nextCursor. */
export function useDnc(q: string) {
  return useInfiniteQuery(dncQueryOptions(q))
}
