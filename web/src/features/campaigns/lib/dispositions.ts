import type { CampaignProgress, Disposition } from '@/lib/api/client'

export const DISPOSITIONS = ['answered', 'voicemail', 'busy', 'no-answer', 'failed', 'invalid-number', 'cancelled', 'unknown'] as const satisfies readonly Disposition[]

/** The progress counter of each disposition. */
export const DISPOSITION_COUNTER = {
  answered: 'answered',
  voicemail: 'voicemail',
  busy: 'busy',
  'no-answer': 'noAnswer',
  failed: 'failed',
  'invalid-number': 'invalidNumber',
  cancelled: 'cancelled',
  unknown: 'unknown',
} as const satisfies Record<Disposition, keyof CampaignProgress>

/** One colour per outcome, readable on the dark theme (CSS colours for the chart and the legend). */
export const DISPOSITION_COLOR: Record<Disposition, string> = {
  answered: 'var(--success)',
  voicemail: 'oklch(0.7 0.13 300)',
  busy: 'var(--warning)',
  'no-answer': 'oklch(0.7 0.12 230)',
  failed: 'var(--destructive)',
  'invalid-number': 'oklch(0.62 0.16 45)',
  cancelled: 'oklch(0.6 0.02 260)',
  unknown: 'oklch(0.45 0.02 260)',
}

export interface OutcomeSlice {
  disposition: Disposition
  value: number
}

/** The outcome mix of the attempts ended, largest first, without the empty ones. */
export function outcomeMix(p: CampaignProgress): OutcomeSlice[] {
  return DISPOSITIONS.map((d) => ({ disposition: d, value: p[DISPOSITION_COUNTER[d]] }))
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value)
}
