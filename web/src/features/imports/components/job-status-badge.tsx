import { Ban, CheckCircle2, Clock, Loader2, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { JobStatus } from '@/lib/api/client'

const VARIANTS = {
  queued: { variant: 'muted', Icon: Clock },
  running: { variant: 'default', Icon: Loader2 },
  completed: { variant: 'success', Icon: CheckCircle2 },
  failed: { variant: 'destructive', Icon: XCircle },
  cancelled: { variant: 'warning', Icon: Ban },
} as const

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { t } = useTranslation()
  const { variant, Icon } = VARIANTS[status]
  return (
    <Badge variant={variant}>
      <Icon aria-hidden className={status === 'running' ? 'animate-spin' : undefined} />
      {t(`imports.status.${status}`)}
    </Badge>
  )
}
