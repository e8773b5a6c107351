import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'

export type CreateContactListInput = Schemas['ContactListInput']

export async function createContactList(body: CreateContactListInput) {
  return unwrap(api.POST('/contact-lists', { body }))
}

export function useCreateContactList() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createContactList,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
