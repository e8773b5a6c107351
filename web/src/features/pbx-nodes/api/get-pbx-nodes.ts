import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every pbx-nodes query; a `change` event for entity `pbx-node` invalidates it. */
export const PBX_NODES_ROOT = ['pbx-nodes'] as const
export const pbxNodesQueryKey = [...PBX_NODES_ROOT, 'list'] as const

export async function getPbxNodes({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/pbx-nodes', { signal }))
}

export const pbxNodesQueryOptions = () =>
  queryOptions({
    queryKey: pbxNodesQueryKey,
    queryFn: ({ signal }) => getPbxNodes({ signal }),
  })

export function usePbxNodes() {
  return useQuery(pbxNodesQueryOptions())
}
