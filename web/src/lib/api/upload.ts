import { API_BASE_PATH, CSRF_HEADER, getCsrfToken, notifyUnauthorized } from './client'
import { ApiError, toApiError } from './errors'

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number
  /** Bytes to send (0 when the browser cannot tell). */
  total: number
}

export interface PostMultipartOptions {
  onUploadProgress?: (progress: UploadProgress) => void
  /** The last byte is sent: from now on the server is working on it (the answer may take a while). */
  onUploaded?: () => void
  signal?: AbortSignal
}

function parseBody(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function responseHeaders(xhr: XMLHttpRequest): Headers {
  const headers = new Headers()
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const i = line.indexOf(':')
    if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim())
  }
  return headers
}

/**
 * POSTs multipart form data with XMLHttpRequest, the one browser API that reports upload
 * progress (fetch does not). Same rules as the openapi-fetch client: same-origin cookie,
 * `X-CSRF-Token`, a 401 ends the session, failures become `ApiError`s; an abort rejects with
 * an `AbortError` DOMException.
 */
export function postMultipart<T>(path: string, form: FormData, { onUploadProgress, onUploaded, signal }: PostMultipartOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was aborted.', 'AbortError'))
      return
    }
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${API_BASE_PATH}${path}`)
    xhr.setRequestHeader('Accept', 'application/json')
    const csrf = getCsrfToken()
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf)
    if (onUploadProgress) {
      xhr.upload.onprogress = (e) => onUploadProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 })
    }
    if (onUploaded) xhr.upload.onload = () => onUploaded()
    const onAbort = () => xhr.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => signal?.removeEventListener('abort', onAbort)
    xhr.onload = () => {
      done()
      const body = parseBody(xhr.responseText)
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T)
        return
      }
      if (xhr.status === 401) notifyUnauthorized()
      reject(toApiError({ status: xhr.status, statusText: xhr.statusText, headers: responseHeaders(xhr) }, body))
    }
    xhr.onerror = () => {
      done()
      reject(new ApiError({ status: 0, code: 'network', message: 'Network error during upload' }))
    }
    xhr.onabort = () => {
      done()
      reject(new DOMException('The upload was aborted.', 'AbortError'))
    }
    xhr.send(form)
  })
}
