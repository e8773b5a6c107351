import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'

export const contactListQueryKey = (id: number) => [...CONTACT_LISTS_ROOT, 'detail', id] as const

export async function getContactList({ id, signal }: { id: number; signal?: AbortSignal }) {
  return unwrap(api.GET('/contact-lists/{id}', { params: { path: { id } }, signal }))
}

export const contactListQueryOptions = (id: number) =>
  queryOptions({
    queryKey: contactListQueryKey(id),
    queryFn: ({ signal }) => getContactList({ id, signal }),
  })

export function useContactList(id: number) {
  return useQuery(contactListQueryOptions(id))
}
