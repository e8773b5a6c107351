import { z } from 'zod'
import type { Audio, AudioKind } from '@/lib/api/client'
import type { UpdateAudioInput } from '../api/update-audio'
import { AUDIO_NAME_MAX } from './file-name'

/** i18n scope of the audio forms' server-error texts (`audio.serverErrors.<field>.<code>`). */
export const AUDIO_ERROR_SCOPE = 'audio.serverErrors'

export const AUDIO_KINDS: readonly AudioKind[] = ['campaign', 'moh']

const name = z
  .string()
  .trim()
  .min(1, 'validation.audioNameRequired')
  .max(AUDIO_NAME_MAX, 'validation.audioNameMax')
  // The server refuses slashes and control characters in names.
  .refine((v) => !/[\\/\p{Cc}]/u.test(v), 'validation.audioNameChars')
const description = z.string().trim().max(1000, 'validation.descriptionMax')

export const editAudioSchema = z.object({ name, description })
export type EditAudioValues = z.infer<typeof editAudioSchema>

export function valuesFromAudio(audio: Audio): EditAudioValues {
  return { name: audio.name, description: audio.description ?? '' }
}

/** PATCH body with only what changed. */
export function audioChanges(audio: Audio, v: EditAudioValues): UpdateAudioInput {
  const body: UpdateAudioInput = {}
  if (v.name.trim() !== audio.name) body.name = v.name.trim()
  if ((v.description.trim() || null) !== (audio.description ?? null)) body.description = v.description.trim() || null
  return body
}

/** One form for all the files of an upload; `key` ties each row to its file and upload state. */
export const uploadSchema = z.object({
  items: z
    .array(z.object({ key: z.string(), name, kind: z.enum(['campaign', 'moh']), description }))
    .superRefine((items, ctx) => {
      // Two files of the same kind with the same name: the server would refuse the second.
      const seen = new Set<string>()
      items.forEach((item, i) => {
        const id = `${item.kind}\u0000${item.name.trim().toLocaleLowerCase('pt-BR')}`
        if (item.name.trim() && seen.has(id)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'validation.audioNameRepeated' })
        seen.add(id)
      })
    }),
})
export type UploadValues = z.infer<typeof uploadSchema>
export type UploadItemValues = UploadValues['items'][number]
