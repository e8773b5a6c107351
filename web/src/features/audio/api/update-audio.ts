import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import type { paths } from '@/lib/api/schema'
import { storeAudio } from './audio-cache'

export type UpdateAudioInput = NonNullable<paths['/audio/{id}']['patch']['requestBody']>['content']['application/json']

export async function updateAudio({ id, body }: { id: number; body: UpdateAudioInput }) {
  return unwrap(api.PATCH('/audio/{id}', { params: { path: { id } }, body }))
}

export function useUpdateAudio() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateAudio,
    onSuccess: (audio) => {
      // The row shows the new name at once; the lists refetch (a new name may leave a search).
      storeAudio(queryClient, audio)
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
