import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { contactsQueryParams, type ContactFilters } from '../lib/contact-query'

/** Root of every contacts query; a `change` event for `contact` or `dnc` invalidates it. */
export const CONTACTS_ROOT = ['contacts'] as const
/** Rows per request; the table asks for the next page while scrolling. */
export const CONTACTS_PAGE_SIZE = 100

export const contactsQueryKey = (listId: number, filters: ContactFilters) =>
  [...CONTACTS_ROOT, 'list', listId, contactsQueryParams(filters)] as const

export async function getContacts({
  listId,
  filters,
  cursor,
  signal,
}: {
  listId: number
  filters: ContactFilters
  cursor?: string | null
  signal?: AbortSignal
}) {
  return unwrap(
    api.GET('/contact-lists/{id}/contacts', {
      params: {
        path: { id: listId },
        query: { ...contactsQueryParams(filters), limit: CONTACTS_PAGE_SIZE, cursor: cursor ?? undefined },
      },
      signal,
    }),
  )
}

/** Keyset paging: each page's `nextCursor` asks for the rows after it. */
export const contactsQueryOptions = (listId: number, filters: ContactFilters) =>
  infiniteQueryOptions({
    queryKey: contactsQueryKey(listId, filters),
    queryFn: ({ pageParam, signal }) => getContacts({ listId, filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export function useContacts(listId: number, filters: ContactFilters) {
  return useInfiniteQuery({
    ...contactsQueryOptions(listId, filters),
    // While a new search loads, keep showing the previous rows (no flash of an empty table).
    placeholderData: (previous) => previous,
  })
}
