import { QueryClient } from '@tanstack/react-query'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Job, Schemas } from '@/lib/api/client'
import { resetSettledJobs } from './after-import'
import { jobQueryKey } from './get-job'
import { jobsQueryKey } from './get-jobs'
import { applyJob } from './job-events'

const job = (over: Partial<Job> = {}): Job => ({
  id: 5,
  kind: 'contact-import',
  status: 'running',
  processed: 100,
  total: 1000,
  result: null,
  error: null,
  listId: 1,
  ...over,
})

describe('applyJob', () => {
  let qc: QueryClient
  beforeEach(() => {
    qc = new QueryClient()
    resetSettledJobs()
  })

  it('patches the job in its detail and in the lists that hold it, never backwards', () => {
    const list = jobsQueryKey({ listId: 1 })
    qc.setQueryData<Schemas['JobPage']>(list, { items: [job({ id: 4, status: 'completed' }), job()], nextCursor: null })
    applyJob(qc, job({ processed: 600 }))
    expect(qc.getQueryData<Job>(jobQueryKey(5))?.processed).toBe(600)
    expect(qc.getQueryData<Schemas['JobPage']>(list)?.items[1]?.processed).toBe(600)
    applyJob(qc, job({ processed: 300 }))
    expect(qc.getQueryData<Job>(jobQueryKey(5))?.processed).toBe(600)
    expect(qc.getQueryData<Schemas['JobPage']>(list)?.items[1]?.processed).toBe(600)
  })

  it('refetches a list that should show a new job, and leaves the others alone', () => {
    const spy = vi.spyOn(qc, 'invalidateQueries')
    qc.setQueryData(jobsQueryKey({ listId: 1 }), { items: [], nextCursor: null })
    qc.setQueryData(jobsQueryKey({ listId: 2 }), { items: [], nextCursor: null })
    qc.setQueryData(jobsQueryKey({ kind: 'dnc-import' }), { items: [], nextCursor: null })
    applyJob(qc, job({ id: 9, status: 'queued' }))
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([jobsQueryKey({ listId: 1 })])
  })

  it('refreshes contacts and list counts once when a contact import finishes, DNC data for a DNC import', () => {
    const spy = vi.spyOn(qc, 'invalidateQueries')
    applyJob(qc, job())
    expect(spy).not.toHaveBeenCalled()
    applyJob(qc, job({ status: 'completed', processed: 1000 }))
    applyJob(qc, job({ status: 'completed', processed: 1000 }))
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['contacts'], ['contact-lists']])
    spy.mockClear()
    applyJob(qc, job({ id: 6, kind: 'dnc-import', status: 'failed', error: 'Arquivo ilegível' }))
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['dnc'], ['contacts']])
  })
})
