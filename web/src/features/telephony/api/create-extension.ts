import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { CreateExtensionInput } from '../lib/extension-form'
import { EXTENSIONS_ROOT } from './get-extensions'
import { PBX_ROOT } from './get-pbx-live'

/** The answer carries the generated SIP `secret`, this once. */
export async function createExtension(body: CreateExtensionInput) {
  return unwrap(api.POST('/extensions', { body }))
}

export function useCreateExtension() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createExtension,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: EXTENSIONS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
