import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventsClient, eventsUrl, queryRootsForEntity } from './events'

class FakeSocket {
  static all: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  url: string
  constructor(url: string) {
    this.url = url
    FakeSocket.all.push(this)
  }
  close() {
    this.closed = true
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }
  drop() {
    this.onclose?.()
  }
}

const hello = { type: 'hello', user: { id: 1 } }
const change = (entity: string) => ({ type: 'change', entity, action: 'updated', id: '7', at: '2025-01-01T00:00:00Z' })

describe('EventsClient', () => {
  let qc: QueryClient
  let client: EventsClient
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.all = []
    qc = new QueryClient()
    client = new EventsClient({
      queryClient: qc,
      url: 'ws://test/api/v1/events',
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      minDelayMs: 1000,
      maxDelayMs: 8000,
    })
  })
  afterEach(() => {
    client.stop()
    vi.useRealTimers()
  })

  it('builds the same-origin URL with ws/wss from the page protocol', () => {
    expect(eventsUrl({ protocol: 'http:', host: 'pbx.local:8080' })).toBe('ws://pbx.local:8080/api/v1/events')
    expect(eventsUrl({ protocol: 'https:', host: 'torpedo.example.com.br' })).toBe('wss://torpedo.example.com.br/api/v1/events')
  })

  it('only invalidates the queries of the changed entity', async () => {
    const spy = vi.spyOn(qc, 'invalidateQueries')
    client.start()
    const ws = FakeSocket.all[0]!
    ws.receive(hello)
    expect(client.getStatus()).toBe('connected')
    ws.receive(change('user'))
    ws.receive(change('user')) // merged with the first
    ws.receive(change('token'))
    await vi.advanceTimersByTimeAsync(150)
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['users'], ['auth', 'me'], ['tokens']])
  })

  it('maps unknown entities to their conventional query roots', () => {
    expect(queryRootsForEntity('campaign')).toEqual([['campaign'], ['campaigns']])
    expect(queryRootsForEntity('pbx-node')).toEqual([['pbx-nodes'], ['audio'], ['pbx']])
    expect(queryRootsForEntity('audio')).toEqual([['audio'], ['pbx', 'config']])
  })

  it('refreshes queues with extensions and back, and the Asterisk preview and live status with both', () => {
    expect(queryRootsForEntity('extension')).toEqual([['extensions'], ['queues'], ['pbx']])
    expect(queryRootsForEntity('queue')).toEqual([['queues'], ['extensions'], ['pbx']])
    expect(queryRootsForEntity('trunk')).toEqual([['trunks'], ['pbx']])
    expect(queryRootsForEntity('settings')).toEqual([['settings']])
  })

  it('refreshes list counts with contacts, and contacts’ “Não ligar” flags with the DNC list', () => {
    expect(queryRootsForEntity('contact')).toEqual([['contacts'], ['contact-lists']])
    expect(queryRootsForEntity('contact-list')).toEqual([['contact-lists']])
    expect(queryRootsForEntity('dnc')).toEqual([['dnc'], ['contacts']])
    expect(queryRootsForEntity('job')).toEqual([['jobs']])
  })

  it('hands `job` messages to their handlers without invalidating anything', () => {
    const invalidate = vi.spyOn(qc, 'invalidateQueries')
    const onJob = vi.fn()
    client.on('job', onJob)
    client.start()
    const ws = FakeSocket.all[0]!
    ws.receive(hello)
    const msg = { type: 'job', job: { id: 3, kind: 'contact-import', status: 'running', processed: 10, total: 100, result: null } }
    ws.receive(msg)
    expect(onJob).toHaveBeenCalledWith(msg, qc)
    expect(invalidate).not.toHaveBeenCalled()
  })

  it('hands data messages to the handlers registered for their type, and only to them', () => {
    const invalidate = vi.spyOn(qc, 'invalidateQueries')
    const pbx = vi.fn()
    const hello = vi.fn()
    const off = client.on('pbx-status', pbx)
    client.on('hello', hello)
    client.on('pbx-status', () => {
      throw new Error('a broken handler does not stop the others')
    })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    client.start()
    const ws = FakeSocket.all[0]!
    ws.receive({ type: 'hello', user: { id: 1 } })
    const status = { type: 'pbx-status', nodeId: 3, status: { state: 'connected' } }
    ws.receive(status)
    ws.receive({ type: 'something-new', x: 1 }) // unknown types are ignored
    expect(hello).toHaveBeenCalledTimes(1)
    expect(pbx).toHaveBeenCalledWith(status, qc)
    expect(error).toHaveBeenCalledTimes(1)
    expect(invalidate).not.toHaveBeenCalled()
    off()
    ws.receive(status)
    expect(pbx).toHaveBeenCalledTimes(1)
  })

  it('reconnects with growing back-off and refetches everything after a reconnect', async () => {
    const spy = vi.spyOn(qc, 'invalidateQueries')
    client.start()
    FakeSocket.all[0]!.receive(hello)
    FakeSocket.all[0]!.drop()
    expect(client.getStatus()).toBe('disconnected')
    await vi.advanceTimersByTimeAsync(1300) // ~1 s (±20 %)
    expect(FakeSocket.all).toHaveLength(2)
    FakeSocket.all[1]!.drop()
    await vi.advanceTimersByTimeAsync(1300)
    expect(FakeSocket.all).toHaveLength(2) // second wait is ~2 s
    await vi.advanceTimersByTimeAsync(1200)
    expect(FakeSocket.all).toHaveLength(3)
    FakeSocket.all[2]!.receive(hello)
    expect(spy).toHaveBeenCalledWith() // everything, once: changes may have been missed
  })

  it('stops for good on stop()', async () => {
    client.start()
    client.stop()
    expect(FakeSocket.all[0]!.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.all).toHaveLength(1)
    expect(client.getStatus()).toBe('idle')
  })
})
