import { useId } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { Plus, X } from 'lucide-react'
import { Controller, useFieldArray, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { formMessage } from '@/lib/forms'
import { CONTACT_ERROR_SCOPE, contactSchema, formFieldForServerField, MAX_PHONES, serverFieldBase, type ContactFormValues } from '../lib/contact-form'

interface ContactFormProps {
  defaultValues: ContactFormValues
  /** The list's labels of custom fields 1–5. */
  customLabels: readonly (string | null)[]
  submitLabel: string
  /** Throws an ApiError on failure; the form puts it on the field the server named. */
  onSubmit: (values: ContactFormValues) => Promise<void>
}

export function ContactForm({ defaultValues, customLabels, submitLabel, onSubmit }: ContactFormProps) {
  const { t } = useTranslation()
  const uid = useId()
  const id = (name: string) => `${uid}-${name}`
  const form = useForm<ContactFormValues>({ resolver: zodResolver(contactSchema), defaultValues })
  const phones = useFieldArray({ control: form.control, name: 'phones' })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      const field = error instanceof ApiError ? formFieldForServerField(error.field, error.message) : null
      if (error instanceof ApiError && field) {
        // `phones.1` → the texts of `phones`; a 422 adds the server's words (which phone, why);
        // no text for this code: the generic one plus the server's words.
        const base = serverFieldBase(error.field)
        const specific = t(`${CONTACT_ERROR_SCOPE}.${base}.${error.code}`, { defaultValue: '' })
        const detail = error.code === 'validation' && error.message ? ` ${t('errors.serverSaid', { message: error.message })}` : ''
        const message = specific ? specific + detail : errorMessage(t, error, CONTACT_ERROR_SCOPE)
        form.setError(field, { type: 'server', message }, { shouldFocus: true })
      } else {
        form.setError('root.server', { type: 'server', message: errorMessage(t, error, CONTACT_ERROR_SCOPE) })
      }
    }
  })

  // Custom fields: the named ones first; unnamed ones are kept (and shown) only when they hold a value.
  const customIndexes = [0, 1, 2, 3, 4].filter((i) => customLabels[i] || defaultValues.custom[i])
  const unnamed = customLabels.filter((l) => !l).length

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id={id('name')} label={t('contacts.form.name')} error={msg(errors.name?.message)}>
        <Input autoComplete="off" placeholder={t('contacts.form.namePlaceholder')} {...form.register('name')} />
      </FormField>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('contacts.form.phones')}</legend>
        {phones.fields.map((field, i) => {
          const error = msg(errors.phones?.[i]?.value?.message)
          return (
            <div key={field.id} className="grid gap-1.5">
              <div className="flex items-center gap-2">
                <Label htmlFor={id(`phone-${i}`)} className="w-20 shrink-0 text-xs text-muted-foreground">
                  {t('contacts.form.phone', { n: i + 1 })}
                </Label>
                <Input
                  id={id(`phone-${i}`)}
                  inputMode="tel"
                  autoComplete="off"
                  className="font-mono"
                  placeholder={t('contacts.form.phonePlaceholder')}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? id(`phone-${i}-error`) : i === 0 ? id('phones-hint') : undefined}
                  {...form.register(`phones.${i}.value`)}
                />
                {i === 0 ? (
                  // Phone 1 is required: nothing to remove, keep the column aligned.
                  <span aria-hidden className="size-8 shrink-0" />
                ) : (
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon-sm"
                    className="shrink-0 text-muted-foreground"
                    aria-label={t('contacts.form.removePhone', { n: i + 1 })}
                    onClick={() => phones.remove(i)}
                  >
                    <X />
                  </Button>
                )}
              </div>
              {error && (
                <p id={id(`phone-${i}-error`)} className="pl-22 text-[0.8rem] font-medium text-destructive">
                  {error}
                </p>
              )}
            </div>
          )
        })}
        <div className="flex flex-wrap items-center justify-between gap-2 pl-22">
          <p id={id('phones-hint')} className="text-[0.8rem] text-muted-foreground">
            {t('contacts.form.phoneHint')}
          </p>
          {phones.fields.length < MAX_PHONES && (
            <Button type="button" variant="ghost" size="sm" onClick={() => phones.append({ value: '' })}>
              <Plus aria-hidden />
              {t('contacts.form.addPhone')}
            </Button>
          )}
        </div>
      </fieldset>

      <FormField id={id('email')} label={t('contacts.form.email')} error={msg(errors.email?.message)}>
        <Input type="email" autoComplete="off" placeholder={t('contacts.form.emailPlaceholder')} {...form.register('email')} />
      </FormField>

      {customIndexes.length > 0 && (
        <fieldset className="grid gap-3 rounded-lg border bg-muted/20 p-4">
          <legend className="px-1 text-sm font-medium">{t('contacts.form.custom')}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {customIndexes.map((i) => (
              <FormField
                key={i}
                id={id(`custom-${i}`)}
                label={customLabels[i] || t('contacts.form.customLabel', { n: i + 1 })}
                error={msg(errors.custom?.[i]?.message)}
              >
                <Input autoComplete="off" {...form.register(`custom.${i}`)} />
              </FormField>
            ))}
          </div>
          {unnamed > 0 && <p className="text-[0.8rem] text-muted-foreground">{t('contacts.form.customUnnamedHint')}</p>}
        </fieldset>
      )}

      <Controller
        control={form.control}
        name="allowInternational"
        render={({ field }) => (
          <div className="flex items-start justify-between gap-4 rounded-lg border bg-muted/30 px-4 py-3">
            <div className="grid gap-1">
              <Label htmlFor={id('international')}>{t('contacts.form.allowInternational')}</Label>
              <p className="text-[0.8rem] text-muted-foreground">{t('contacts.form.allowInternationalHint')}</p>
            </div>
            <Switch id={id('international')} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
          </div>
        )}
      />

      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
