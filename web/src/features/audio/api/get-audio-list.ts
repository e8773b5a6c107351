import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api, type AudioKind } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every audio query; a `change` event for entity `audio` invalidates it. */
export const AUDIO_ROOT = ['audio'] as const
export const AUDIO_PAGE_SIZE = 50

export interface AudioFilters {
  kind?: AudioKind
  q: string
}

export const audioListQueryKey = ({ kind, q }: AudioFilters) => [...AUDIO_ROOT, 'list', { kind: kind ?? null, q }] as const

export async function getAudioList({ kind, q, cursor, signal }: AudioFilters & { cursor?: string | null; signal?: AbortSignal }) {
  return unwrap(
    api.GET('/audio', {
      params: { query: { kind, q: q || undefined, limit: AUDIO_PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  )
}

export const audioListQueryOptions = (filters: AudioFilters) =>
  infiniteQueryOptions({
    queryKey: audioListQueryKey(filters),
    queryFn: ({ pageParam, signal }) => getAudioList({ ...filters, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

/** Newest first; "carregar mais" follows nextCursor. */
export function useAudioList(filters: AudioFilters) {
  return useInfiniteQuery(audioListQueryOptions(filters))
}
