import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { storeAudio } from './audio-cache'

/**
 * POST /audio/{id}/revoke-url: a new `mediaUrl`; the old one stops working at once. Nodes that
 * fetch by URL are given the new one.
 */
export async function revokeAudioUrl(id: number) {
  return unwrap(api.POST('/audio/{id}/revoke-url', { params: { path: { id } } }))
}

export function useRevokeAudioUrl() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeAudioUrl,
    onSuccess: (audio) => {
      storeAudio(queryClient, audio)
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
