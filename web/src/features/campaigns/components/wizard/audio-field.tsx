import { AlertTriangle, CheckCircle2, Loader2, ServerOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { SelectField } from '@/components/form/select-field'
import { paths } from '@/config/paths'
import type { Audio } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { deliverySummary, type DeliverySummary } from '../../lib/delivery'

const DELIVERY_LOOK: Record<DeliverySummary, { icon: typeof CheckCircle2; className: string }> = {
  delivered: { icon: CheckCircle2, className: 'text-success' },
  pending: { icon: Loader2, className: 'text-muted-foreground [&>svg]:animate-spin' },
  failed: { icon: AlertTriangle, className: 'text-destructive' },
  noNodes: { icon: ServerOff, className: 'text-warning' },
}

const duration = (ms: number) => {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Whether the audio is on every PBX node: a campaign does not start before it is. */
export function DeliveryNote({ audio }: { audio: Audio }) {
  const { t } = useTranslation()
  const state = deliverySummary(audio)
  const { icon: Icon, className } = DELIVERY_LOOK[state]
  const delivered = audio.delivery.filter((d) => d.state === 'delivered').length
  return (
    <p className={cn('flex items-start gap-1.5 text-[0.8rem] [&>svg]:mt-0.5 [&>svg]:size-3.5 [&>svg]:shrink-0', className)} data-testid="audio-delivery" data-state={state}>
      <Icon aria-hidden />
      <span>
        {t(`campaigns.wizard.basics.delivery.${state}`, { done: delivered, total: audio.delivery.length })}
        {state !== 'delivered' && (
          <>
            {' '}
            <Link to={paths.audio} className="text-primary underline-offset-2 hover:underline">
              {t('campaigns.wizard.basics.delivery.openAudio')}
            </Link>
          </>
        )}
      </span>
    </p>
  )
}

/** The campaign message among the `campaign` audio, with its length and whether it reached the nodes. */
export function AudioField({ id, value, onChange, onBlur, error, audio, loading }: { id: string; value: string; onChange: (v: string) => void; onBlur: () => void; error?: string; audio: Audio[]; loading: boolean }) {
  const { t } = useTranslation()
  const selected = audio.find((a) => String(a.id) === value)
  return (
    <div className="grid gap-2">
      <SelectField
        id={id}
        label={t('campaigns.wizard.basics.audio')}
        hint={audio.length === 0 && !loading ? t('campaigns.wizard.basics.audioNone') : t('campaigns.wizard.basics.audioHint')}
        error={error}
        value={value}
        onValueChange={onChange}
        onBlur={onBlur}
        placeholder={loading ? t('common.loading') : t('campaigns.wizard.basics.audioPlaceholder')}
        disabled={audio.length === 0}
        options={audio.map((a) => ({
          value: String(a.id),
          label: (
            <span className="flex items-center gap-2">
              <span className="truncate">{a.name}</span>
              <span className="text-xs text-muted-foreground tabular-nums">{duration(a.durationMs)}</span>
            </span>
          ),
        }))}
      />
      {selected && <DeliveryNote audio={selected} />}
    </div>
  )
}
