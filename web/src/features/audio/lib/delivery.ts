import type { TFunction } from 'i18next'
import type { AudioDelivery } from '@/lib/api/client'

/**
 * Where an audio stands on the enabled PBX nodes, in one word: a failure on any node wins (it
 * needs someone to act), then a delivery still under way, then "everywhere".
 */
export type DeliverySummary =
  | { state: 'none' }
  | { state: 'failed'; failed: number; total: number }
  | { state: 'pending'; delivered: number; total: number }
  | { state: 'delivered'; total: number }

export function summarizeDelivery(delivery: readonly AudioDelivery[]): DeliverySummary {
  const total = delivery.length
  if (total === 0) return { state: 'none' }
  const failed = delivery.filter((d) => d.state === 'failed').length
  if (failed > 0) return { state: 'failed', failed, total }
  const delivered = delivery.filter((d) => d.state === 'delivered').length
  if (delivered < total) return { state: 'pending', delivered, total }
  return { state: 'delivered', total }
}

/** "Entregue em 2/2 servidores", "Entregando…", "Falha em 1 servidor", "Nenhum servidor". */
export function deliverySummaryText(t: TFunction, summary: DeliverySummary): string {
  switch (summary.state) {
    case 'none':
      return t('audio.delivery.summary.none')
    case 'delivered':
      return t('audio.delivery.summary.delivered', { count: summary.total, delivered: summary.total })
    case 'pending':
      return t('audio.delivery.summary.pending')
    case 'failed':
      return t('audio.delivery.summary.failed', { count: summary.failed })
  }
}
