import { describe, expect, it } from 'vitest'
import { makeAudio } from '@/testing/mocks/db'
import { isUploading, pendingUploads, uploadPercent, uploadReducer, type UploadAction, type UploadEntry } from './upload-queue'

const file = (name: string, size: number) => new File([new Uint8Array(size)], name)
const run = (actions: UploadAction[], state: UploadEntry[] = []) => actions.reduce(uploadReducer, state)
const added = run([{ type: 'add', entries: [{ key: 'a', file: file('a.mp3', 1000) }, { key: 'b', file: file('b.wav', 500) }] }])

describe('upload queue', () => {
  it('adds files ready to send, in order', () => {
    expect(added.map((e) => [e.key, e.status, e.total])).toEqual([
      ['a', 'ready', 1000],
      ['b', 'ready', 500],
    ])
    expect(pendingUploads(added).map((e) => e.key)).toEqual(['a', 'b'])
    expect(isUploading(added)).toBe(false)
  })

  it('goes ready → uploading → converting (all bytes sent) → done', () => {
    let s = run([{ type: 'start', key: 'a' }, { type: 'progress', key: 'a', loaded: 400, total: 1200 }], added)
    expect(s[0]).toMatchObject({ status: 'uploading', loaded: 400, total: 1200 })
    expect(uploadPercent(s[0]!)).toBeCloseTo(33.33, 1)
    expect(isUploading(s)).toBe(true)
    s = uploadReducer(s, { type: 'progress', key: 'a', loaded: 1200, total: 1200 })
    expect(s[0]!.status).toBe('converting')
    expect(uploadPercent(s[0]!)).toBe(100)
    const audio = makeAudio({ id: 9 })
    s = uploadReducer(s, { type: 'done', key: 'a', audio })
    expect(s[0]).toMatchObject({ status: 'done', audio })
    expect(pendingUploads(s).map((e) => e.key)).toEqual(['b'])
  })

  it('converts when the browser says the upload ended, even without progress events', () => {
    const s = run([{ type: 'start', key: 'b' }, { type: 'uploaded', key: 'b' }], added)
    expect(s[1]).toMatchObject({ status: 'converting', loaded: 500 })
  })

  it('never moves progress backwards, nor a converting file back to uploading', () => {
    let s = run([{ type: 'start', key: 'a' }, { type: 'progress', key: 'a', loaded: 600, total: 1000 }], added)
    s = uploadReducer(s, { type: 'progress', key: 'a', loaded: 300, total: 1000 })
    expect(s[0]!.loaded).toBe(600)
    s = run([{ type: 'uploaded', key: 'a' }, { type: 'progress', key: 'a', loaded: 700, total: 1000 }], s)
    expect(s[0]!.status).toBe('converting')
  })

  it('keeps a refused file with its reason, to fix and send again', () => {
    let s = run([{ type: 'start', key: 'a' }, { type: 'failed', key: 'a', error: 'O áudio tem 8 canais.' }], added)
    expect(s[0]).toMatchObject({ status: 'failed', error: 'O áudio tem 8 canais.' })
    expect(pendingUploads(s).map((e) => e.key)).toEqual(['a', 'b'])
    s = uploadReducer(s, { type: 'start', key: 'a' })
    expect(s[0]).toMatchObject({ status: 'uploading', loaded: 0, error: undefined })
  })

  it('a cancelled upload is ready again; a file being sent cannot be removed', () => {
    let s = run([{ type: 'start', key: 'a' }, { type: 'remove', key: 'a' }], added)
    expect(s).toHaveLength(2)
    s = run([{ type: 'cancelled', key: 'a' }, { type: 'remove', key: 'b' }], s)
    expect(s.map((e) => [e.key, e.status])).toEqual([['a', 'ready']])
  })

  it('ignores what does not apply (unknown keys, results for files not being sent)', () => {
    expect(uploadReducer(added, { type: 'done', key: 'a', audio: makeAudio({ id: 1 }) })).toBe(added)
    expect(uploadReducer(added, { type: 'progress', key: 'zzz', loaded: 1, total: 2 })).toBe(added)
    expect(uploadPercent({ status: 'uploading', loaded: 10, total: 0 })).toBeNull()
  })
})
