import type { TFunction } from 'i18next'
import { ApiError } from './errors'

/**
 * Portuguese (or English) text for an API error, saying what to do next.
 * Field-specific text wins over the generic one: first `<scope>.<field>.<code>` when a feature
 * passes its own scope (fields such as `name` mean different things per entity), then
 * `errors.fields.<field>.<code>`.
 */
export function fieldErrorMessage(t: TFunction, error: ApiError, scope?: string): string | undefined {
  if (!error.field) return undefined
  const keys = [`errors.fields.${error.field}.${error.code}`]
  if (scope) keys.unshift(`${scope}.${error.field}.${error.code}`)
  for (const key of keys) {
    const text = t(key, { defaultValue: '' })
    if (text) return text
  }
  return undefined
}

export function errorMessage(t: TFunction, error: unknown, scope?: string): string {
  if (!(error instanceof ApiError)) return t('errors.codes.unknown')
  const specific = fieldErrorMessage(t, error, scope)
  if (specific) return specific
  const generic = t(`errors.codes.${error.code}`)
  // For validation/conflict without a known field text, add the server's explanation.
  if ((error.code === 'validation' || error.code === 'conflict' || error.code === 'bad_request') && error.message) {
    return `${generic} ${t('errors.serverSaid', { message: error.message })}`
  }
  return generic
}
