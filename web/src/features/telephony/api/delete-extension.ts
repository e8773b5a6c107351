import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'

/** 409 while the extension is a queue's member (the message names the queue). */
export async function deleteExtension(id: number) {
  await unwrap(api.DELETE('/extensions/{id}', { params: { path: { id } } }))
}

export function useDeleteExtension() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteExtension,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
