import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { storeAudio } from './audio-cache'

/**
 * POST /audio/{id}/deliver: delivers to every enabled node again now (after fixing a directory's
 * permissions, say). Answers with the audio and its `delivery` (or where it stands after 10 s).
 */
export async function deliverAudio(id: number) {
  return unwrap(api.POST('/audio/{id}/deliver', { params: { path: { id } } }))
}

export function useDeliverAudio() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deliverAudio,
    onSuccess: (audio) => storeAudio(queryClient, audio),
  })
}
