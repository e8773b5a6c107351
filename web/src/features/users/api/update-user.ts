import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export type UpdateUserInput = Schemas['UpdateUserRequest']

export async function updateUser({ id, body }: { id: number; body: UpdateUserInput }) {
  return unwrap(api.PATCH('/users/{id}', { params: { path: { id } }, body }))
}

export function useUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
      // The edited user may be the one logged in (name/email shown in the top bar).
      void queryClient.invalidateQueries({ queryKey: ['auth', 'me'] })
    },
  })
}
