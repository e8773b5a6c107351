import { useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { api, setCsrfToken } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { meQueryKey, type Me } from './get-me'

export async function logout() {
  await unwrap(api.POST('/auth/logout'))
}

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logout,
    // Whatever the server says, this browser is logged out.
    onSettled: () => {
      setCsrfToken(null)
      toast.dismiss()
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
      queryClient.setQueryData<Me | null>(meQueryKey, null)
    },
  })
}
