import { zodResolver } from '@hookform/resolvers/zod'
import { Controller, useForm, type FieldErrors } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Input } from '@/components/ui/input'
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group'
import { Separator } from '@/components/ui/separator'
import { formMessage } from '@/lib/forms'
import { cn } from '@/lib/utils'
import { useAudioOptions } from '../api/get-audio-options'
import { useExtensions } from '../api/get-extensions'
import {
  DEFAULT_MOH,
  NO_ANNOUNCE,
  QUEUE_ERROR_ALIASES,
  QUEUE_ERROR_SCOPE,
  QUEUE_FIELDS,
  queueSchema,
  STRATEGIES,
  type QueueFormValues,
} from '../lib/queue-form'
import { applyTelephonyError } from '../lib/server-errors'
import { FormSection } from '@/components/form/form-section'
import { QueueMembersField } from './queue-members-field'
import { SelectField, type SelectOption } from '@/components/form/select-field'

interface QueueFormProps {
  mode: 'create' | 'edit'
  defaultValues: QueueFormValues
  submitLabel: string
  onSubmit: (values: QueueFormValues) => Promise<void>
}

/**
 * "none" first, then the audio offered; the saved one too when it is not among them (the list
 * is still loading, or it is older than the newest 200).
 */
function audioOptions(
  value: string,
  none: string,
  noneLabel: string,
  audio: { id: number; name: string }[] | undefined,
  missingLabel: (id: string) => string,
): SelectOption[] {
  const options = [{ value: none, label: noneLabel }, ...(audio ?? []).map((a) => ({ value: String(a.id), label: a.name }))]
  if (!options.some((o) => o.value === value)) options.push({ value, label: missingLabel(value) })
  return options
}

/** The first message about the members: the list's own, or one member's penalty. */
function membersError(errors: FieldErrors<QueueFormValues>): string | undefined {
  const e = errors.members
  if (!e) return undefined
  if (e.message) return e.message
  if (e.root?.message) return e.root.message
  if (Array.isArray(e)) for (const m of e) if (m?.penalty?.message) return m.penalty.message
  return undefined
}

export function QueueForm({ mode, defaultValues, submitLabel, onSubmit }: QueueFormProps) {
  const { t } = useTranslation()
  const form = useForm<QueueFormValues>({ resolver: zodResolver(queueSchema), defaultValues })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const id = (field: string) => `${mode}-queue-${field}`
  const extensions = useExtensions()
  const moh = useAudioOptions('moh')
  const announce = useAudioOptions(null)
  const missing = (audioId: string) => t('telephony.queues.audioMissing', { id: audioId })

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      applyTelephonyError(error, form.setError, QUEUE_FIELDS, t, QUEUE_ERROR_SCOPE, QUEUE_ERROR_ALIASES)
    }
  })

  const numberField = (name: 'timeoutS' | 'retryS' | 'maxCallers' | 'wrapupS', label: string, hint: string, max: number) => (
    <FormField id={id(name)} label={label} error={msg(errors[name]?.message)} hint={hint}>
      <Input type="number" inputMode="numeric" min={0} max={max} className="font-mono tabular-nums" {...form.register(name, { valueAsNumber: true })} />
    </FormField>
  )

  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      <FormSection id={id('section-queue')} title={t('telephony.queues.form.sections.queue')}>
        <FormField id={id('name')} label={t('telephony.queues.form.name')} error={msg(errors.name?.message)} hint={t('telephony.queues.form.nameHint')}>
          <Input autoComplete="off" spellCheck={false} placeholder={t('telephony.queues.form.namePlaceholder')} className="font-mono" {...form.register('name')} />
        </FormField>
        <Controller
          control={form.control}
          name="strategy"
          render={({ field }) => (
            <div className="grid gap-2">
              <span id={id('strategy-label')} className="text-sm leading-none font-medium">
                {t('telephony.queues.form.strategy')}
              </span>
              <RadioGroup
                value={field.value}
                onValueChange={field.onChange}
                aria-labelledby={id('strategy-label')}
                className="grid gap-2 sm:grid-cols-2"
              >
                {STRATEGIES.map((s) => (
                  <label
                    key={s}
                    htmlFor={id(`strategy-${s}`)}
                    className={cn(
                      'flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 transition-colors',
                      field.value === s ? 'border-primary/50 bg-primary/10' : 'bg-muted/20 hover:bg-muted/40',
                    )}
                  >
                    <RadioGroupItem id={id(`strategy-${s}`)} value={s} className="mt-0.5" />
                    <span className="grid gap-0.5">
                      <span className="text-sm font-medium">
                        {t(`telephony.queues.strategies.${s}.label`)} <span className="font-mono text-xs font-normal text-muted-foreground">({s})</span>
                      </span>
                      <span className="text-xs leading-snug text-muted-foreground">{t(`telephony.queues.strategies.${s}.description`)}</span>
                    </span>
                  </label>
                ))}
              </RadioGroup>
            </div>
          )}
        />
      </FormSection>

      <Separator />
      <FormSection id={id('section-timing')} title={t('telephony.queues.form.sections.timing')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          {numberField('timeoutS', t('telephony.queues.form.timeoutS'), t('telephony.queues.form.timeoutHint'), 600)}
          {numberField('retryS', t('telephony.queues.form.retryS'), t('telephony.queues.form.retryHint'), 600)}
          {numberField('maxCallers', t('telephony.queues.form.maxCallers'), t('telephony.queues.form.maxCallersHint'), 10000)}
          {numberField('wrapupS', t('telephony.queues.form.wrapupS'), t('telephony.queues.form.wrapupHint'), 3600)}
        </div>
      </FormSection>

      <Separator />
      <FormSection id={id('section-audio')} title={t('telephony.queues.form.sections.audio')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="mohAudioId"
            render={({ field }) => (
              <SelectField
                id={id('mohAudioId')}
                label={t('telephony.queues.form.moh')}
                hint={t('telephony.queues.form.mohHint')}
                error={msg(errors.mohAudioId?.message)}
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                triggerRef={field.ref}
                options={audioOptions(field.value, DEFAULT_MOH, t('telephony.queues.form.mohDefault'), moh.data, missing)}
              />
            )}
          />
          <Controller
            control={form.control}
            name="announceAudioId"
            render={({ field }) => (
              <SelectField
                id={id('announceAudioId')}
                label={t('telephony.queues.form.announce')}
                hint={t('telephony.queues.form.announceHint')}
                error={msg(errors.announceAudioId?.message)}
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                triggerRef={field.ref}
                options={audioOptions(field.value, NO_ANNOUNCE, t('telephony.queues.form.announceNone'), announce.data, missing)}
              />
            )}
          />
        </div>
      </FormSection>

      <Separator />
      <FormSection id={id('section-members')} title={t('telephony.queues.form.sections.members')}>
        <Controller
          control={form.control}
          name="members"
          render={({ field }) => (
            <QueueMembersField id={id('members')} extensions={extensions.data} value={field.value} onChange={field.onChange} error={msg(membersError(errors))} />
          )}
        />
      </FormSection>
      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
