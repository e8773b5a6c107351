import type { ErrorCode } from './client'

export type ClientErrorCode = ErrorCode | 'network' | 'unknown'

/** Every failed API call is turned into this, whatever went wrong. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ClientErrorCode
  readonly field?: string
  /** Seconds from a Retry-After header (429). */
  readonly retryAfter?: number

  constructor(opts: { status: number; code: ClientErrorCode; message: string; field?: string; retryAfter?: number }) {
    super(opts.message)
    this.name = 'ApiError'
    this.status = opts.status
    this.code = opts.code
    this.field = opts.field
    this.retryAfter = opts.retryAfter
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'bad_request',
  'validation',
  'unauthorized',
  'forbidden',
  'csrf',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
])

function codeForStatus(status: number): ClientErrorCode {
  switch (status) {
    case 400:
      return 'bad_request'
    case 401:
      return 'unauthorized'
    case 403:
      return 'forbidden'
    case 404:
      return 'not_found'
    case 405:
      return 'method_not_allowed'
    case 409:
      return 'conflict'
    case 413:
      return 'payload_too_large'
    case 415:
      return 'unsupported_media_type'
    case 422:
      return 'validation'
    case 429:
      return 'rate_limited'
    default:
      return status >= 500 ? 'internal' : 'unknown'
  }
}

type ResponseLike = Pick<Response, 'status' | 'statusText' | 'headers'>

function parseRetryAfter(response: ResponseLike): number | undefined {
  const value = response.headers.get('Retry-After')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(value)
  if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000))
  return undefined
}

export function toApiError(response: ResponseLike, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error
  const code =
    typeof err?.code === 'string' && KNOWN_CODES.has(err.code) ? (err.code as ErrorCode) : codeForStatus(response.status)
  return new ApiError({
    status: response.status,
    code,
    message: typeof err?.message === 'string' ? err.message : response.statusText || `HTTP ${response.status}`,
    field: typeof err?.field === 'string' && err.field ? err.field : undefined,
    retryAfter: parseRetryAfter(response),
  })
}

type FetchResult<D> = { data?: D; error?: unknown; response: Response }

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>
  try {
    result = await call
  } catch (cause) {
    if (cause instanceof ApiError) throw cause
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({ status: 0, code: 'network', message: String(cause) })
  }
  if (!result.response.ok) throw toApiError(result.response, result.error)
  return result.data as D
}

export function isApiError(value: unknown, code?: ClientErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code)
}
