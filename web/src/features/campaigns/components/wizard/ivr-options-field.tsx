import { Controller, useWatch, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import type { Audio } from '@/lib/api/client'
import { formMessage } from '@/lib/forms'
import { cn } from '@/lib/utils'
import { useExtensionOptions, useQueueOptions } from '../../api/get-options'
import { IVR_ACTIONS, IVR_KEYS, isTransfer, type CampaignFormValues } from '../../lib/campaign-form'

const NO_AUDIO = 'none'

function Picker({ id, label, value, onChange, options, placeholder, error, disabled }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string; error?: string; disabled?: boolean }) {
  return (
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <SelectTrigger id={id} aria-label={label} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="h-8 text-xs">
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  )
}

/** One key of the menu: its action, where a transfer goes and how long it waits, and an audio to play first. */
function IvrKeyRow({ form, keyDigit, audio }: { form: UseFormReturn<CampaignFormValues>; keyDigit: string; audio: Audio[] }) {
  const { t } = useTranslation()
  const i = Number(keyDigit)
  const action = useWatch({ control: form.control, name: `ivrOptions.${i}.action` })
  const queues = useQueueOptions({ enabled: action === 'queue' })
  const extensions = useExtensionOptions({ enabled: action === 'extension' })
  const errors = form.formState.errors.ivrOptions?.[i]
  const rowErrors = [errors?.action?.message, errors?.target?.message, errors?.timeoutS?.message, errors?.audioId?.message].map((m) => formMessage(t, m)).filter(Boolean)
  const id = (f: string) => `campaign-ivr-${keyDigit}-${f}`
  const targets =
    action === 'queue'
      ? (queues.data ?? []).map((q) => ({ value: q.name, label: q.name }))
      : (extensions.data ?? []).map((e) => ({ value: e.number, label: `${e.number} — ${e.name}` }))
  const used = action !== 'none'

  return (
    <li className={cn('grid gap-2 px-3 py-2.5', !used && 'opacity-80')} data-testid="ivr-key" data-key={keyDigit}>
      <div className="grid items-center gap-2 sm:grid-cols-[2.5rem_minmax(11rem,1.2fr)_minmax(9rem,1fr)_5.5rem_minmax(9rem,1fr)]">
        <span className={cn('flex size-8 items-center justify-center rounded-md border font-mono text-sm font-semibold', used ? 'border-primary/50 bg-primary/10 text-primary' : 'text-muted-foreground')} aria-hidden>
          {keyDigit}
        </span>
        <Controller
          control={form.control}
          name={`ivrOptions.${i}.action`}
          render={({ field }) => (
            <Picker
              id={id('action')}
              label={t('campaigns.wizard.answering.keyAction', { key: keyDigit })}
              value={field.value}
              onChange={(v) => {
                field.onChange(v)
                form.setValue(`ivrOptions.${i}.target`, '')
              }}
              options={IVR_ACTIONS.map((a) => ({ value: a, label: t(`campaigns.wizard.answering.actions.${a}`) }))}
              error={errors?.action?.message}
            />
          )}
        />
        {isTransfer(action) ? (
          <>
            <Controller
              control={form.control}
              name={`ivrOptions.${i}.target`}
              render={({ field }) => (
                <Picker
                  id={id('target')}
                  label={t(`campaigns.wizard.answering.${action === 'queue' ? 'keyQueue' : 'keyExtension'}`, { key: keyDigit })}
                  value={field.value}
                  onChange={field.onChange}
                  options={targets}
                  placeholder={t(`campaigns.wizard.answering.${action === 'queue' ? 'queuePlaceholder' : 'extensionPlaceholder'}`)}
                  error={errors?.target?.message}
                  disabled={targets.length === 0}
                />
              )}
            />
            <Input
              type="number"
              inputMode="numeric"
              min={5}
              max={3600}
              aria-label={t('campaigns.wizard.answering.keyTimeout', { key: keyDigit })}
              aria-invalid={errors?.timeoutS ? true : undefined}
              className="h-8 font-mono text-xs tabular-nums"
              {...form.register(`ivrOptions.${i}.timeoutS`, { valueAsNumber: true })}
            />
          </>
        ) : (
          <span className="hidden text-xs text-muted-foreground sm:col-span-2 sm:block">{used ? t(`campaigns.wizard.answering.actionHints.${action}`) : ''}</span>
        )}
        {used ? (
          <Controller
            control={form.control}
            name={`ivrOptions.${i}.audioId`}
            render={({ field }) => (
              <Picker
                id={id('audio')}
                label={t('campaigns.wizard.answering.keyAudio', { key: keyDigit })}
                value={field.value || NO_AUDIO}
                onChange={(v) => field.onChange(v === NO_AUDIO ? '' : v)}
                options={[{ value: NO_AUDIO, label: t('campaigns.wizard.answering.noAudio') }, ...audio.map((a) => ({ value: String(a.id), label: a.name }))]}
                error={errors?.audioId?.message}
              />
            )}
          />
        ) : (
          <span />
        )}
      </div>
      {rowErrors.length > 0 && (
        <p id={id(errors?.target ? 'target' : 'action') + '-error'} className="text-[0.8rem] font-medium text-destructive sm:pl-12" role="alert">
          {rowErrors.join(' ')}
        </p>
      )}
    </li>
  )
}

/** The keys 1–9 and 0, in the keypad's order. */
export function IvrOptionsField({ form, audio }: { form: UseFormReturn<CampaignFormValues>; audio: Audio[] }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-2">
      <div className="hidden gap-2 px-3 text-xs font-medium text-muted-foreground sm:grid sm:grid-cols-[2.5rem_minmax(11rem,1.2fr)_minmax(9rem,1fr)_5.5rem_minmax(9rem,1fr)]" aria-hidden>
        <span>{t('campaigns.wizard.answering.columns.key')}</span>
        <span>{t('campaigns.wizard.answering.columns.action')}</span>
        <span>{t('campaigns.wizard.answering.columns.target')}</span>
        <span>{t('campaigns.wizard.answering.columns.timeout')}</span>
        <span>{t('campaigns.wizard.answering.columns.audio')}</span>
      </div>
      <ul className="divide-y rounded-lg border bg-muted/20" aria-label={t('campaigns.wizard.answering.keysLabel')}>
        {IVR_KEYS.map((k) => (
          <IvrKeyRow key={k} form={form} keyDigit={k} audio={audio} />
        ))}
      </ul>
    </div>
  )
}
