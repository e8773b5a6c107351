import { useMemo } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Separator } from '@/components/ui/separator'
import { Textarea } from '@/components/ui/textarea'
import type { Trunk } from '@/lib/api/client'
import { formMessage } from '@/lib/forms'
import { NUMBER_FORMATS, TRANSPORTS, TRUNK_ERROR_SCOPE, TRUNK_FIELDS, trunkSchema, type TrunkFormValues } from '../lib/trunk-form'
import { applyTelephonyError } from '../lib/server-errors'
import { CodecsField } from './codecs-field'
import { FormSection } from '@/components/form/form-section'
import { SelectField } from '@/components/form/select-field'
import { SwitchField } from '@/components/form/switch-field'

interface TrunkFormProps {
  mode: 'create' | 'edit'
  /** The trunk being edited: whether it has a stored password decides what an empty field means. */
  trunk?: Trunk
  defaultValues: TrunkFormValues
  submitLabel: string
  onSubmit: (values: TrunkFormValues) => Promise<void>
}

/** A trunk in four parts: Conexão, Autenticação, Limites, Numeração. */
export function TrunkForm({ mode, trunk, defaultValues, submitLabel, onSubmit }: TrunkFormProps) {
  const { t } = useTranslation()
  const storedSecret = Boolean(trunk?.hasSecret)
  const schema = useMemo(() => trunkSchema(storedSecret), [storedSecret])
  const form = useForm<TrunkFormValues>({ resolver: zodResolver(schema), defaultValues })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const id = (field: string) => `${mode}-trunk-${field}`
  const [numberFormat, dialPrefix, secret, removeSecret] = useWatch({ control: form.control, name: ['numberFormat', 'dialPrefix', 'secret', 'removeSecret'] })

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      applyTelephonyError(error, form.setError, TRUNK_FIELDS, t, TRUNK_ERROR_SCOPE)
    }
  })

  const secretHint = storedSecret ? t('telephony.trunks.form.secretHintKeep') : t('telephony.trunks.form.secretHintCreate')

  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      <FormSection id={id('section-connection')} title={t('telephony.trunks.form.sections.connection')}>
        <FormField id={id('name')} label={t('telephony.trunks.form.name')} error={msg(errors.name?.message)} hint={t('telephony.trunks.form.nameHint')}>
          <Input autoComplete="off" spellCheck={false} placeholder={t('telephony.trunks.form.namePlaceholder')} className="font-mono" {...form.register('name')} />
        </FormField>
        <div className="grid items-start gap-4 sm:grid-cols-[1fr_7rem]">
          <FormField id={id('host')} label={t('telephony.trunks.form.host')} error={msg(errors.host?.message)} hint={t('telephony.trunks.form.hostHint')}>
            <Input autoComplete="off" spellCheck={false} placeholder={t('telephony.trunks.form.hostPlaceholder')} className="font-mono" {...form.register('host')} />
          </FormField>
          <FormField id={id('port')} label={t('telephony.trunks.form.port')} error={msg(errors.port?.message)}>
            <Input type="number" inputMode="numeric" min={1} max={65535} className="font-mono tabular-nums" {...form.register('port', { valueAsNumber: true })} />
          </FormField>
        </div>
        <Controller
          control={form.control}
          name="transport"
          render={({ field }) => (
            <SelectField
              id={id('transport')}
              label={t('telephony.trunks.form.transport')}
              hint={t('telephony.trunks.form.transportHint')}
              error={msg(errors.transport?.message)}
              value={field.value}
              onValueChange={field.onChange}
              onBlur={field.onBlur}
              triggerRef={field.ref}
              triggerClassName="sm:max-w-64"
              options={TRANSPORTS.map((tr) => ({ value: tr, label: t(`telephony.trunks.transports.${tr}`) }))}
            />
          )}
        />
      </FormSection>

      <Separator />
      <FormSection id={id('section-auth')} title={t('telephony.trunks.form.sections.auth')} description={t('telephony.trunks.form.authHelp')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField id={id('username')} label={t('telephony.trunks.form.username')} error={msg(errors.username?.message)} hint={t('telephony.trunks.form.usernameHint')}>
            <Input autoComplete="off" spellCheck={false} placeholder={t('telephony.trunks.form.usernamePlaceholder')} className="font-mono" {...form.register('username')} />
          </FormField>
          <div className="grid content-start gap-2">
            <FormField id={id('secret')} label={t('telephony.trunks.form.secret')} error={msg(errors.secret?.message)} hint={secretHint}>
              <Input
                type="password"
                autoComplete="new-password"
                placeholder={storedSecret && !removeSecret ? t('telephony.trunks.form.secretPlaceholderKeep') : undefined}
                disabled={removeSecret}
                {...form.register('secret')}
              />
            </FormField>
            {storedSecret && (
              <Controller
                control={form.control}
                name="removeSecret"
                render={({ field }) => (
                  <div className="flex items-start gap-2">
                    <Checkbox
                      id={id('removeSecret')}
                      checked={field.value}
                      disabled={secret !== ''}
                      onCheckedChange={(on) => field.onChange(on === true)}
                      className="mt-0.5"
                      aria-describedby={`${id('removeSecret')}-hint`}
                    />
                    <div className="grid gap-0.5">
                      <Label htmlFor={id('removeSecret')} className="text-[0.8rem] font-normal">
                        {t('telephony.trunks.form.removeSecret')}
                      </Label>
                      <p id={`${id('removeSecret')}-hint`} className="text-[0.75rem] text-muted-foreground">
                        {t('telephony.trunks.form.removeSecretHint')}
                      </p>
                    </div>
                  </div>
                )}
              />
            )}
          </div>
        </div>
        <Controller
          control={form.control}
          name="registerOutbound"
          render={({ field }) => (
            <SwitchField
              id={id('registerOutbound')}
              label={t('telephony.trunks.form.registerOutbound')}
              hint={t('telephony.trunks.form.registerOutboundHint')}
              error={msg(errors.registerOutbound?.message)}
              checked={field.value}
              onCheckedChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
        <FormField id={id('ipMatch')} label={t('telephony.trunks.form.ipMatch')} error={msg(errors.ipMatch?.message)} hint={t('telephony.trunks.form.ipMatchHint')}>
          <Textarea rows={2} spellCheck={false} placeholder={t('telephony.trunks.form.ipMatchPlaceholder')} className="min-h-12 font-mono" {...form.register('ipMatch')} />
        </FormField>
      </FormSection>

      <Separator />
      <FormSection id={id('section-limits')} title={t('telephony.trunks.form.sections.limits')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField id={id('maxChannels')} label={t('telephony.trunks.form.maxChannels')} error={msg(errors.maxChannels?.message)} hint={t('telephony.trunks.form.maxChannelsHint')}>
            <Input type="number" inputMode="numeric" min={1} max={10000} className="font-mono tabular-nums" {...form.register('maxChannels', { valueAsNumber: true })} />
          </FormField>
          <FormField id={id('maxCps')} label={t('telephony.trunks.form.maxCps')} error={msg(errors.maxCps?.message)} hint={t('telephony.trunks.form.maxCpsHint')}>
            <Input type="number" inputMode="decimal" min={0.1} max={1000} step={0.1} className="font-mono tabular-nums" {...form.register('maxCps', { valueAsNumber: true })} />
          </FormField>
        </div>
        <Controller
          control={form.control}
          name="codecs"
          render={({ field }) => <CodecsField id={id('codecs')} value={field.value} onChange={field.onChange} error={msg(errors.codecs?.message)} />}
        />
      </FormSection>

      <Separator />
      <FormSection id={id('section-numbering')} title={t('telephony.trunks.form.sections.numbering')}>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="numberFormat"
            render={({ field }) => (
              <SelectField
                id={id('numberFormat')}
                label={t('telephony.trunks.form.numberFormat')}
                hint={t('telephony.trunks.form.numberFormatHint', {
                  example: t(`telephony.trunks.numberExamples.${numberFormat}`, { prefix: dialPrefix || '015' }),
                })}
                error={msg(errors.numberFormat?.message)}
                value={field.value}
                onValueChange={field.onChange}
                onBlur={field.onBlur}
                triggerRef={field.ref}
                options={NUMBER_FORMATS.map((f) => ({ value: f, label: t(`telephony.trunks.numberFormats.${f}`) }))}
              />
            )}
          />
          {numberFormat === 'national_prefix' && (
            <FormField id={id('dialPrefix')} label={t('telephony.trunks.form.dialPrefix')} error={msg(errors.dialPrefix?.message)} hint={t('telephony.trunks.form.dialPrefixHint')}>
              <Input inputMode="numeric" autoComplete="off" placeholder={t('telephony.trunks.form.dialPrefixPlaceholder')} className="font-mono tabular-nums" {...form.register('dialPrefix')} />
            </FormField>
          )}
        </div>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField id={id('callerId')} label={t('telephony.trunks.form.callerId')} error={msg(errors.callerId?.message)} hint={t('telephony.trunks.form.callerIdHint')}>
            <Input inputMode="tel" autoComplete="off" placeholder={t('telephony.trunks.form.callerIdPlaceholder')} className="font-mono tabular-nums" {...form.register('callerId')} />
          </FormField>
          <FormField
            id={id('allowedPrefixes')}
            label={t('telephony.trunks.form.allowedPrefixes')}
            error={msg(errors.allowedPrefixes?.message)}
            hint={t('telephony.trunks.form.allowedPrefixesHint')}
          >
            <Input autoComplete="off" spellCheck={false} placeholder={t('telephony.trunks.form.allowedPrefixesPlaceholder')} className="font-mono" {...form.register('allowedPrefixes')} />
          </FormField>
        </div>
      </FormSection>

      <Controller
        control={form.control}
        name="enabled"
        render={({ field }) => (
          <SwitchField
            id={id('enabled')}
            label={t('telephony.trunks.form.enabled')}
            hint={t('telephony.trunks.form.enabledHint')}
            checked={field.value}
            onCheckedChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
