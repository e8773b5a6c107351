import { Controller, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormSection } from '@/components/form/form-section'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { formMessage } from '@/lib/forms'
import { NEXT_PHONE_OUTCOMES, RETRY_OUTCOMES, type CampaignFormValues } from '../../lib/campaign-form'

/** (4) Novas tentativas: attempts per contact, the wait per outcome (minutes; empty: no retry), next phone. */
export function StepRetries({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  return (
    <div className="grid gap-6">
      <FormField id="campaign-maxAttempts" label={t('campaigns.wizard.retries.maxAttempts')} error={msg(errors.maxAttempts?.message)} hint={t('campaigns.wizard.retries.maxAttemptsHint')}>
        <Input type="number" inputMode="numeric" min={1} max={20} className="font-mono tabular-nums sm:max-w-40" {...form.register('maxAttempts', { valueAsNumber: true })} />
      </FormField>

      <FormSection id="campaign-delays-title" title={t('campaigns.wizard.retries.delays')} description={t('campaigns.wizard.retries.delaysHint')}>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {RETRY_OUTCOMES.map((o) => {
            const error = msg(errors.delays?.[o]?.message)
            const id = `campaign-delay-${o}`
            return (
              <div key={o} className="grid gap-1.5">
                <Label htmlFor={id}>{t(`campaigns.dispositions.${o}`)}</Label>
                <div className="flex items-center gap-2">
                  <Input
                    id={id}
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={t('campaigns.wizard.retries.noRetry')}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    className="font-mono tabular-nums placeholder:font-sans placeholder:text-xs"
                    {...form.register(`delays.${o}`)}
                  />
                  <span className="text-xs text-muted-foreground">{t('campaigns.wizard.retries.minutes')}</span>
                </div>
                {error && (
                  <p id={`${id}-error`} className="text-[0.8rem] font-medium text-destructive">
                    {error}
                  </p>
                )}
              </div>
            )
          })}
        </div>
      </FormSection>

      <Controller
        control={form.control}
        name="nextPhoneOn"
        render={({ field }) => (
          <FormSection id="campaign-nextPhone-title" title={t('campaigns.wizard.retries.nextPhone')} description={t('campaigns.wizard.retries.nextPhoneHint')}>
            <div className="flex flex-wrap gap-x-6 gap-y-2" role="group" aria-labelledby="campaign-nextPhone-title">
              {NEXT_PHONE_OUTCOMES.map((o) => (
                <div key={o} className="flex items-center gap-2">
                  <Checkbox
                    id={`campaign-nextPhone-${o}`}
                    checked={field.value.includes(o)}
                    onCheckedChange={(on) => field.onChange(on === true ? [...field.value, o] : field.value.filter((x) => x !== o))}
                  />
                  <Label htmlFor={`campaign-nextPhone-${o}`} className="font-normal">
                    {t(`campaigns.dispositions.${o}`)}
                  </Label>
                </div>
              ))}
            </div>
            {errors.nextPhoneOn?.message && <p className="text-[0.8rem] font-medium text-destructive">{msg(errors.nextPhoneOn.message)}</p>}
          </FormSection>
        )}
      />
    </div>
  )
}
