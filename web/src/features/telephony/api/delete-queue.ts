import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'
import { QUEUES_ROOT } from './get-queues'

export async function deleteQueue(id: number) {
  await unwrap(api.DELETE('/queues/{id}', { params: { path: { id } } }))
}

export function useDeleteQueue() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteQueue,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: QUEUES_ROOT })
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
