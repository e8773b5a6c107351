import { Controller, useWatch, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { SwitchField } from '@/components/form/switch-field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group'
import { formMessage } from '@/lib/forms'
import { useCampaignAudio } from '../../api/get-options'
import type { CampaignFormValues } from '../../lib/campaign-form'
import { IvrOptionsField } from './ivr-options-field'

/** (3) Atendimento: answering-machine detection and what to do on one; the key menu (URA). */
export function StepAnswering({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const audio = useCampaignAudio()
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const [amdEnabled, ivrEnabled] = useWatch({ control: form.control, name: ['amdEnabled', 'ivrEnabled'] })
  return (
    <div className="grid gap-5">
      <Controller
        control={form.control}
        name="amdEnabled"
        render={({ field }) => (
          <SwitchField id="campaign-amd" label={t('campaigns.wizard.answering.amd')} hint={t('campaigns.wizard.answering.amdHint')} error={msg(errors.amdEnabled?.message)} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
        )}
      />
      <Controller
        control={form.control}
        name="machineAction"
        render={({ field }) => (
          <fieldset className="grid gap-2 pl-1" disabled={!amdEnabled} aria-describedby="campaign-machineAction-hint">
            <legend className="mb-2 text-sm font-medium">{t('campaigns.wizard.answering.machineAction')}</legend>
            <RadioGroup value={field.value} onValueChange={field.onChange} disabled={!amdEnabled} className="gap-2 sm:grid-flow-col sm:justify-start sm:gap-6">
              {(['hangup', 'message'] as const).map((a) => (
                <div key={a} className="flex items-center gap-2">
                  <RadioGroupItem id={`campaign-machineAction-${a}`} value={a} />
                  <Label htmlFor={`campaign-machineAction-${a}`} className="font-normal">
                    {t(`campaigns.wizard.answering.machineActions.${a}`)}
                  </Label>
                </div>
              ))}
            </RadioGroup>
            <p id="campaign-machineAction-hint" className="text-[0.8rem] text-muted-foreground">
              {msg(errors.machineAction?.message) ?? (amdEnabled ? t('campaigns.wizard.answering.machineActionHint') : t('campaigns.wizard.answering.machineActionOff'))}
            </p>
          </fieldset>
        )}
      />
      <Controller
        control={form.control}
        name="ivrEnabled"
        render={({ field }) => (
          <SwitchField id="campaign-ivr" label={t('campaigns.wizard.answering.ivr')} hint={t('campaigns.wizard.answering.ivrHint')} error={msg(errors.ivrEnabled?.message)} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
        )}
      />
      {ivrEnabled && (
        <>
          <IvrOptionsField form={form} audio={audio.data ?? []} />
          <FormField id="campaign-readTimeoutS" label={t('campaigns.wizard.answering.readTimeout')} error={msg(errors.readTimeoutS?.message)} hint={t('campaigns.wizard.answering.readTimeoutHint')}>
            <Input type="number" inputMode="numeric" min={1} max={30} className="font-mono tabular-nums sm:max-w-40" {...form.register('readTimeoutS', { valueAsNumber: true })} />
          </FormField>
        </>
      )}
    </div>
  )
}
