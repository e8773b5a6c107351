import { Controller, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { Input } from '@/components/ui/input'
import { formMessage } from '@/lib/forms'
import { useCampaignAudio, useListOptions } from '../../api/get-options'
import type { CampaignFormValues } from '../../lib/campaign-form'
import { AudioField } from './audio-field'
import { ListsField } from './lists-field'

/** (1) Básico: name, audio, contact lists and caller ID. */
export function StepBasics({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const audio = useCampaignAudio()
  const lists = useListOptions()
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  return (
    <div className="grid gap-5">
      <FormField id="campaign-name" label={t('campaigns.wizard.basics.name')} error={msg(errors.name?.message)} hint={t('campaigns.wizard.basics.nameHint')}>
        <Input autoComplete="off" placeholder={t('campaigns.wizard.basics.namePlaceholder')} {...form.register('name')} />
      </FormField>
      <Controller
        control={form.control}
        name="audioId"
        render={({ field }) => (
          <AudioField id="campaign-audio" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={msg(errors.audioId?.message)} audio={audio.data ?? []} loading={audio.isPending} />
        )}
      />
      <Controller
        control={form.control}
        name="listIds"
        render={({ field }) => (
          <ListsField id="campaign-lists" value={field.value} onChange={field.onChange} error={msg(errors.listIds?.message)} lists={lists.data ?? []} loading={lists.isPending} />
        )}
      />
      <FormField id="campaign-callerId" label={t('campaigns.wizard.basics.callerId')} error={msg(errors.callerId?.message)} hint={t('campaigns.wizard.basics.callerIdHint')}>
        <Input inputMode="numeric" autoComplete="off" placeholder={t('campaigns.wizard.basics.callerIdPlaceholder')} className="font-mono tabular-nums sm:max-w-64" {...form.register('callerId')} />
      </FormField>
    </div>
  )
}
