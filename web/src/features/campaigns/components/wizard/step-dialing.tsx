import { Controller, useWatch, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { Input } from '@/components/ui/input'
import { formMessage } from '@/lib/forms'
import { useListOptions, useTrunkOptions } from '../../api/get-options'
import type { CampaignFormValues } from '../../lib/campaign-form'
import { ConcurrencyHint } from './concurrency-hint'
import { TrunksField } from './trunks-field'

/** (2) Discagem: trunks in failover order, concurrency (with the recommendation), CPS and ring time. */
export function StepDialing({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const trunks = useTrunkOptions()
  const lists = useListOptions()
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const [listIds, maxConcurrent] = useWatch({ control: form.control, name: ['listIds', 'maxConcurrent'] })
  const contacts = (lists.data ?? []).filter((l) => listIds.includes(l.id)).reduce((n, l) => n + l.contactCount, 0)
  return (
    <div className="grid gap-5">
      <Controller
        control={form.control}
        name="trunkIds"
        render={({ field }) => (
          <TrunksField id="campaign-trunks" value={field.value} onChange={field.onChange} error={msg(errors.trunkIds?.message)} trunks={trunks.data ?? []} loading={trunks.isPending} />
        )}
      />
      <div className="grid gap-3">
        <FormField id="campaign-maxConcurrent" label={t('campaigns.wizard.dialing.maxConcurrent')} error={msg(errors.maxConcurrent?.message)} hint={t('campaigns.wizard.dialing.maxConcurrentHint')}>
          <Input type="number" inputMode="numeric" min={1} max={1000} className="font-mono tabular-nums sm:max-w-40" {...form.register('maxConcurrent', { valueAsNumber: true })} />
        </FormField>
        <ConcurrencyHint contacts={contacts} value={maxConcurrent} onPick={(n) => form.setValue('maxConcurrent', n, { shouldDirty: true, shouldValidate: true })} />
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField id="campaign-maxCps" label={t('campaigns.wizard.dialing.maxCps')} error={msg(errors.maxCps?.message)} hint={t('campaigns.wizard.dialing.maxCpsHint')}>
          <Input type="number" inputMode="decimal" min={0.1} max={100} step={0.1} className="font-mono tabular-nums" {...form.register('maxCps', { valueAsNumber: true })} />
        </FormField>
        <FormField id="campaign-ringTimeoutS" label={t('campaigns.wizard.dialing.ringTimeout')} error={msg(errors.ringTimeoutS?.message)} hint={t('campaigns.wizard.dialing.ringTimeoutHint')}>
          <Input type="number" inputMode="numeric" min={10} max={120} className="font-mono tabular-nums" {...form.register('ringTimeoutS', { valueAsNumber: true })} />
        </FormField>
      </div>
    </div>
  )
}
