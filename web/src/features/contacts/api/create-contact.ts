import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'
import { CONTACTS_ROOT } from './get-contacts'

export type CreateContactInput = Schemas['ContactInput']

export async function createContact({ listId, body }: { listId: number; body: CreateContactInput }) {
  return unwrap(api.POST('/contact-lists/{id}/contacts', { params: { path: { id: listId } }, body }))
}

export function useCreateContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createContact,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CONTACTS_ROOT })
      // The list's contact count and "updated" date.
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
    },
  })
}
