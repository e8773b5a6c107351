import { CalendarClock, CheckCircle2, CircleDashed, Loader2, PauseCircle, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { CampaignStatus } from '@/lib/api/client'

const LOOK = {
  draft: { variant: 'muted', icon: CircleDashed },
  scheduled: { variant: 'default', icon: CalendarClock },
  running: { variant: 'success', icon: Loader2 },
  paused: { variant: 'warning', icon: PauseCircle },
  completed: { variant: 'outline', icon: CheckCircle2 },
  cancelled: { variant: 'destructive', icon: XCircle },
} as const

/** Rascunho, Agendada, Em execução (spinning), Pausada, Concluída, Cancelada. */
export function CampaignStatusBadge({ status, className, testId = 'campaign-status' }: { status: CampaignStatus; className?: string; testId?: string }) {
  const { t } = useTranslation()
  const { variant, icon: Icon } = LOOK[status]
  return (
    <Badge variant={variant} className={className} data-status={status} data-testid={testId}>
      <Icon aria-hidden className={status === 'running' ? 'animate-spin [animation-duration:2.5s]' : undefined} />
      {t(`campaigns.status.${status}`)}
    </Badge>
  )
}
