import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { DNC_ROOT } from './get-dnc'

export async function deleteDnc(id: number) {
  await unwrap(api.DELETE('/dnc/{id}', { params: { path: { id } } }))
}

export function useDeleteDnc() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteDnc,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: DNC_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['contacts'] })
    },
  })
}
