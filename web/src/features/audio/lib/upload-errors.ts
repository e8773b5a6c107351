import type { TFunction } from 'i18next'
import { ApiError } from '@/lib/api/errors'
import { errorMessage, fieldErrorMessage } from '@/lib/api/messages'
import { AUDIO_ERROR_SCOPE } from './audio-form'

/** Where a refused upload's message goes: on the file's name or description field, or under the file. */
export interface UploadFailure {
  field: 'name' | 'description' | null
  message: string
}

/** "o áudio tem 8 canais" → "O áudio tem 8 canais." */
function sentence(text: string): string {
  const s = text.trim()
  if (!s) return s
  return `${s[0]!.toLocaleUpperCase('pt-BR')}${s.slice(1)}${/[.!?…]$/.test(s) ? '' : '.'}`
}

/**
 * Text for a failed upload, saying what to do. The server decides whether a file is audio by
 * decoding it, and its 422 says why it could not use it ("o áudio tem 8 canais: envie uma
 * gravação mono ou estéreo"), in Portuguese: that reason is shown as is. A taken name (409)
 * goes on the name field.
 */
export function describeUploadError(t: TFunction, error: unknown): UploadFailure {
  if (!(error instanceof ApiError)) return { field: null, message: errorMessage(t, error, AUDIO_ERROR_SCOPE) }
  if (error.code === 'conflict' && (!error.field || error.field === 'name'))
    return { field: 'name', message: t(`${AUDIO_ERROR_SCOPE}.name.conflict`) }
  if (error.field === 'name' || error.field === 'description') {
    const specific = fieldErrorMessage(t, error, AUDIO_ERROR_SCOPE)
    return { field: error.field, message: specific ?? errorMessage(t, error, AUDIO_ERROR_SCOPE) }
  }
  if (error.code === 'payload_too_large' || error.code === 'unsupported_media_type')
    return { field: null, message: t(`${AUDIO_ERROR_SCOPE}.file.${error.code}`) }
  if (error.code === 'validation')
    return { field: null, message: error.message ? sentence(error.message) : t(`${AUDIO_ERROR_SCOPE}.file.validation`) }
  return { field: null, message: errorMessage(t, error, AUDIO_ERROR_SCOPE) }
}

export const isAbortError = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'
