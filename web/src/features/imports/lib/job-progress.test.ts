import { describe, expect, it } from 'vitest'
import type { Job } from '@/lib/api/client'
import { isJobActive, isJobFinished, jobPercent, mergeJob, uploadPercent } from './job-progress'

const job = (over: Partial<Job> = {}): Job => ({
  id: 7,
  kind: 'contact-import',
  status: 'running',
  processed: 0,
  total: 1000,
  result: null,
  error: null,
  ...over,
})

describe('mergeJob', () => {
  it('takes a job it has not seen yet', () => {
    const j = job()
    expect(mergeJob(undefined, j)).toBe(j)
    expect(mergeJob(job({ id: 1 }), j)).toBe(j)
  })

  it('moves forward with more bytes processed, never back', () => {
    const at300 = job({ processed: 300 })
    const at500 = job({ processed: 500 })
    expect(mergeJob(at300, at500)).toBe(at500)
    // A poll answered before the last WebSocket message arrives late: it is dropped.
    expect(mergeJob(at500, at300)).toBe(at500)
  })

  it('never goes back from running to queued, nor from finished to running', () => {
    const running = job({ status: 'running', processed: 10 })
    const queued = job({ status: 'queued', processed: 0 })
    expect(mergeJob(running, queued)).toBe(running)
    const done = job({ status: 'completed', processed: 1000 })
    expect(mergeJob(done, job({ status: 'running', processed: 999 }))).toBe(done)
    expect(mergeJob(running, done)).toBe(done)
  })

  it('keeps a finished job with its result over a copy without it', () => {
    const result = { rows: 1, imported: 1, updated: 0, duplicates: 0, invalid: 0, foreign: 0, dnc: 0, rejectedReport: null }
    const withResult = job({ status: 'completed', processed: 1000, result })
    expect(mergeJob(withResult, job({ status: 'cancelled', processed: 1000 }))).toBe(withResult)
    const again = job({ status: 'completed', processed: 1000, result })
    expect(mergeJob(withResult, again)).toBe(again)
  })
})

describe('progress', () => {
  it('says which jobs are still going', () => {
    expect(isJobActive(job({ status: 'queued' }))).toBe(true)
    expect(isJobActive(job({ status: 'running' }))).toBe(true)
    expect(isJobFinished(job({ status: 'failed' }))).toBe(true)
    expect(isJobActive(undefined)).toBe(false)
  })

  it('computes the processed share of the file', () => {
    expect(jobPercent(job({ processed: 250, total: 1000 }))).toBe(25)
    expect(jobPercent(job({ processed: 1200, total: 1000 }))).toBe(100)
    expect(jobPercent(job({ total: null }))).toBeNull()
    expect(jobPercent(job({ status: 'queued', total: null }))).toBe(0)
    expect(jobPercent(job({ status: 'completed', processed: 0, total: null }))).toBe(100)
    expect(uploadPercent(50, 200)).toBe(25)
    expect(uploadPercent(50, 0)).toBeNull()
  })
})
