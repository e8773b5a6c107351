import type { QueryClient } from '@tanstack/react-query'
import type { Campaign, CampaignProgress } from '@/lib/api/client'
import { useEventMessage } from '@/lib/events'
import { newerProgress } from '../lib/status'
import { campaignQueryKey } from './get-campaign'
import { campaignAttemptsQueryKey } from './get-campaign-attempts'
import { campaignLiveQueryKey, type getCampaignLive } from './get-campaign-live'
import { campaignsQueryKey, type CampaignList } from './get-campaigns'

type Live = Awaited<ReturnType<typeof getCampaignLive>>

/** `next` is not older than `current` (by `updatedAt`); unparsable dates never block. */
function notOlder(next: Campaign, current: Campaign) {
  const a = Date.parse(next.updatedAt)
  const b = Date.parse(current.updatedAt)
  return Number.isNaN(a) || Number.isNaN(b) || a >= b
}

/** The campaign as pushed, keeping the newer of the two progress snapshots. */
function merge(current: Campaign, next: Campaign): Campaign {
  if (!notOlder(next, current)) return current
  return { ...next, progress: newerProgress(current.progress, next.progress) ?? next.progress }
}

/**
 * Applies a campaign pushed by a `campaign` message (a status change) to the cached list and
 * detail, in place. A campaign the list does not know yet makes it refetch. A new status also
 * refreshes the calls up and the call log once (they stop being polled when it stops).
 */
export function applyCampaign(queryClient: QueryClient, campaign: Campaign) {
  const list = queryClient.getQueryData<CampaignList>(campaignsQueryKey)
  if (list) {
    if (list.items.some((c) => c.id === campaign.id))
      queryClient.setQueryData<CampaignList>(campaignsQueryKey, { ...list, items: list.items.map((c) => (c.id === campaign.id ? merge(c, campaign) : c)) })
    else void queryClient.invalidateQueries({ queryKey: campaignsQueryKey, exact: true })
  }
  const before = queryClient.getQueryData<Campaign>(campaignQueryKey(campaign.id))
  if (before) {
    queryClient.setQueryData<Campaign>(campaignQueryKey(campaign.id), merge(before, campaign))
    if (before.status !== campaign.status) {
      void queryClient.invalidateQueries({ queryKey: campaignLiveQueryKey(campaign.id) })
      void queryClient.invalidateQueries({ queryKey: campaignAttemptsQueryKey(campaign.id) })
    }
  }
}

/** Applies a running campaign's live counters (`campaign-progress`) wherever they are cached; never backwards. */
export function applyCampaignProgress(queryClient: QueryClient, campaignId: number, progress: CampaignProgress) {
  const list = queryClient.getQueryData<CampaignList>(campaignsQueryKey)
  if (list?.items.some((c) => c.id === campaignId && newerProgress(c.progress, progress) === progress)) {
    queryClient.setQueryData<CampaignList>(campaignsQueryKey, {
      ...list,
      items: list.items.map((c) => (c.id === campaignId ? { ...c, progress: newerProgress(c.progress, progress)! } : c)),
    })
  }
  queryClient.setQueryData<Campaign>(campaignQueryKey(campaignId), (c) =>
    c && newerProgress(c.progress, progress) === progress ? { ...c, progress } : c,
  )
  const live = queryClient.getQueryData<Live>(campaignLiveQueryKey(campaignId))
  if (live && newerProgress(live.progress, progress) === progress) {
    queryClient.setQueryData<Live>(campaignLiveQueryKey(campaignId), { ...live, progress })
    // Calls came up or ended since the last poll: fetch the list of calls now rather than in 2 s.
    if (live.calls.length !== progress.up)
      void queryClient.invalidateQueries({ queryKey: campaignLiveQueryKey(campaignId), exact: true }, { cancelRefetch: false })
  }
}

/** Keeps cached campaigns current from the events feed. Mounted once by the app shell. */
export function useCampaignEvents() {
  useEventMessage('campaign', (message, queryClient) => {
    if (!message.campaign || typeof message.campaign.id !== 'number') return
    applyCampaign(queryClient, message.campaign as Campaign)
  })
  useEventMessage('campaign-progress', (message, queryClient) => {
    if (typeof message.campaignId !== 'number' || !message.progress) return
    applyCampaignProgress(queryClient, message.campaignId, message.progress)
  })
}
