import { zodResolver } from '@hookform/resolvers/zod'
import { Controller, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Input } from '@/components/ui/input'
import { formMessage } from '@/lib/forms'
import { EXTENSION_ERROR_SCOPE, EXTENSION_FIELDS, extensionSchema, type ExtensionFormValues } from '../lib/extension-form'
import { applyTelephonyError } from '../lib/server-errors'
import { CodecsField } from './codecs-field'
import { SwitchField } from '@/components/form/switch-field'

interface ExtensionFormProps {
  mode: 'create' | 'edit'
  defaultValues: ExtensionFormValues
  submitLabel: string
  /** Throws an ApiError on failure; the form shows it under the field the server named. */
  onSubmit: (values: ExtensionFormValues) => Promise<void>
}

export function ExtensionForm({ mode, defaultValues, submitLabel, onSubmit }: ExtensionFormProps) {
  const { t } = useTranslation()
  const form = useForm<ExtensionFormValues>({ resolver: zodResolver(extensionSchema), defaultValues })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const id = (field: string) => `${mode}-extension-${field}`

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      applyTelephonyError(error, form.setError, EXTENSION_FIELDS, t, EXTENSION_ERROR_SCOPE)
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          id={id('number')}
          label={t('telephony.extensions.form.number')}
          error={msg(errors.number?.message)}
          hint={t('telephony.extensions.form.numberHint')}
        >
          <Input
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('telephony.extensions.form.numberPlaceholder')}
            className="font-mono tabular-nums"
            {...form.register('number')}
          />
        </FormField>
        <FormField id={id('name')} label={t('telephony.extensions.form.name')} error={msg(errors.name?.message)} hint={t('telephony.extensions.form.nameHint')}>
          <Input autoComplete="off" placeholder={t('telephony.extensions.form.namePlaceholder')} {...form.register('name')} />
        </FormField>
      </div>
      <FormField
        id={id('callerId')}
        label={t('telephony.extensions.form.callerId')}
        error={msg(errors.callerId?.message)}
        hint={t('telephony.extensions.form.callerIdHint')}
      >
        <Input
          inputMode="tel"
          autoComplete="off"
          placeholder={t('telephony.extensions.form.callerIdPlaceholder')}
          className="font-mono tabular-nums"
          {...form.register('callerId')}
        />
      </FormField>
      <Controller
        control={form.control}
        name="codecs"
        render={({ field }) => <CodecsField id={id('codecs')} value={field.value} onChange={field.onChange} error={msg(errors.codecs?.message)} />}
      />
      <Controller
        control={form.control}
        name="enabled"
        render={({ field }) => (
          <SwitchField
            id={id('enabled')}
            label={t('telephony.extensions.form.enabled')}
            hint={t('telephony.extensions.form.enabledHint')}
            error={msg(errors.enabled?.message)}
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
