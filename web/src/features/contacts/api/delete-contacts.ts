import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'
import { CONTACTS_ROOT } from './get-contacts'

/** The most ids one request takes. */
export const DELETE_BATCH = 10_000

/** Deletes contacts of a list (POST …/contacts/delete) in batches; answers how many went. */
export async function deleteContacts({ listId, ids }: { listId: number; ids: number[] }) {
  let deleted = 0
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    const res = await unwrap(
      api.POST('/contact-lists/{id}/contacts/delete', {
        params: { path: { id: listId } },
        body: { ids: ids.slice(i, i + DELETE_BATCH) },
      }),
    )
    deleted += res.deleted
  }
  return deleted
}

export function useDeleteContacts() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteContacts,
    onSettled: () => {
      // Also after a failure: an earlier batch may have gone through.
      void queryClient.invalidateQueries({ queryKey: CONTACTS_ROOT })
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
    },
  })
}
