import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils'
import { channelLoad } from '../lib/node-display'

const BAR = {
  idle: 'bg-muted-foreground/40',
  normal: 'bg-primary',
  high: 'bg-warning',
  full: 'bg-destructive',
} as const

/** "Canais em uso 38 de 120" with a small bar; empty (—) when the count is unknown. */
export function ChannelsBar({ name, active, max }: { name: string; active: number | null; max: number }) {
  const { t } = useTranslation()
  const known = active != null
  const pct = known ? Math.min(100, Math.round((active / Math.max(1, max)) * 100)) : 0
  const load = channelLoad(active, max)
  return (
    <div className="grid gap-1.5">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-muted-foreground">{t('pbxNodes.card.channels')}</span>
        <span className="font-medium tabular-nums">
          {known ? t('pbxNodes.card.channelsOf', { active, max }) : `— / ${max}`}
          {known && <span className="ml-1.5 text-muted-foreground">({pct}%)</span>}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t('pbxNodes.card.channelsMeter', { name })}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={known ? active : undefined}
        aria-valuetext={known ? t('pbxNodes.card.channelsOf', { active, max }) : undefined}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div className={cn('h-full rounded-full transition-[width] duration-500', BAR[load])} style={{ width: `${pct}%` }} />
      </div>
    </div>
  )
}
