import type { Campaign, CampaignProgress, CampaignStatus } from '@/lib/api/client'

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const satisfies readonly CampaignStatus[]

export const isFinal = (s: CampaignStatus) => s === 'completed' || s === 'cancelled'

/**
 * What each role may do from each status (SPEC §3): admins start, cancel, edit and delete;
 * anyone signed in pauses and resumes (an emergency stop must not wait for an admin).
 * The daemon enforces it too; these only decide which buttons are shown.
 */
export function campaignActions(status: CampaignStatus, isAdmin: boolean) {
  return {
    start: isAdmin && status === 'draft',
    pause: status === 'running' || status === 'scheduled',
    resume: status === 'paused',
    cancel: isAdmin && !isFinal(status),
    edit: isAdmin && status !== 'running' && !isFinal(status),
    delete: isAdmin && (status === 'draft' || isFinal(status)),
  }
}

/** Contacts finished (completed or skipped for DNC) out of all, 0–100; null without contacts yet. */
export function progressPercent(p: Pick<CampaignProgress, 'contacts' | 'completed' | 'dncSkipped'>): number | null {
  if (!p.contacts) return null
  return Math.min(100, ((p.completed + p.dncSkipped) / p.contacts) * 100)
}

/** While the engine may have calls up: the detail page polls /live then. */
export function mayHaveCallsUp(c: Pick<Campaign, 'status' | 'progress'>) {
  return c.status === 'running' || ((c.status === 'paused' || c.status === 'cancelled') && c.progress.up > 0)
}

/**
 * Of two progress snapshots of one campaign, the newer one. Attempts ended only grow, so a
 * snapshot with fewer is older (a poll answered before a pushed message); with as many, the
 * incoming one wins (calls up and calls per minute move both ways).
 */
export function newerProgress(current: CampaignProgress | undefined, incoming: CampaignProgress | undefined): CampaignProgress | undefined {
  if (!current) return incoming
  if (!incoming) return current
  return incoming.attempts >= current.attempts ? incoming : current
}
