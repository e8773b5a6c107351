import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { pbxNodeQueryKey } from './get-pbx-node'
import { PBX_NODES_ROOT } from './get-pbx-nodes'

export async function deletePbxNode(id: number) {
  await unwrap(api.DELETE('/pbx-nodes/{id}', { params: { path: { id } } }))
}

export function useDeletePbxNode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deletePbxNode,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: pbxNodeQueryKey(id) })
      void queryClient.invalidateQueries({ queryKey: PBX_NODES_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
