import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { contactListQueryKey } from './get-contact-list'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'
import { CONTACTS_ROOT } from './get-contacts'

export async function deleteContactList(id: number) {
  await unwrap(api.DELETE('/contact-lists/{id}', { params: { path: { id } } }))
}

export function useDeleteContactList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteContactList,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: contactListQueryKey(id) })
      queryClient.removeQueries({ queryKey: [...CONTACTS_ROOT, 'list', id] })
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
