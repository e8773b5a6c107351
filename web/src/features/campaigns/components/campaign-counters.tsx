import { useTranslation } from 'react-i18next'
import { Card } from '@/components/ui/card'
import type { CampaignProgress } from '@/lib/api/client'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/utils'
import { DISPOSITION_COLOR } from '../lib/dispositions'
import { formatDecimal, formatRate } from '../lib/format'

interface Counter {
  id: string
  value: string
  hint?: string
  dot?: string
  emphasis?: boolean
}

function CounterCard({ id, label, value, hint, dot, emphasis }: Counter & { label: string }) {
  return (
    <Card className={cn('gap-1 px-4 py-3', emphasis && 'border-primary/40 bg-primary/5')} data-testid={`counter-${id}`} title={hint}>
      <dt className="flex items-center gap-1.5 text-xs text-muted-foreground">
        {dot && <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ background: dot }} />}
        {label}
      </dt>
      <dd className="text-xl font-semibold tracking-tight tabular-nums" data-testid={`counter-${id}-value`}>
        {value}
      </dd>
    </Card>
  )
}

/**
 * The live counters: contacts and what is left, calls up now, attempts ended and their
 * outcomes, taxa de atendimento, TMA and calls per minute. Kept current by `campaign-progress`
 * messages and the /live polling.
 */
export function CampaignCounters({ progress }: { progress: CampaignProgress }) {
  const { t } = useTranslation()
  const n = formatNumber
  const groups: { id: string; counters: Counter[] }[] = [
    {
      id: 'contacts',
      counters: [
        { id: 'contacts', value: n(progress.contacts) },
        { id: 'remaining', value: n(progress.remaining), hint: t('campaigns.counters.remainingHint') },
        { id: 'up', value: n(progress.up), emphasis: progress.up > 0 },
        { id: 'attempts', value: n(progress.attempts), hint: t('campaigns.counters.attemptsHint') },
        { id: 'asr', value: formatRate(progress.asr), hint: t('campaigns.counters.asrHint') },
        { id: 'acd', value: progress.acdSeconds == null ? '—' : `${formatDecimal(progress.acdSeconds)} s`, hint: t('campaigns.counters.acdHint') },
        { id: 'callsPerMinute', value: n(progress.callsPerMinute), hint: t('campaigns.counters.callsPerMinuteHint') },
      ],
    },
    {
      id: 'outcomes',
      counters: [
        { id: 'answered', value: n(progress.answered), dot: DISPOSITION_COLOR.answered },
        { id: 'voicemail', value: n(progress.voicemail), dot: DISPOSITION_COLOR.voicemail },
        { id: 'noAnswer', value: n(progress.noAnswer), dot: DISPOSITION_COLOR['no-answer'] },
        { id: 'busy', value: n(progress.busy), dot: DISPOSITION_COLOR.busy },
        { id: 'failed', value: n(progress.failed), dot: DISPOSITION_COLOR.failed },
        { id: 'invalidNumber', value: n(progress.invalidNumber), dot: DISPOSITION_COLOR['invalid-number'] },
        { id: 'dncSkipped', value: n(progress.dncSkipped), hint: t('campaigns.counters.dncSkippedHint') },
      ],
    },
  ]
  return (
    <section aria-label={t('campaigns.counters.title')} className="grid gap-3">
      {groups.map((g) => (
        <dl key={g.id} className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
          {g.counters.map((c) => (
            <CounterCard key={c.id} {...c} label={t(`campaigns.counters.${c.id}`)} />
          ))}
        </dl>
      ))}
    </section>
  )
}
