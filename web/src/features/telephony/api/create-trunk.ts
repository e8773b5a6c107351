import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { CreateTrunkInput } from '../lib/trunk-form'
import { PBX_ROOT } from './get-pbx-live'
import { TRUNKS_ROOT } from './get-trunks'

export async function createTrunk(body: CreateTrunkInput) {
  return unwrap(api.POST('/trunks', { body }))
}

export function useCreateTrunk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createTrunk,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TRUNKS_ROOT })
      void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    },
  })
}
