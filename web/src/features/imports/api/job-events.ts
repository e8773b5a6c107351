import type { QueryClient } from '@tanstack/react-query'
import type { Job, Schemas } from '@/lib/api/client'
import { useEventMessage } from '@/lib/events'
import { isJobFinished, mergeJob } from '../lib/job-progress'
import { invalidateAfterImport } from './after-import'
import { jobQueryKey } from './get-job'
import { jobMatches, jobsListRoot, type JobFilters } from './get-jobs'

type JobPage = Schemas['JobPage']

/**
 * Applies a job (from a `job` message, the upload's answer or a cancel) to the cache: its detail
 * and every cached jobs list that holds it, never moving progress back (mergeJob). A list that
 * should show a job it does not know yet (just created) is refetched. When the job has just
 * finished, the data it changed is refetched.
 */
export function applyJob(queryClient: QueryClient, job: Job) {
  const key = jobQueryKey(job.id)
  const before = queryClient.getQueryData<Job>(key)
  const merged = mergeJob(before, job)
  if (merged !== before) queryClient.setQueryData<Job>(key, merged)

  for (const [listKey, page] of queryClient.getQueriesData<JobPage>({ queryKey: jobsListRoot })) {
    if (!page) continue
    const filters = (listKey[2] ?? {}) as JobFilters
    const i = page.items.findIndex((j) => j.id === job.id)
    if (i < 0) {
      if (jobMatches(filters, job))
        void queryClient.invalidateQueries({ queryKey: listKey, exact: true }, { cancelRefetch: false })
      continue
    }
    const next = mergeJob(page.items[i], job)
    if (next !== page.items[i]) queryClient.setQueryData<JobPage>(listKey, { ...page, items: page.items.map((j, k) => (k === i ? next : j)) })
  }

  if (isJobFinished(merged) && !isJobFinished(before)) invalidateAfterImport(queryClient, merged)
}

/** Keeps cached jobs current from the events feed. Mounted once by the app shell. */
export function useJobEvents() {
  useEventMessage('job', (message, queryClient) => {
    if (!message.job || typeof message.job.id !== 'number') return
    applyJob(queryClient, message.job)
  })
}
