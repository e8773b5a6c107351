import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { PBX_ROOT } from './get-pbx-live'
import { TRUNKS_ROOT } from './get-trunks'

/** 409 while a campaign dials through it (the message names the campaign). */
export async function deleteTrunk(id: number) {
  await unwrap(api.DELETE('/trunks/{id}', { params: { path: { id } } }))
}

export function useDeleteTrunk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteTrunk,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TRUNKS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
