import { CheckCircle2, Loader2, ServerOff, TriangleAlert, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { AudioDelivery, AudioDeliveryState } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { deliverySummaryText, type DeliverySummary } from '../lib/delivery'

const SUMMARY = {
  none: { variant: 'muted', Icon: ServerOff },
  delivered: { variant: 'success', Icon: CheckCircle2 },
  pending: { variant: 'warning', Icon: Loader2 },
  failed: { variant: 'destructive', Icon: TriangleAlert },
} as const satisfies Record<DeliverySummary['state'], unknown>

export function DeliveryIcon({ summary, className }: { summary: DeliverySummary; className?: string }) {
  const { Icon } = SUMMARY[summary.state]
  return <Icon aria-hidden className={cn(summary.state === 'pending' && 'animate-spin', className)} />
}

/** The audio's delivery to every enabled node, in one badge. */
export function DeliverySummaryBadge({ summary, className }: { summary: DeliverySummary; className?: string }) {
  const { t } = useTranslation()
  return (
    <Badge variant={SUMMARY[summary.state].variant} className={className} data-state={summary.state}>
      <DeliveryIcon summary={summary} />
      {deliverySummaryText(t, summary)}
    </Badge>
  )
}

const NODE = {
  delivered: { variant: 'success', Icon: CheckCircle2 },
  pending: { variant: 'warning', Icon: Loader2 },
  failed: { variant: 'destructive', Icon: XCircle },
} as const satisfies Record<AudioDeliveryState, unknown>

/** One node's state: Entregue / Entregando… / Falhou. */
export function NodeDeliveryBadge({ delivery }: { delivery: Pick<AudioDelivery, 'state'> }) {
  const { t } = useTranslation()
  const { variant, Icon } = NODE[delivery.state]
  return (
    <Badge variant={variant} data-state={delivery.state}>
      <Icon aria-hidden className={delivery.state === 'pending' ? 'animate-spin' : undefined} />
      {t(`audio.delivery.states.${delivery.state}`)}
    </Badge>
  )
}
