import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type AudioKind } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/**
 * The audio a queue can use (music on hold: `moh` only; announcement: any), for the queue
 * form's pickers and the list's labels. Under the `audio` root: an `audio` change refreshes it.
 */
export const audioOptionsQueryKey = (kind: AudioKind | null) => ['audio', 'options', { kind }] as const

export async function getAudioOptions({ kind, signal }: { kind: AudioKind | null; signal?: AbortSignal }) {
  return unwrap(api.GET('/audio', { params: { query: { kind: kind ?? undefined, limit: 200 } }, signal }))
}

export const audioOptionsQueryOptions = (kind: AudioKind | null) =>
  queryOptions({
    queryKey: audioOptionsQueryKey(kind),
    queryFn: ({ signal }) => getAudioOptions({ kind, signal }),
    select: (page) => page.items.map((a) => ({ id: a.id, name: a.name, kind: a.kind })).sort((a, b) => a.name.localeCompare(b.name)),
    staleTime: 60_000,
  })

/** `kind` null: every audio (the newest 200). */
export function useAudioOptions(kind: AudioKind | null) {
  return useQuery(audioOptionsQueryOptions(kind))
}
