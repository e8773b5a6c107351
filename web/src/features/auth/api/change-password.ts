import { useMutation } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export type ChangePasswordInput = Schemas['ChangePasswordRequest']

export async function changePassword(body: ChangePasswordInput) {
  await unwrap(api.POST('/auth/password', { body }))
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword })
}
