import type { Job, JobStatus } from '@/lib/api/client'

const TERMINAL: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'cancelled'])

export function isJobFinished(job: Pick<Job, 'status'> | null | undefined): boolean {
  return Boolean(job && TERMINAL.has(job.status))
}

export function isJobActive(job: Pick<Job, 'status'> | null | undefined): boolean {
  return Boolean(job && !TERMINAL.has(job.status))
}

/** queued < running < finished: a job never goes back. */
function stage(status: JobStatus): number {
  if (status === 'queued') return 0
  if (status === 'running') return 1
  return 2
}

/**
 * The job state to keep when two copies of a job meet: the cached one and one from a WebSocket
 * `job` message or a poll of GET /jobs/{id}. Messages and polls can cross on the wire, so the
 * more advanced copy wins: a later stage (queued → running → finished), or at the same stage
 * more bytes processed. Ties go to the incoming copy (it may carry a result or an error).
 * Returns `current` itself when it wins, so React Query sees no change.
 */
export function mergeJob<T extends Job>(current: T | undefined | null, incoming: T): T {
  if (!current || current.id !== incoming.id) return incoming
  const a = stage(current.status)
  const b = stage(incoming.status)
  if (b > a) return incoming
  if (b < a) return current
  if (a === 2) return incoming.status === current.status || !current.result ? incoming : current
  return incoming.processed >= current.processed ? incoming : current
}

/** Percentage of the file processed (0–100), or null when the size is unknown. */
export function jobPercent(job: Pick<Job, 'status' | 'processed' | 'total'>): number | null {
  if (job.status === 'completed') return 100
  if (!job.total || job.total <= 0) return job.status === 'queued' ? 0 : null
  return Math.max(0, Math.min(100, (job.processed / job.total) * 100))
}

/** Percentage of an upload (0–100), or null when the browser cannot tell the size. */
export function uploadPercent(loaded: number, total: number): number | null {
  if (!total || total <= 0) return null
  return Math.max(0, Math.min(100, (loaded / total) * 100))
}
