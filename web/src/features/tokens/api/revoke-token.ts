import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export async function revokeToken(id: number) {
  await unwrap(api.DELETE('/tokens/{id}', { params: { path: { id } } }))
}

export function useRevokeToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['tokens'] })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
