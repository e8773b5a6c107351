import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { DNC_ROOT } from './get-dnc'

export type AddDncInput = Schemas['DncInput']

export async function addDnc(body: AddDncInput) {
  return unwrap(api.POST('/dnc', { body }))
}

export function useAddDnc() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: addDnc,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: DNC_ROOT })
      // Contacts with this number now show "Não ligar".
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
    },
  })
}
