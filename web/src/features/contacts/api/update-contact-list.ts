import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type ContactList, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { contactListQueryKey } from './get-contact-list'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'

export type UpdateContactListInput = Schemas['ContactListPatch']

export async function updateContactList({ id, body }: { id: number; body: UpdateContactListInput }) {
  return unwrap(api.PATCH('/contact-lists/{id}', { params: { path: { id } }, body }))
}

export function useUpdateContactList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateContactList,
    onSuccess: (list) => {
      queryClient.setQueryData<ContactList>(contactListQueryKey(list.id), list)
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
