import { useQuery, type QueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import type { PbxApplyResult } from '@/lib/api/client'
import { useEventMessage } from '@/lib/events'
import { applyOk, nodeFailed, reportFromMessage, sameApply, type ApplyOutcome } from '../lib/apply'
import { PBX_ROOT } from './get-pbx-live'

/**
 * The last apply this browser heard of (a `pbx-apply` message or its own POST /pbx/apply), kept
 * in the query cache: the daemon offers no endpoint to read it back. Not under `pbx`, so that
 * invalidating the live status and preview leaves it alone.
 */
export const LAST_APPLY_KEY = ['pbx-apply', 'last'] as const
/** The mutation key of POST /pbx/apply: lets the handler recognise the message an apply of this tab sends. */
export const APPLY_MUTATION_KEY = ['pbx', 'apply'] as const

/** True when the message is the echo of an apply this browser asked for (pending, or just answered). */
function isOwnApply(queryClient: QueryClient, nodes: PbxApplyResult['nodes']) {
  const mutations = queryClient.getMutationCache().findAll({ mutationKey: APPLY_MUTATION_KEY })
  return mutations.some(
    (m) => m.state.status === 'pending' || (m.state.status === 'success' && sameApply((m.state.data as PbxApplyResult).nodes, nodes)),
  )
}

/**
 * Keeps the last apply outcome from the events feed and refreshes the preview and live status
 * (the nodes' files and Asterisk changed). With `notify` (admins, who can act on it), a failure
 * of an apply this browser did not ask for (the automatic one after a change) is toasted.
 * Mounted once by the app shell.
 */
export function usePbxApplyEvents({ notify }: { notify: boolean }) {
  const { t } = useTranslation()
  useEventMessage('pbx-apply', (message, queryClient) => {
    if (!Array.isArray(message.nodes)) return
    const nodes = message.nodes.map((n) => reportFromMessage(n as Record<string, unknown>))
    const ok = applyOk(nodes)
    const own = isOwnApply(queryClient, nodes)
    queryClient.setQueryData<ApplyOutcome>(LAST_APPLY_KEY, { receivedAt: Date.now(), ok, nodes })
    void queryClient.invalidateQueries({ queryKey: PBX_ROOT })
    if (notify && !ok && !own) {
      const failed = nodes.filter(nodeFailed)
      toast.error(t('telephony.apply.autoFailed', { count: failed.length, nodes: failed.map((n) => n.nodeName).join(', ') }), {
        id: 'pbx-apply-failed',
        description: failed.map((n) => `${n.nodeName}: ${n.error ?? t('telephony.apply.result.failedNoReason')}`).join('\n'),
        duration: 15_000,
      })
    }
  })
}

/** The last apply outcome (null until one is heard of in this tab). */
export function useLastApply() {
  return useQuery<ApplyOutcome | null>({
    queryKey: LAST_APPLY_KEY,
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  })
}
