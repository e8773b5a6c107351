import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { UpdateExtensionInput } from '../lib/extension-form'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'
import { QUEUES_ROOT } from './get-queues'

export async function updateExtension({ id, body }: { id: number; body: UpdateExtensionInput }) {
  return unwrap(api.PATCH('/extensions/{id}', { params: { path: { id } }, body }))
}

export function useUpdateExtension() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateExtension,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      // Queues show their members' numbers and names.
      void queryClient.invalidateQueries({ queryKey: QUEUES_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
