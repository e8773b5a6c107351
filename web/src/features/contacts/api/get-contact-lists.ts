import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every contact-list query; a `change` event for `contact-list` or `contact` invalidates it. */
export const CONTACT_LISTS_ROOT = ['contact-lists'] as const
export const CONTACT_LISTS_PAGE_SIZE = 50

export const contactListsQueryKey = (q: string) => [...CONTACT_LISTS_ROOT, 'list', { q }] as const

export async function getContactLists({ q, cursor, signal }: { q: string; cursor?: string | null; signal?: AbortSignal }) {
  return unwrap(
    api.GET('/contact-lists', {
      params: { query: { q: q || undefined, limit: CONTACT_LISTS_PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  )
}

export const contactListsQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: contactListsQueryKey(q),
    queryFn: ({ pageParam, signal }) => getContactLists({ q, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

/** Newest first; "carregar mais" follows nextCursor. */
export function useContactLists(q: string) {
  return useInfiniteQuery(contactListsQueryOptions(q))
}
