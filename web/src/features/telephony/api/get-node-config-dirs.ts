import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/**
 * The PBX nodes' configuration directories: /pbx/config previews a node without one (where an
 * apply writes nothing: "skipped") like any other, against an empty disk. Same request and cache
 * key as the Servidores page's list (`pbx-node` changes and `pbx-status` messages keep it current).
 */
export const nodesListQueryKey = ['pbx-nodes', 'list'] as const

export const nodeConfigDirsQueryOptions = () =>
  queryOptions({
    queryKey: nodesListQueryKey,
    queryFn: ({ signal }) => unwrap(api.GET('/pbx-nodes', { signal })),
    select: (data) => new Map(data.items.map((n) => [n.id, n.configDir])),
  })

/** Node id → its configuration directory (null: none, nothing is written there). */
export function useNodeConfigDirs() {
  return useQuery(nodeConfigDirsQueryOptions())
}
