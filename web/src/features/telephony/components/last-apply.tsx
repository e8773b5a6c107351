import { CheckCircle2, Clock, TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '@/lib/format'
import { currentLanguage } from '@/lib/i18n'
import { cn } from '@/lib/utils'
import { useLastApply } from '../api/pbx-apply-events'
import { nodeFailed, type ApplyOutcome } from '../lib/apply'

/** "14:03:22" today, "23/11/2025 14:03:22" another day. */
function when(ms: number) {
  const d = new Date(ms)
  if (d.toDateString() !== new Date().toDateString()) return formatDateTime(d.toISOString(), { seconds: true })
  return new Intl.DateTimeFormat(currentLanguage(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d)
}

const failedNodes = (outcome: ApplyOutcome) =>
  outcome.nodes
    .filter(nodeFailed)
    .map((n) => n.nodeName)
    .join(', ')

function describe(t: ReturnType<typeof useTranslation>['t'], outcome: ApplyOutcome, compact = false) {
  const time = when(outcome.receivedAt)
  if (outcome.nodes.length === 0) return t('telephony.apply.last.noNodes', { time })
  if (!outcome.ok) return t(compact ? 'telephony.apply.last.chipFailed' : 'telephony.apply.last.failed', { time, nodes: failedNodes(outcome) })
  return t(compact ? 'telephony.apply.last.chipOk' : 'telephony.apply.last.ok', { time })
}

/** "Última aplicação: com sucesso às …" — from the last `pbx-apply` message (or this tab's own apply). */
export function LastApplyLine({ className }: { className?: string }) {
  const { t } = useTranslation()
  const { data: outcome } = useLastApply()
  const Icon = !outcome ? Clock : outcome.ok ? CheckCircle2 : TriangleAlert
  return (
    <p
      className={cn('flex items-start gap-1.5 text-xs', !outcome ? 'text-muted-foreground' : outcome.ok ? 'text-success' : 'text-destructive', className)}
      data-testid="last-apply"
      data-outcome={outcome ? (outcome.ok ? 'ok' : 'failed') : 'none'}
    >
      <Icon className="mt-px size-3.5 shrink-0" aria-hidden />
      <span>
        <span className="font-medium">{t('telephony.apply.last.label')}:</span> {outcome ? describe(t, outcome) : t('telephony.apply.last.none')}
      </span>
    </p>
  )
}

/** The same, compact, for the page header; nothing until an apply is heard of. */
export function LastApplyChip() {
  const { t } = useTranslation()
  const { data: outcome } = useLastApply()
  if (!outcome) return null
  const Icon = outcome.ok ? CheckCircle2 : TriangleAlert
  const text = describe(t, outcome, true)
  return (
    <span
      className={cn(
        'hidden items-center gap-1.5 rounded-md border px-2 py-1 text-xs lg:inline-flex',
        outcome.ok ? 'border-success/30 text-success' : 'border-destructive/40 bg-destructive/10 text-destructive',
      )}
      title={`${t('telephony.apply.last.label')}: ${describe(t, outcome)}`}
      data-testid="last-apply-chip"
    >
      <Icon className="size-3.5" aria-hidden />
      <span className="max-w-72 truncate">{text}</span>
    </span>
  )
}
