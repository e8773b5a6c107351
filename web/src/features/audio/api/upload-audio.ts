import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Audio, AudioKind } from '@/lib/api/client'
import { postMultipart, type UploadProgress } from '@/lib/api/upload'
import { AUDIO_ROOT } from './get-audio-list'

export interface UploadAudioInput {
  file: File
  name: string
  kind: AudioKind
  description: string | null
  onUploadProgress?: (progress: UploadProgress) => void
  /** All bytes sent: the server is now decoding and converting (the answer takes a few seconds). */
  onUploaded?: () => void
  signal?: AbortSignal
}

/**
 * POST /audio: multipart `name`, `kind`, `description` and `file`. The server decodes, checks
 * and transcodes before answering 201 with the audio (duration, waveform), or refuses with the
 * reason. XMLHttpRequest, not fetch: it reports the upload's progress.
 */
export async function uploadAudio({ file, name, kind, description, onUploadProgress, onUploaded, signal }: UploadAudioInput) {
  const form = new FormData()
  // The text fields first: the server has them before the file's bytes stream in.
  form.append('name', name)
  form.append('kind', kind)
  if (description) form.append('description', description)
  form.append('file', file, file.name)
  return postMultipart<Audio>('/audio', form, { onUploadProgress, onUploaded, signal })
}

export function useUploadAudio() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: uploadAudio,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: AUDIO_ROOT })
      void queryClient.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}
