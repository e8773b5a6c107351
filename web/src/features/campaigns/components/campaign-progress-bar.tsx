import { useTranslation } from 'react-i18next'
import { Progress } from '@/components/ui/progress'
import type { CampaignProgress, CampaignStatus } from '@/lib/api/client'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/utils'
import { progressPercent } from '../lib/status'

/** Contacts done (completed or skipped for DNC) of all, as a bar with "1.234 de 2.480 · 50%". */
export function CampaignProgressBar({ progress, status, className }: { progress: CampaignProgress; status: CampaignStatus; className?: string }) {
  const { t } = useTranslation()
  const percent = progressPercent(progress)
  const done = progress.completed + progress.dncSkipped
  const values = { done: formatNumber(done), total: formatNumber(progress.contacts), percent: Math.floor(percent ?? 0) }
  const label = percent === null ? t('campaigns.list.noContacts') : t('campaigns.list.progress', values)
  return (
    <div className={cn('grid min-w-24 gap-1', className)}>
      <Progress
        value={percent ?? 0}
        aria-label={percent === null ? label : t('campaigns.list.progressLabel', values)}
        indicatorClassName={cn(status === 'completed' && 'bg-success', status === 'cancelled' && 'bg-muted-foreground', status === 'paused' && 'bg-warning')}
      />
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums" data-testid="campaign-progress-text">
        {label}
      </span>
    </div>
  )
}
