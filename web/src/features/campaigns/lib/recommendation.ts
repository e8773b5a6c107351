export type ConcurrencyTier = 'upTo1k' | 'upTo10k' | 'above10k'

export const CONCURRENCY_TIERS: readonly { tier: ConcurrencyTier; min: number; max: number }[] = [
  { tier: 'upTo1k', min: 10, max: 20 },
  { tier: 'upTo10k', min: 30, max: 50 },
  { tier: 'above10k', min: 50, max: 100 },
]

/** Which recommendation applies to a campaign of `contacts` (up to 1.000, up to 10.000, above). */
export function concurrencyTier(contacts: number): ConcurrencyTier {
  if (contacts <= 1000) return 'upTo1k'
  if (contacts <= 10_000) return 'upTo10k'
  return 'above10k'
}
