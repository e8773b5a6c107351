import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, type Audio } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { AUDIO_ROOT } from './get-audio-list'

export const audioQueryKey = (id: number) => [...AUDIO_ROOT, 'detail', id] as const

export async function getAudio({ id, signal }: { id: number; signal?: AbortSignal }) {
  return unwrap(api.GET('/audio/{id}', { params: { path: { id } }, signal }))
}

/** While a node is still being written to, look again now and then (the change feed may be down). */
const PENDING_POLL_MS = 3000

export const audioQueryOptions = (id: number) =>
  queryOptions({
    queryKey: audioQueryKey(id),
    queryFn: ({ signal }) => getAudio({ id, signal }),
    refetchInterval: (query) => (query.state.data?.delivery.some((d) => d.state === 'pending') ? PENDING_POLL_MS : false),
  })

/**
 * One audio with its delivery to the PBX nodes, fresh from the server; `shown` (the list's row)
 * fills the view until it answers. A `change` event for `audio` refetches it.
 */
export function useAudio(id: number, shown?: Audio) {
  return useQuery({ ...audioQueryOptions(id), placeholderData: shown })
}
