import type { QueryClient } from '@tanstack/react-query'
import type { Audio } from '@/lib/api/client'
import { AUDIO_ROOT } from './get-audio-list'
import { audioQueryKey } from './get-audio'

/**
 * Puts an audio the server just answered with into every cached view of it (its own query and
 * the rows of the lists), so the page shows it at once, then refetches the lists.
 */
export function storeAudio(queryClient: QueryClient, audio: Audio) {
  queryClient.setQueryData(audioQueryKey(audio.id), audio)
  queryClient.setQueriesData<{ pages: { items: Audio[] }[] }>({ queryKey: [...AUDIO_ROOT, 'list'] }, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((a) => (a.id === audio.id ? audio : a)) })) } : data,
  )
  void queryClient.invalidateQueries({ queryKey: [...AUDIO_ROOT, 'list'] })
}
