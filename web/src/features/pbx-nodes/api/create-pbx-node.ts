import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { PBX_NODES_ROOT } from './get-pbx-nodes'

export type CreatePbxNodeInput = Schemas['PbxNodeCreate']

export async function createPbxNode(body: CreatePbxNodeInput) {
  return unwrap(api.POST('/pbx-nodes', { body }))
}

export function useCreatePbxNode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createPbxNode,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PBX_NODES_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
