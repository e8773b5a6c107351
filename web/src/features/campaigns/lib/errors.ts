import type { TFunction } from 'i18next'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'

/**
 * A refused command or delete: the daemon's 409 says why in Portuguese and what to do (the
 * reasons it is not ready to start, "cancele-a antes"), so it is shown as it is.
 */
export function commandErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'conflict' && error.message) return error.message
  return errorMessage(t, error)
}
