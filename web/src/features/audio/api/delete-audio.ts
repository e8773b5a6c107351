import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { AUDIO_ROOT } from './get-audio-list'

export async function deleteAudio(id: number) {
  await unwrap(api.DELETE('/audio/{id}', { params: { path: { id } } }))
}

export function useDeleteAudio() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteAudio,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: AUDIO_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
