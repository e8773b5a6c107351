import type { Audio } from '@/lib/api/client'

export type DeliverySummary = 'delivered' | 'pending' | 'failed' | 'noNodes'

/**
 * Whether an audio is on every enabled PBX node (a campaign does not start otherwise): a failure
 * first, then pending, else delivered; `noNodes` when there is no enabled node to deliver to.
 */
export function deliverySummary(audio: Pick<Audio, 'delivery'>): DeliverySummary {
  if (audio.delivery.length === 0) return 'noNodes'
  if (audio.delivery.some((d) => d.state === 'failed')) return 'failed'
  if (audio.delivery.some((d) => d.state !== 'delivered')) return 'pending'
  return 'delivered'
}
