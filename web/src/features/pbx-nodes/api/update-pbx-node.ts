import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { PBX_NODES_ROOT } from './get-pbx-nodes'

export type UpdatePbxNodeInput = Schemas['PbxNodeUpdate']

export async function updatePbxNode({ id, body }: { id: number; body: UpdatePbxNodeInput }) {
  return unwrap(api.PATCH('/pbx-nodes/{id}', { params: { path: { id } }, body }))
}

export function useUpdatePbxNode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updatePbxNode,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PBX_NODES_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
