import { CheckCircle2, CircleSlash, Server, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { PbxNodeApplyReport } from '@/lib/api/client'
import { formatDateTime } from '@/lib/format'
import { cn } from '@/lib/utils'

type NodeOutcome = 'ok' | 'skipped' | 'failed'
const outcomeOf = (n: PbxNodeApplyReport): NodeOutcome => (n.ok ? 'ok' : n.skipped ? 'skipped' : 'failed')
const LOOK = {
  ok: { variant: 'success', Icon: CheckCircle2 },
  skipped: { variant: 'muted', Icon: CircleSlash },
  failed: { variant: 'destructive', Icon: XCircle },
} as const

function Items({ label, items, tone }: { label: string; items: string[]; tone?: 'warning' }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 flex-wrap gap-1">
        {items.length === 0 ? (
          <span className="text-xs text-muted-foreground">{t('telephony.apply.result.none')}</span>
        ) : (
          items.map((item) => (
            <span
              key={item}
              className={cn(
                'rounded border px-1.5 py-0.5 font-mono text-[0.7rem]',
                tone === 'warning' ? 'border-warning/40 bg-warning/10 text-warning' : 'bg-muted/40 text-foreground/85',
              )}
            >
              {item}
            </span>
          ))
        )}
      </dd>
    </div>
  )
}

/** One node's apply report: ok / skipped / failed, written files, reloaded modules, what is missing, the reason. */
function NodeReport({ report: r }: { report: PbxNodeApplyReport }) {
  const { t } = useTranslation()
  const outcome = outcomeOf(r)
  const { variant, Icon } = LOOK[outcome]
  return (
    <li aria-label={r.nodeName} data-testid="apply-node" data-outcome={outcome} className="grid gap-2.5 rounded-lg border bg-muted/20 px-3 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <Server className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <span className="truncate font-medium">{r.nodeName}</span>
          <Badge variant={variant}>
            <Icon aria-hidden />
            {t(`telephony.apply.result.${outcome}`)}
          </Badge>
        </div>
        {r.at && <span className="text-xs text-muted-foreground">{t('telephony.apply.result.at', { time: formatDateTime(r.at, { seconds: true }) })}</span>}
      </div>
      {(r.error || outcome === 'failed') && (
        <p className={cn('text-sm', outcome === 'failed' ? 'text-destructive' : 'text-muted-foreground')} data-testid="apply-error">
          {r.error ?? t('telephony.apply.result.failedNoReason')}
        </p>
      )}
      {!r.skipped && (
        <dl className="grid gap-1.5">
          <Items label={t('telephony.apply.result.written')} items={r.written} />
          <Items label={t('telephony.apply.result.reloaded')} items={r.reloaded} />
          {r.missing.length > 0 && <Items label={t('telephony.apply.result.missing')} items={r.missing} tone="warning" />}
        </dl>
      )}
    </li>
  )
}

export function ApplyResult({ nodes }: { nodes: PbxNodeApplyReport[] }) {
  const { t } = useTranslation()
  return (
    <section className="grid gap-2" aria-labelledby="apply-result-title">
      <h3 id="apply-result-title" className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
        {t('telephony.apply.result.title')}
      </h3>
      <ul className="grid gap-2" aria-label={t('telephony.apply.result.listLabel')}>
        {nodes.map((n) => (
          <NodeReport key={n.nodeId} report={n} />
        ))}
      </ul>
    </section>
  )
}
