import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { PBX_NODES_ROOT } from './get-pbx-nodes'

export const pbxNodeQueryKey = (id: number) => [...PBX_NODES_ROOT, 'detail', id] as const

export async function getPbxNode({ id, signal }: { id: number; signal?: AbortSignal }) {
  return unwrap(api.GET('/pbx-nodes/{id}', { params: { path: { id } }, signal }))
}

export const pbxNodeQueryOptions = (id: number) =>
  queryOptions({
    queryKey: pbxNodeQueryKey(id),
    queryFn: ({ signal }) => getPbxNode({ id, signal }),
  })

export function usePbxNode(id: number) {
  return useQuery(pbxNodeQueryOptions(id))
}
