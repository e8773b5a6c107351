import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, setCsrfToken, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { meQueryKey, type Me } from './get-me'

export type LoginInput = Schemas['LoginRequest']

export async function login(body: LoginInput) {
  return unwrap(api.POST('/auth/login', { body }))
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: (data) => {
      setCsrfToken(data.csrfToken)
      // Drop anything cached for a previous user before showing the new one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
      queryClient.setQueryData<Me | null>(meQueryKey, data)
    },
  })
}
