import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { UpdateQueueInput } from '../lib/queue-form'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'
import { QUEUES_ROOT } from './get-queues'

/** `members`, when given, replaces the whole list. */
export async function updateQueue({ id, body }: { id: number; body: UpdateQueueInput }) {
  return unwrap(api.PATCH('/queues/{id}', { params: { path: { id } }, body }))
}

export function useUpdateQueue() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateQueue,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: QUEUES_ROOT })
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
