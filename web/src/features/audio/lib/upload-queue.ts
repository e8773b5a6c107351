import type { Audio } from '@/lib/api/client'

/**
 * The files of one "Enviar áudios" dialog and how each one's upload goes:
 * ready → uploading (bytes going up, with progress) → converting (all sent; the server decodes,
 * checks and transcodes before it answers) → done (the new audio) or failed (the reason).
 * A failed file can be fixed (its name, its kind) and sent again; a cancelled one is ready again.
 */
export type UploadStatus = 'ready' | 'uploading' | 'converting' | 'done' | 'failed'

export interface UploadEntry {
  key: string
  file: File
  status: UploadStatus
  loaded: number
  total: number
  /** Why the file was refused, shown under it. Errors about a field go on that field instead. */
  error?: string
  /** The stored audio, once done. */
  audio?: Audio
}

export type UploadAction =
  | { type: 'add'; entries: readonly { key: string; file: File }[] }
  | { type: 'remove'; key: string }
  | { type: 'start'; key: string }
  | { type: 'progress'; key: string; loaded: number; total: number }
  | { type: 'uploaded'; key: string }
  | { type: 'done'; key: string; audio: Audio }
  | { type: 'failed'; key: string; error?: string }
  | { type: 'cancelled'; key: string }

const SENDING: ReadonlySet<UploadStatus> = new Set(['uploading', 'converting'])

function patch(state: UploadEntry[], key: string, fn: (e: UploadEntry) => UploadEntry): UploadEntry[] {
  let changed = false
  const next = state.map((e) => {
    if (e.key !== key) return e
    const updated = fn(e)
    if (updated !== e) changed = true
    return updated
  })
  return changed ? next : state
}

export function uploadReducer(state: UploadEntry[], action: UploadAction): UploadEntry[] {
  switch (action.type) {
    case 'add':
      return [...state, ...action.entries.map((e) => ({ key: e.key, file: e.file, status: 'ready' as const, loaded: 0, total: e.file.size }))]
    case 'remove':
      // Not while its bytes are going up or the server is converting it.
      return state.filter((e) => e.key !== action.key || SENDING.has(e.status))
    case 'start':
      return patch(state, action.key, (e) =>
        e.status === 'ready' || e.status === 'failed' ? { ...e, status: 'uploading', loaded: 0, total: e.file.size, error: undefined } : e,
      )
    case 'progress':
      return patch(state, action.key, (e) => {
        // Late progress events never move a converting (or finished) file back.
        if (e.status !== 'uploading') return e
        const total = action.total > 0 ? action.total : e.total
        const loaded = Math.max(e.loaded, Math.min(action.loaded, total || action.loaded))
        const status = total > 0 && loaded >= total ? 'converting' : 'uploading'
        return loaded === e.loaded && total === e.total && status === e.status ? e : { ...e, loaded, total, status }
      })
    case 'uploaded':
      return patch(state, action.key, (e) => (e.status === 'uploading' ? { ...e, status: 'converting', loaded: e.total } : e))
    case 'done':
      return patch(state, action.key, (e) => (SENDING.has(e.status) ? { ...e, status: 'done', audio: action.audio, error: undefined } : e))
    case 'failed':
      return patch(state, action.key, (e) => (SENDING.has(e.status) ? { ...e, status: 'failed', error: action.error } : e))
    case 'cancelled':
      return patch(state, action.key, (e) => (SENDING.has(e.status) ? { ...e, status: 'ready', loaded: 0, error: undefined } : e))
  }
}

/** Files still to send (new ones and ones that failed), in order. */
export function pendingUploads(state: readonly UploadEntry[]): UploadEntry[] {
  return state.filter((e) => e.status === 'ready' || e.status === 'failed')
}

/** A file is going up or being converted. */
export function isUploading(state: readonly UploadEntry[]): boolean {
  return state.some((e) => SENDING.has(e.status))
}

/** Percentage of a file's bytes sent (0–100), or null when the browser cannot tell. */
export function uploadPercent(entry: Pick<UploadEntry, 'loaded' | 'total' | 'status'>): number | null {
  if (entry.status === 'converting' || entry.status === 'done') return 100
  if (!(entry.total > 0)) return null
  return Math.max(0, Math.min(100, (entry.loaded / entry.total) * 100))
}

let seq = 0
/** A key for a file added to the dialog. */
export function nextUploadKey(): string {
  seq += 1
  return `upload-${seq}`
}
