import { Check } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils'
import { WIZARD_STEPS, type WizardStep } from '../lib/wizard-steps'


export function WizardSteps({ current }: { current: WizardStep }) {
  const { t } = useTranslation()
  const at = WIZARD_STEPS.indexOf(current)
  return (
    <ol aria-label={t('imports.steps.label')} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
      {WIZARD_STEPS.map((step, i) => (
        <li key={step} className="flex items-center gap-2" aria-current={i === at ? 'step' : undefined}>
          {i > 0 && <span aria-hidden className={cn('h-px w-6 bg-border', i <= at && 'bg-primary/60')} />}
          <span
            aria-hidden
            className={cn(
              'flex size-5 items-center justify-center rounded-full border text-[0.65rem] font-semibold tabular-nums',
              i < at && 'border-primary bg-primary text-primary-foreground',
              i === at && 'border-primary text-primary',
              i > at && 'text-muted-foreground',
            )}
          >
            {i < at ? <Check className="size-3" /> : i + 1}
          </span>
          <span className={cn(i === at ? 'font-medium text-foreground' : 'text-muted-foreground')}>{t(`imports.steps.${step}`)}</span>
        </li>
      ))}
    </ol>
  )
}
