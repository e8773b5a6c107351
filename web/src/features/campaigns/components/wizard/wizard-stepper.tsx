import { AlertCircle, Check } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils'
import { WIZARD_STEPS, type WizardStep } from '../../lib/campaign-form'

/** The six steps as buttons (any step can be opened); done steps get a check, steps with errors a warning. */
export function WizardStepper({ current, visited, withErrors, onSelect }: { current: WizardStep; visited: ReadonlySet<WizardStep>; withErrors: ReadonlySet<WizardStep>; onSelect: (step: WizardStep) => void }) {
  const { t } = useTranslation()
  const at = WIZARD_STEPS.indexOf(current)
  return (
    <nav aria-label={t('campaigns.wizard.stepsLabel')}>
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-2">
        {WIZARD_STEPS.map((step, i) => {
          const error = withErrors.has(step)
          const done = !error && visited.has(step) && i < at
          return (
            <li key={step} className="flex items-center gap-1">
              {i > 0 && <span aria-hidden className={cn('h-px w-4 bg-border sm:w-6', i <= at && 'bg-primary/60')} />}
              <button
                type="button"
                onClick={() => onSelect(step)}
                aria-current={i === at ? 'step' : undefined}
                data-error={error || undefined}
                className={cn(
                  'flex items-center gap-2 rounded-full px-2 py-1 text-xs outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50',
                  i === at ? 'font-medium text-foreground' : 'text-muted-foreground',
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    'flex size-5 items-center justify-center rounded-full border text-[0.65rem] font-semibold tabular-nums',
                    done && 'border-primary bg-primary text-primary-foreground',
                    i === at && !error && 'border-primary text-primary',
                    error && 'border-destructive bg-destructive/15 text-destructive',
                  )}
                >
                  {error ? <AlertCircle className="size-3" /> : done ? <Check className="size-3" /> : i + 1}
                </span>
                {t(`campaigns.wizard.steps.${step}`)}
                {error && <span className="sr-only">{t('campaigns.wizard.stepHasErrors')}</span>}
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
