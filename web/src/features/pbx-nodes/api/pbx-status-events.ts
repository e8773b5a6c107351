import type { QueryClient } from '@tanstack/react-query'
import type { PbxNode, PbxNodeStatus, Schemas } from '@/lib/api/client'
import { useEventMessage } from '@/lib/events'
import { pbxNodeQueryKey } from './get-pbx-node'
import { pbxNodesQueryKey } from './get-pbx-nodes'

type PbxNodeList = Schemas['PbxNodeList']

/** True when `next` is not older than `current` (by `updatedAt`); unparsable dates never block. */
function isNewer(next: PbxNodeStatus, current: PbxNodeStatus | undefined) {
  if (!current) return true
  const a = Date.parse(next.updatedAt)
  const b = Date.parse(current.updatedAt)
  return Number.isNaN(a) || Number.isNaN(b) || a >= b
}

/**
 * Applies a `pbx-status` message to the cached list and detail of that node, in place:
 * no refetch. A status older than the cached one is dropped (messages may cross a refetch).
 * A node the list does not know yet (created a moment ago) makes the list refetch.
 */
export function applyPbxStatus(queryClient: QueryClient, nodeId: number, status: PbxNodeStatus) {
  const list = queryClient.getQueryData<PbxNodeList>(pbxNodesQueryKey)
  if (list) {
    const current = list.items.find((n) => n.id === nodeId)
    if (!current) {
      void queryClient.invalidateQueries({ queryKey: pbxNodesQueryKey })
    } else if (isNewer(status, current.status)) {
      queryClient.setQueryData<PbxNodeList>(pbxNodesQueryKey, {
        ...list,
        items: list.items.map((n) => (n.id === nodeId ? { ...n, status } : n)),
      })
    }
  }
  queryClient.setQueryData<PbxNode>(pbxNodeQueryKey(nodeId), (node) =>
    node && isNewer(status, node.status) ? { ...node, status } : node,
  )
}

/** Keeps cached PBX nodes' live status current from the events feed. Mounted once by the app shell. */
export function usePbxStatusEvents() {
  useEventMessage('pbx-status', (message, queryClient) => {
    if (typeof message.nodeId !== 'number' || !message.status) return
    applyPbxStatus(queryClient, message.nodeId, message.status)
  })
}
