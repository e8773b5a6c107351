import type { TFunction } from 'i18next'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'

/**
 * Puts a telephony API error on the form. The daemon's 422 messages for extensions, queues and
 * trunks are Portuguese and say what is accepted ("Use de 2 a 8 dígitos (ex.: 1001)."), so the
 * field the server named shows that message as it is; a 409 on a field (number or name taken)
 * uses `<scope>.<field>.conflict`. `aliases` maps server field names the form shows elsewhere
 * (a queue member's `penalty` → `members`). Anything else goes to the form's root.
 */
export function applyTelephonyError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  t: TFunction,
  scope: string,
  aliases: Record<string, Path<T>> = {},
): string {
  if (error instanceof ApiError && error.field) {
    const field = (aliases[error.field] ?? error.field) as Path<T>
    if ((fields as readonly string[]).includes(field)) {
      const message =
        error.code === 'conflict'
          ? t(`${scope}.${error.field}.conflict`, { defaultValue: error.message })
          : error.message || errorMessage(t, error)
      setError(field, { type: 'server', message }, { shouldFocus: true })
      return message
    }
  }
  const message = errorMessage(t, error)
  setError('root.server' as Path<T>, { type: 'server', message })
  return message
}

/** A 409 on delete: the daemon's message names what uses the item ("… é membro da(s) fila(s) "suporte": tire-o de lá…"). */
export function deleteErrorText(t: TFunction, error: unknown): string | undefined {
  if (!error) return undefined
  if (error instanceof ApiError && error.code === 'conflict' && error.message) return error.message
  return errorMessage(t, error)
}
