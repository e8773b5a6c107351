import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'

/** A new SIP secret for the extension; the answer is the only time it is shown. */
export async function regenerateExtensionSecret(id: number) {
  return unwrap(api.POST('/extensions/{id}/secret', { params: { path: { id } } }))
}

export function useRegenerateExtensionSecret() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: regenerateExtensionSecret,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
