import { Plus, Trash2 } from 'lucide-react'
import { Controller, useFieldArray, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { formMessage } from '@/lib/forms'
import { cn } from '@/lib/utils'
import { WEEKDAYS, type CampaignFormValues } from '../../lib/campaign-form'

/** Toggle chips Seg … Dom for one window's weekdays. */
function WeekdayChips({ id, value, onChange, invalid }: { id: string; value: number[]; onChange: (days: number[]) => void; invalid: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-wrap gap-1" role="group" aria-labelledby={`${id}-label`}>
      {WEEKDAYS.map((d) => {
        const on = value.includes(d)
        return (
          <button
            key={d}
            type="button"
            role="checkbox"
            aria-checked={on}
            aria-label={t(`campaigns.wizard.schedule.weekdaysLong.${d}`)}
            onClick={() => onChange(on ? value.filter((x) => x !== d) : [...value, d])}
            className={cn(
              'h-8 min-w-11 rounded-md border px-2 text-xs font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50',
              on ? 'border-primary bg-primary/15 text-primary' : 'text-muted-foreground hover:bg-accent',
              invalid && !on && 'border-destructive/60',
            )}
          >
            {t(`campaigns.wizard.schedule.weekdays.${d}`)}
          </button>
        )
      })}
    </div>
  )
}

/** Up to 14 windows: weekdays, start and end (HH:MM, end up to 24:00). */
export function WindowsField({ form }: { form: UseFormReturn<CampaignFormValues> }) {
  const { t } = useTranslation()
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'windows' })
  const errors = form.formState.errors.windows
  const msg = (m?: string) => formMessage(t, m)
  const listError = msg(errors?.message ?? errors?.root?.message)
  return (
    <div className="grid gap-3">
      <ul className="grid gap-3">
        {fields.map((f, i) => {
          const e = errors?.[i]
          const id = `campaign-window-${i}`
          const texts = [msg(e?.weekdays?.message), msg(e?.start?.message), msg(e?.end?.message)].filter((x, k, all) => x && all.indexOf(x) === k)
          return (
            <li key={f.id} className="grid gap-3 rounded-lg border bg-muted/20 px-3 py-3" data-testid="calling-window">
              <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
                <div className="grid gap-1.5">
                  <span id={`${id}-label`} className="text-xs font-medium text-muted-foreground">
                    {t('campaigns.wizard.schedule.window', { n: i + 1 })}
                  </span>
                  <Controller control={form.control} name={`windows.${i}.weekdays`} render={({ field }) => <WeekdayChips id={id} value={field.value} onChange={field.onChange} invalid={Boolean(e?.weekdays)} />} />
                </div>
                <div className="flex items-end gap-2">
                  <div className="grid gap-1.5">
                    <Label htmlFor={`${id}-start`} className="text-xs text-muted-foreground">
                      {t('campaigns.wizard.schedule.start')}
                    </Label>
                    <Input id={`${id}-start`} inputMode="numeric" maxLength={5} placeholder="09:00" aria-invalid={e?.start ? true : undefined} className="w-20 font-mono tabular-nums" {...form.register(`windows.${i}.start`)} />
                  </div>
                  <span className="pb-2 text-muted-foreground">–</span>
                  <div className="grid gap-1.5">
                    <Label htmlFor={`${id}-end`} className="text-xs text-muted-foreground">
                      {t('campaigns.wizard.schedule.end')}
                    </Label>
                    <Input id={`${id}-end`} inputMode="numeric" maxLength={5} placeholder="20:00" aria-invalid={e?.end ? true : undefined} className="w-20 font-mono tabular-nums" {...form.register(`windows.${i}.end`)} />
                  </div>
                </div>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon-sm"
                  className="ml-auto text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                  aria-label={t('campaigns.wizard.schedule.removeWindow', { n: i + 1 })}
                  disabled={fields.length === 1}
                  onClick={() => remove(i)}
                >
                  <Trash2 />
                </Button>
              </div>
              {texts.length > 0 && <p className="text-[0.8rem] font-medium text-destructive">{texts.join(' ')}</p>}
            </li>
          )
        })}
      </ul>
      {listError && <p className="text-[0.8rem] font-medium text-destructive">{listError}</p>}
      {fields.length < 14 && (
        <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => append({ weekdays: [0], start: '09:00', end: '14:00' })}>
          <Plus aria-hidden />
          {t('campaigns.wizard.schedule.addWindow')}
        </Button>
      )}
    </div>
  )
}
