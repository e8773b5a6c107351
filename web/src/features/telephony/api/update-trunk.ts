import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { UpdateTrunkInput } from '../lib/trunk-form'
import { PBX_ROOT } from './get-pbx-live'
import { TRUNKS_ROOT } from './get-trunks'

/** `secret`: absent keeps the stored password, a string replaces it, null removes it. */
export async function updateTrunk({ id, body }: { id: number; body: UpdateTrunkInput }) {
  return unwrap(api.PATCH('/trunks/{id}', { params: { path: { id } }, body }))
}

export function useUpdateTrunk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateTrunk,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TRUNKS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
