import { useId, useState } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { Plus } from 'lucide-react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { z } from 'zod'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { formMessage } from '@/lib/forms'
import { formatPhone } from '@/lib/phone'
import { useAddDnc } from '../api/add-dnc'

const schema = z.object({
  number: z
    .string()
    .trim()
    .min(1, 'validation.dncNumberRequired')
    .max(64, 'validation.phoneMax')
    .regex(/^[+\d\s().\-/]+$/, 'validation.phoneChars'),
  note: z.string().trim().max(500, 'validation.noteMax'),
})
type Values = z.infer<typeof schema>

function AddDncForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const addDnc = useAddDnc()
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { number: '', note: '' } })
  const { errors, isSubmitting } = form.formState

  const submit = form.handleSubmit(async (values) => {
    try {
      const entry = await addDnc.mutateAsync({ number: values.number, note: values.note || null })
      toast.success(t('dnc.create.success', { number: formatPhone(entry.e164) }))
      onDone()
    } catch (error) {
      // 409: already on the list; 422: the server says what is wrong with the number.
      if (error instanceof ApiError && error.code === 'conflict')
        form.setError('number', { type: 'server', message: t('dnc.conflict') }, { shouldFocus: true })
      else if (error instanceof ApiError && error.code === 'validation' && (!error.field || error.field === 'number'))
        form.setError('number', { type: 'server', message: error.message || t('dnc.invalid') }, { shouldFocus: true })
      else if (error instanceof ApiError && error.field === 'note')
        form.setError('note', { type: 'server', message: errorMessage(t, error) }, { shouldFocus: true })
      else form.setError('root.server', { type: 'server', message: errorMessage(t, error) })
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id={`${uid}-number`} label={t('dnc.form.number')} error={formMessage(t, errors.number?.message)} hint={t('dnc.form.numberHint')}>
        <Input inputMode="tel" autoComplete="off" className="font-mono" placeholder={t('dnc.form.numberPlaceholder')} {...form.register('number')} />
      </FormField>
      <FormField id={`${uid}-note`} label={t('dnc.form.note')} error={formMessage(t, errors.note?.message)}>
        <Input autoComplete="off" placeholder={t('dnc.form.notePlaceholder')} {...form.register('note')} />
      </FormField>
      <FormFooter error={errors.root?.server?.message} submitLabel={t('dnc.create.submit')} pending={isSubmitting} />
    </form>
  )
}

export function AddDncDialog() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          {t('dnc.add')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('dnc.create.title')}</DialogTitle>
          <DialogDescription>{t('dnc.create.description')}</DialogDescription>
        </DialogHeader>
        {open && <AddDncForm onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  )
}
