import type { TFunction } from 'i18next'
import { ApiError } from './errors'

/**
 * Portuguese (or English) text for an API error, saying what to do next.
 * Field-specific text (errors.fields.<field>.<code>) wins over the generic one.
 */
export function fieldErrorMessage(t: TFunction, error: ApiError): string | undefined {
  if (!error.field) return undefined
  const key = `errors.fields.${error.field}.${error.code}`
  return t(key, { defaultValue: '' }) || undefined
}

export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.codes.unknown')
  const specific = fieldErrorMessage(t, error)
  if (specific) return specific
  const generic = t(`errors.codes.${error.code}`)
  // For validation/conflict without a known field text, add the server's explanation.
  if ((error.code === 'validation' || error.code === 'conflict' || error.code === 'bad_request') && error.message) {
    return `${generic} ${t('errors.serverSaid', { message: error.message })}`
  }
  return generic
}
