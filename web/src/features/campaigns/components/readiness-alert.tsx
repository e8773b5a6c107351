import { AlertTriangle, ArrowRight } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { campaignEditPath } from '@/config/paths'
import type { ReadinessProblem } from '@/lib/api/client'
import { serverFieldTarget } from '../lib/campaign-form'

/**
 * What keeps the campaign from starting, in the daemon's words (each says what to do). When a
 * problem is a setting the wizard has and the user may edit, "Corrigir" opens it at that step.
 */
export function ReadinessAlert({ campaignId, problems, canEdit }: { campaignId: number; problems: ReadinessProblem[]; canEdit: boolean }) {
  const { t } = useTranslation()
  if (problems.length === 0) return null
  return (
    <Alert variant="warning" data-testid="readiness">
      <AlertTriangle aria-hidden />
      <AlertTitle>{t('campaigns.readiness.title', { count: problems.length })}</AlertTitle>
      <AlertDescription>
        <ul className="mt-1 grid gap-1.5 text-foreground">
          {problems.map((p, i) => {
            const target = serverFieldTarget(p.field)
            const fixable = canEdit && target.step !== 'revisao'
            return (
              <li key={`${p.field}-${i}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                <span className="before:mr-2 before:text-warning before:content-['•']">{p.message}</span>
                {fixable && (
                  <Link to={campaignEditPath(campaignId, target.step)} className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline">
                    {t('campaigns.readiness.fix')}
                    <ArrowRight className="size-3" aria-hidden />
                  </Link>
                )}
              </li>
            )
          })}
        </ul>
      </AlertDescription>
    </Alert>
  )
}
