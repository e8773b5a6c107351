import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { CONTACT_LISTS_ROOT } from './get-contact-lists'
import { CONTACTS_ROOT } from './get-contacts'

export type UpdateContactInput = Schemas['ContactPatch']

export async function updateContact({ id, body }: { id: number; body: UpdateContactInput }) {
  return unwrap(api.PATCH('/contacts/{id}', { params: { path: { id } }, body }))
}

export function useUpdateContact() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateContact,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: CONTACTS_ROOT })
      void queryClient.invalidateQueries({ queryKey: CONTACT_LISTS_ROOT })
    },
  })
}
