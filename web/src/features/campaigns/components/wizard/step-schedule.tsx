import { Globe2 } from 'lucide-react'
import { Controller, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormSection } from '@/components/form/form-section'
import { SelectField } from '@/components/form/select-field'
import { SwitchField } from '@/components/form/switch-field'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Input } from '@/components/ui/input'
import { formMessage } from '@/lib/forms'
import type { CampaignFormValues } from '../../lib/campaign-form'
import { TIMEZONES } from '../../lib/timezone'
import { WindowsField } from './windows-field'

/** (5) Horário: calling windows (judged in the callee's local time), holidays, time zone, start and end. */
export function StepSchedule({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  return (
    <div className="grid gap-6">
      <FormSection id="campaign-windows-title" title={t('campaigns.wizard.schedule.windows')}>
        <Alert variant="info">
          <Globe2 aria-hidden />
          <AlertDescription>{t('campaigns.wizard.schedule.localTime')}</AlertDescription>
        </Alert>
        <WindowsField form={form} />
      </FormSection>
      <Controller
        control={form.control}
        name="allowHolidays"
        render={({ field }) => (
          <SwitchField
            id="campaign-allowHolidays"
            label={t('campaigns.wizard.schedule.allowHolidays')}
            hint={field.value ? t('campaigns.wizard.schedule.allowHolidaysOn') : t('campaigns.wizard.schedule.allowHolidaysHint')}
            error={msg(errors.allowHolidays?.message)}
            checked={field.value}
            onCheckedChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />
      <Controller
        control={form.control}
        name="timezone"
        render={({ field }) => (
          <SelectField
            id="campaign-timezone"
            label={t('campaigns.wizard.schedule.timezone')}
            hint={t('campaigns.wizard.schedule.timezoneHint')}
            error={msg(errors.timezone?.message)}
            value={field.value}
            onValueChange={field.onChange}
            onBlur={field.onBlur}
            triggerRef={field.ref}
            triggerClassName="sm:max-w-xl"
            options={TIMEZONES.map((tz) => ({ value: tz, label: t(`campaigns.timezones.${tz}`) }))}
          />
        )}
      />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField id="campaign-startsAt" label={t('campaigns.wizard.schedule.startsAt')} error={msg(errors.startsAt?.message)} hint={t('campaigns.wizard.schedule.startsAtHint')}>
          <Input type="datetime-local" className="font-mono tabular-nums" {...form.register('startsAt')} />
        </FormField>
        <FormField id="campaign-endsAt" label={t('campaigns.wizard.schedule.endsAt')} error={msg(errors.endsAt?.message)} hint={t('campaigns.wizard.schedule.endsAtHint')}>
          <Input type="datetime-local" className="font-mono tabular-nums" {...form.register('endsAt')} />
        </FormField>
      </div>
    </div>
  )
}
