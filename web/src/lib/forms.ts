import type { TFunction } from 'i18next'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError } from '@/lib/api/errors'
import { errorMessage, fieldErrorMessage } from '@/lib/api/messages'

/**
 * Puts an API error on the form: on the field the server named when the form has it,
 * otherwise on the form's root (shown above the buttons). Returns the message used.
 */
export function applyApiError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  t: TFunction,
  /** i18n scope with this form's own `<field>.<code>` texts, tried before `errors.fields`. */
  scope?: string,
): string {
  if (error instanceof ApiError && error.field && (fields as readonly string[]).includes(error.field)) {
    const message =
      fieldErrorMessage(t, error, scope) ??
      `${t(`errors.codes.${error.code}`)} ${t('errors.serverSaid', { message: error.message })}`
    setError(error.field as Path<T>, { type: 'server', message }, { shouldFocus: true })
    return message
  }
  const message = errorMessage(t, error, scope)
  setError('root.server' as Path<T>, { type: 'server', message })
  return message
}

/**
 * Client-side (zod) messages are i18n keys under `validation.`; server-side ones were
 * translated when they were set. This returns displayable text for either.
 */
export function formMessage(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined
  return message.startsWith('validation.') ? t(message) : message
}
