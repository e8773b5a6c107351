import { useId } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import type { Audio } from '@/lib/api/client'
import { applyApiError, formMessage } from '@/lib/forms'
import { useUpdateAudio } from '../api/update-audio'
import { AUDIO_ERROR_SCOPE, audioChanges, editAudioSchema, valuesFromAudio, type EditAudioValues } from '../lib/audio-form'

const FIELDS = ['name', 'description'] as const

function EditAudioForm({ audio, onDone }: { audio: Audio; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const updateAudio = useUpdateAudio()
  const form = useForm<EditAudioValues>({ resolver: zodResolver(editAudioSchema), defaultValues: valuesFromAudio(audio) })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)

  const submit = form.handleSubmit(async (values) => {
    const body = audioChanges(audio, values)
    try {
      if (Object.keys(body).length > 0) {
        const updated = await updateAudio.mutateAsync({ id: audio.id, body })
        toast.success(t('audio.edit.success', { name: updated.name }))
      }
      onDone()
    } catch (error) {
      // 409: another audio of this kind has the name.
      applyApiError(error, form.setError, FIELDS, t, AUDIO_ERROR_SCOPE)
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id={`${uid}-name`} label={t('audio.form.name')} error={msg(errors.name?.message)} hint={t('audio.form.nameHint')}>
        <Input autoComplete="off" {...form.register('name')} />
      </FormField>
      <FormField id={`${uid}-description`} label={t('audio.form.description')} error={msg(errors.description?.message)}>
        <Textarea rows={3} placeholder={t('audio.form.descriptionPlaceholder')} {...form.register('description')} />
      </FormField>
      <FormFooter error={errors.root?.server?.message} submitLabel={t('common.saveChanges')} pending={isSubmitting} />
    </form>
  )
}

/** Rename an audio or change its description (PATCH /audio/{id}). */
export function EditAudioDialog({ audio, onOpenChange }: { audio: Audio | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  return (
    <Dialog open={audio !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('audio.edit.title')}</DialogTitle>
          <DialogDescription>{audio ? t('audio.edit.description', { name: audio.name }) : null}</DialogDescription>
        </DialogHeader>
        {audio && <EditAudioForm key={audio.id} audio={audio} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  )
}
