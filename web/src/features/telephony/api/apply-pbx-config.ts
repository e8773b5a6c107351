import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { applyOk, type ApplyOutcome } from '../lib/apply'
import { PBX_ROOT } from './get-pbx-live'
import { APPLY_MUTATION_KEY, LAST_APPLY_KEY } from './pbx-apply-events'

/** Writes the files, reloads the modules through AMI and verifies, on every enabled node. Blocks until done. */
export async function applyPbxConfig() {
  return unwrap(api.POST('/pbx/apply'))
}

export function useApplyPbxConfig() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: APPLY_MUTATION_KEY,
    mutationFn: applyPbxConfig,
    onSuccess: (result) => {
      queryClient.setQueryData<ApplyOutcome>(LAST_APPLY_KEY, { receivedAt: Date.now(), ok: applyOk(result.nodes), nodes: result.nodes })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
