import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type Audio } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { paths } from '@/lib/api/schema'
import { AUDIO_ROOT } from './get-audio-list'

export type UpdateAudioInput = NonNullable<paths['/audio/{id}']['patch']['requestBody']>['content']['application/json']

export async function updateAudio({ id, body }: { id: number; body: UpdateAudioInput }) {
  return unwrap(api.PATCH('/audio/{id}', { params: { path: { id } }, body }))
}

export function useUpdateAudio() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateAudio,
    onSuccess: (audio: Audio) => {
      // The row shows the new name at once; the lists refetch (a new name may leave a search).
      queryClient.setQueriesData<{ pages: { items: Audio[] }[] }>({ queryKey: [...AUDIO_ROOT, 'list'] }, (data) =>
        data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((a) => (a.id === audio.id ? audio : a)) })) } : data,
      )
      void queryClient.invalidateQueries({ queryKey: AUDIO_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
