import { useEffect } from 'react'
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type Job } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { isJobFinished, mergeJob } from '../lib/job-progress'
import { invalidateAfterImport } from './after-import'

/** Root of every jobs query; a `change` event for entity `job` invalidates it. */
export const JOBS_ROOT = ['jobs'] as const
export const jobQueryKey = (id: number) => [...JOBS_ROOT, 'detail', id] as const

/** Polling of a running job: the fallback when no `job` message comes over the WebSocket. */
export const JOB_POLL_MS = 2000

export async function getJob({ id, signal }: { id: number; signal?: AbortSignal }) {
  return unwrap(api.GET('/jobs/{id}', { params: { path: { id } }, signal }))
}

export const jobQueryOptions = (id: number) =>
  queryOptions({
    queryKey: jobQueryKey(id),
    queryFn: ({ signal }) => getJob({ id, signal }),
    staleTime: 0,
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : JOB_POLL_MS),
    // A poll answered before a later WebSocket message must not move the progress back.
    structuralSharing: (previous, next) => mergeJob(previous as Job | undefined, next as Job),
  })

/** A job followed live: `job` messages patch it (see job-events.ts), polling every 2 s covers for a lost socket. */
export function useJob(id: number | null) {
  const queryClient = useQueryClient()
  const query = useQuery({ ...jobQueryOptions(id ?? 0), enabled: id !== null })
  const job = query.data
  useEffect(() => {
    // Polling may see the end before (or without) a WebSocket message.
    if (job && isJobFinished(job)) invalidateAfterImport(queryClient, job)
  }, [job, queryClient])
  return query
}
