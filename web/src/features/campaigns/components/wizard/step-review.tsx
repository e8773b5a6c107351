import { AlertTriangle } from 'lucide-react'
import { useWatch, type UseFormReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import type { CampaignFormValues, WizardStep } from '../../lib/campaign-form'
import { CampaignSummary } from '../campaign-summary'

/** (6) Revisão: everything in words, what is still missing to start, and the save error if any. */
export function StepReview({ form, onEdit }: { form: UseFormReturn<CampaignFormValues>; onEdit: (step: WizardStep) => void }) {
  const { t } = useTranslation()
  const values = useWatch({ control: form.control }) as CampaignFormValues
  const missing = [!values.audioId && 'audio', values.listIds.length === 0 && 'lists', values.trunkIds.length === 0 && 'trunks'].filter(Boolean) as string[]
  return (
    <div className="grid gap-4">
      {missing.length > 0 && (
        <Alert variant="warning" data-testid="review-missing">
          <AlertTriangle aria-hidden />
          <AlertTitle>{t('campaigns.wizard.review.missingTitle')}</AlertTitle>
          <AlertDescription>
            <ul className="mt-1 grid gap-0.5 text-foreground">
              {missing.map((m) => (
                <li key={m}>• {t(`campaigns.wizard.review.missing.${m}`)}</li>
              ))}
            </ul>
            <p className="mt-1 text-muted-foreground">{t('campaigns.wizard.review.missingHint')}</p>
          </AlertDescription>
        </Alert>
      )}
      <CampaignSummary values={values} onEdit={onEdit} />
      <FormError message={form.formState.errors.root?.server?.message} />
    </div>
  )
}
