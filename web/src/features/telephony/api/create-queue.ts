import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { CreateQueueInput } from '../lib/queue-form'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'
import { QUEUES_ROOT } from './get-queues'

export async function createQueue(body: CreateQueueInput) {
  return unwrap(api.POST('/queues', { body }))
}

export function useCreateQueue() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createQueue,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: QUEUES_ROOT })
      // Extensions list the queues they are in.
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
