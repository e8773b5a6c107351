import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export type CreateTokenInput = Schemas['CreateTokenRequest']

export async function createToken(body: CreateTokenInput) {
  return unwrap(api.POST('/tokens', { body }))
}

export function useCreateToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
