import { useId } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { applyApiError, formMessage } from '@/lib/forms'
import { LIST_ERROR_SCOPE, listSchema, type ListFormValues } from '../lib/list-form'

const FIELDS = ['name', 'description', 'customLabels'] as const

interface ContactListFormProps {
  defaultValues: ListFormValues
  submitLabel: string
  /** Throws an ApiError on failure; the form maps it to fields. */
  onSubmit: (values: ListFormValues) => Promise<void>
}

export function ContactListForm({ defaultValues, submitLabel, onSubmit }: ContactListFormProps) {
  const { t } = useTranslation()
  const uid = useId()
  const form = useForm<ListFormValues>({ resolver: zodResolver(listSchema), defaultValues })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      // A label error (`customLabels.2`) goes on that label; the others on their field or the form.
      const field = (error as { field?: string }).field
      const label = field && /^customLabels[.[](\d)/.exec(field)
      if (label) {
        form.setError(`customLabels.${Number(label[1])}`, { type: 'server', message: t(`${LIST_ERROR_SCOPE}.customLabels.validation`) })
        return
      }
      applyApiError(error, form.setError, FIELDS, t, LIST_ERROR_SCOPE)
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id={`${uid}-name`} label={t('contactLists.form.name')} error={msg(errors.name?.message)}>
        <Input autoComplete="off" placeholder={t('contactLists.form.namePlaceholder')} {...form.register('name')} />
      </FormField>
      <FormField id={`${uid}-description`} label={t('contactLists.form.description')} error={msg(errors.description?.message)}>
        <Textarea rows={2} placeholder={t('contactLists.form.descriptionPlaceholder')} {...form.register('description')} />
      </FormField>
      <fieldset className="grid gap-3 rounded-lg border bg-muted/20 p-4">
        <legend className="px-1 text-sm font-medium">{t('contactLists.form.customLabels')}</legend>
        <p className="-mt-1 text-[0.8rem] text-muted-foreground">{t('contactLists.form.customLabelsHint')}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {[0, 1, 2, 3, 4].map((i) => (
            <FormField
              key={i}
              id={`${uid}-label-${i}`}
              label={<span className="text-xs text-muted-foreground">{t('contactLists.form.customLabel', { n: i + 1 })}</span>}
              error={msg(errors.customLabels?.[i]?.message)}
            >
              <Input autoComplete="off" className="h-8" placeholder={t('contactLists.form.customLabelPlaceholder')} {...form.register(`customLabels.${i}`)} />
            </FormField>
          ))}
        </div>
      </fieldset>
      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
