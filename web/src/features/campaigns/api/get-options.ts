import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type Audio, type ContactList } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/*
 * What the wizard picks from: campaign audio, contact lists, trunks, queues and extensions.
 * Each lives under its entity's query root, so the `change` messages that refresh those pages
 * refresh these too; trunks, queues and extensions share the telephony pages' requests and keys.
 */

/** Campaign messages with their delivery to the PBX nodes (under `audio`: `audio` and `pbx-node` changes refresh it). */
export const campaignAudioQueryKey = ['audio', 'campaign-options'] as const

async function allPages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor?: string | null }>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  // A few pages at most in practice; bounded anyway.
  for (let i = 0; i < 50; i++) {
    const page = await fetchPage(cursor)
    items.push(...page.items)
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return items
}

export function useCampaignAudio() {
  return useQuery(
    queryOptions({
      queryKey: campaignAudioQueryKey,
      queryFn: ({ signal }) =>
        allPages<Audio>((cursor) => unwrap(api.GET('/audio', { params: { query: { kind: 'campaign', limit: 200, cursor: cursor ?? undefined } }, signal }))),
      select: (items) => [...items].sort((a, b) => a.name.localeCompare(b.name)),
    }),
  )
}

/** Every contact list with its contact count (under `contact-lists`). */
export const listOptionsQueryKey = ['contact-lists', 'campaign-options'] as const

export function useListOptions() {
  return useQuery(
    queryOptions({
      queryKey: listOptionsQueryKey,
      queryFn: ({ signal }) =>
        allPages<ContactList>((cursor) => unwrap(api.GET('/contact-lists', { params: { query: { limit: 200, cursor: cursor ?? undefined } }, signal }))),
      select: (items) => [...items].sort((a, b) => a.name.localeCompare(b.name)),
    }),
  )
}

export function useTrunkOptions() {
  return useQuery(
    queryOptions({
      queryKey: ['trunks', 'list'] as const,
      queryFn: ({ signal }) => unwrap(api.GET('/trunks', { signal })),
      select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
    }),
  )
}

export function useQueueOptions({ enabled }: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({
      queryKey: ['queues', 'list'] as const,
      queryFn: ({ signal }) => unwrap(api.GET('/queues', { signal })),
      select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
    }),
    enabled,
  })
}

export function useExtensionOptions({ enabled }: { enabled: boolean }) {
  return useQuery({
    ...queryOptions({
      queryKey: ['extensions', 'list'] as const,
      queryFn: ({ signal }) => unwrap(api.GET('/extensions', { signal })),
      select: (data) => [...data.items].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true })),
    }),
    enabled,
  })
}
