import { Loader2, PhoneIncoming } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { Extension, PbxLive, Queue } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { queueLive, type LiveMember, type MemberStatus, type QueueNodeLive } from '../lib/live'
import { LiveStateBadge, LiveUnknown } from './live-badge'

const DOT: Record<MemberStatus, string> = {
  free: 'bg-success',
  inUse: 'bg-primary',
  busy: 'bg-primary',
  onHold: 'bg-primary',
  ringing: 'bg-warning animate-pulse',
  ringInUse: 'bg-warning animate-pulse',
  unavailable: 'bg-muted-foreground/50',
  invalid: 'bg-destructive',
  unknown: 'bg-muted-foreground/50',
}

function MemberChip({ member, extension }: { member: LiveMember; extension?: Extension }) {
  const { t } = useTranslation()
  const status = t(`telephony.queues.live.status.${member.status}`)
  const who = extension ? `${extension.number} ${extension.name}` : member.name
  const text = [status, member.paused ? t('telephony.queues.live.paused') : null].filter(Boolean).join(', ')
  return (
    <li
      className={cn(
        'inline-flex max-w-44 items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs',
        member.paused ? 'border-warning/40 text-warning' : 'text-foreground/85',
      )}
      title={t('telephony.queues.live.member', { name: who, status: text })}
      data-testid="live-member"
      data-status={member.status}
      data-paused={member.paused || undefined}
    >
      <span aria-hidden className={cn('size-2 shrink-0 rounded-full', DOT[member.status])} />
      <span className="truncate">
        {extension ? <span className="font-mono tabular-nums">{extension.number}</span> : member.name}
        <span className="sr-only">
          {extension ? ` ${extension.name}` : ''}: {text}
        </span>
      </span>
    </li>
  )
}

/** One node's view of the queue: callers waiting, answered/abandoned, and its members' devices. */
function NodeQueueLive({ queue, node: n, byId, showName }: { queue: Queue; node: QueueNodeLive; byId: Map<number, Extension>; showName: boolean }) {
  const { t } = useTranslation()
  if (n.state !== 'live') {
    // With several servers, one that does not have the queue live is a line of text.
    if (showName)
      return (
        <p className="text-xs text-muted-foreground" data-state={n.state}>
          <span className="font-mono">{n.nodeName}</span>: {t(`telephony.live.states.${n.state}`)}
        </p>
      )
    return <LiveStateBadge state={n.state} />
  }
  return (
    <div className="grid gap-1.5">
      {showName && <p className="font-mono text-[0.7rem] text-muted-foreground">{n.nodeName}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant={n.calls > 0 ? 'warning' : 'muted'} data-testid="queue-waiting">
          <PhoneIncoming aria-hidden />
          {t('telephony.queues.live.waiting', { count: n.calls })}
        </Badge>
        <span className="hidden text-xs whitespace-nowrap text-muted-foreground sm:inline">
          {t('telephony.queues.live.totals', { completed: n.completed, abandoned: n.abandoned })}
        </span>
      </div>
      {n.members.length === 0 ? (
        <p className="text-xs text-muted-foreground">{t('telephony.queues.live.noMembers')}</p>
      ) : (
        <ul className="flex flex-wrap gap-1" aria-label={t('telephony.queues.live.membersLabel', { queue: queue.name, node: n.nodeName })}>
          {n.members.map((m) => (
            <MemberChip key={`${m.name}|${m.extensionId}`} member={m} extension={m.extensionId != null ? byId.get(m.extensionId) : undefined} />
          ))}
        </ul>
      )}
    </div>
  )
}

/** A queue as Asterisk has it now, per node. */
export function QueueLiveCell({
  queue,
  extensions,
  live,
  pending,
  failed,
}: {
  queue: Queue
  extensions: Extension[]
  live: PbxLive | undefined
  pending: boolean
  failed: boolean
}) {
  const { t } = useTranslation()
  if (failed) return <LiveUnknown />
  if (pending)
    return (
      <span className="inline-flex items-center text-xs text-muted-foreground">
        <Loader2 className="size-3 animate-spin" aria-hidden />
        <span className="sr-only">{t('telephony.live.loading')}</span>
      </span>
    )
  const nodes = queueLive(queue, extensions, live)
  if (nodes.length === 0) return <LiveStateBadge state="noNodes" />
  const byId = new Map(extensions.map((e) => [e.id, e]))
  return (
    <div className="grid gap-2" data-testid="queue-live">
      {nodes.map((n) => (
        <NodeQueueLive key={n.nodeId} queue={queue} node={n} byId={byId} showName={nodes.length > 1} />
      ))}
    </div>
  )
}
