import { useEffect, useRef } from 'react'
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type JobKind, type JobStatus } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { isJobActive, isJobFinished } from '../lib/job-progress'
import { invalidateAfterImport } from './after-import'
import { JOB_POLL_MS, JOBS_ROOT } from './get-job'

export interface JobFilters {
  listId?: number
  kind?: JobKind
}

export const RECENT_JOBS_LIMIT = 5
export const jobsListRoot = [...JOBS_ROOT, 'list'] as const
export const jobsQueryKey = (filters: JobFilters) => [...jobsListRoot, filters] as const

export async function getJobs(filters: JobFilters, signal?: AbortSignal) {
  return unwrap(
    api.GET('/jobs', {
      params: { query: { listId: filters.listId, kind: filters.kind, limit: RECENT_JOBS_LIMIT } },
      signal,
    }),
  )
}

export const jobsQueryOptions = (filters: JobFilters) =>
  queryOptions({
    queryKey: jobsQueryKey(filters),
    queryFn: ({ signal }) => getJobs(filters, signal),
    // While one of them runs, poll as a fallback for the WebSocket.
    refetchInterval: (query) => (query.state.data?.items.some(isJobActive) ? JOB_POLL_MS : false),
  })

/** The most recent imports (into a list, or of one kind), newest first. */
export function useJobs(filters: JobFilters) {
  const queryClient = useQueryClient()
  const query = useQuery(jobsQueryOptions(filters))
  const seen = useRef(new Map<number, JobStatus>())
  const items = query.data?.items
  useEffect(() => {
    // A job seen running here that the polling now shows finished: refresh what it changed.
    for (const job of items ?? []) {
      if (isJobFinished(job) && seen.current.has(job.id) && !isJobFinished({ status: seen.current.get(job.id)! }))
        invalidateAfterImport(queryClient, job)
      seen.current.set(job.id, job.status)
    }
  }, [items, queryClient])
  return query
}

/** Whether a cached jobs list with these filters should show this job. */
export function jobMatches(filters: JobFilters, job: { listId?: number | null; kind: JobKind }) {
  return (filters.listId === undefined || filters.listId === job.listId) && (filters.kind === undefined || filters.kind === job.kind)
}
