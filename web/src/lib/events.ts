import { useEffect, useRef, useSyncExternalStore } from 'react'
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query'
import { API_BASE_PATH, type Schemas } from '@/lib/api/client'

/**
 * Client of the server's change feed (WebSocket GET /api/v1/events).
 *
 * Architecture invariant: TanStack Query is the only store of server data. A `change` message
 * only invalidates the caches of its entity; the queries then refetch over HTTP. Messages that
 * carry data (e.g. `pbx-status`, `job`) go to handlers registered with `on()`/`useEventMessage()`,
 * which patch the query cache (setQueryData) and nothing else.
 */
export type EventMessage = Schemas['EventMessage']
export type EventType = EventMessage['type']
export type EventOfType<T extends EventType> = Extract<EventMessage, { type: T }>
export type EventHandler<T extends EventType> = (message: EventOfType<T>, queryClient: QueryClient) => void
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected'

/** Query-key roots that hold each entity. Unknown entities fall back to `[entity]`/`[entity + 's']`. */
const ENTITY_QUERY_ROOTS: Record<string, QueryKey[]> = {
  user: [['users'], ['auth', 'me']],
  token: [['tokens']],
  audit: [['audit']],
  // An audio's `delivery` lists the enabled nodes by name: adding, renaming or disabling one changes it.
  // The telephony preview and live status (`['pbx', …]`) are per enabled node too.
  'pbx-node': [['pbx-nodes'], ['audio'], ['pbx']],
  // A list's contact count and dates change with its contacts; DNC changes flip contacts' `dnc`.
  'contact-list': [['contact-lists']],
  contact: [['contacts'], ['contact-lists']],
  dnc: [['dnc'], ['contacts']],
  job: [['jobs']],
  // A queue's music on hold and announcement are audio: the generated files change with them.
  audio: [['audio'], ['pbx', 'config']],
  // Telephony: a queue lists its members' numbers and names, an extension the queues it is in;
  // the preview of the Asterisk files and the live status follow all three.
  extension: [['extensions'], ['queues'], ['pbx']],
  queue: [['queues'], ['extensions'], ['pbx']],
  trunk: [['trunks'], ['pbx']],
  settings: [['settings']],
}

export function queryRootsForEntity(entity: string): QueryKey[] {
  return ENTITY_QUERY_ROOTS[entity] ?? [[entity], [`${entity}s`]]
}

export function eventsUrl(location: Pick<Location, 'protocol' | 'host'> = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${API_BASE_PATH}/events`
}

export interface EventsClientOptions {
  queryClient: QueryClient
  url?: string
  /** Injected for tests. */
  createSocket?: (url: string) => WebSocket
  minDelayMs?: number
  maxDelayMs?: number
  /** Invalidations arriving within this window are merged. */
  batchMs?: number
}

export class EventsClient {
  private socket: WebSocket | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private flushTimer: ReturnType<typeof setTimeout> | null = null
  private pending = new Map<string, QueryKey>()
  private attempt = 0
  private everConnected = false
  private stopped = true
  private status: ConnectionStatus = 'idle'
  private listeners = new Set<() => void>()
  private handlers = new Map<string, Set<(message: EventMessage, queryClient: QueryClient) => void>>()
  private readonly opts: Required<Omit<EventsClientOptions, 'url' | 'createSocket'>> &
    Pick<EventsClientOptions, 'url' | 'createSocket'>

  constructor(opts: EventsClientOptions) {
    this.opts = { minDelayMs: 1000, maxDelayMs: 30_000, batchMs: 100, ...opts }
  }

  start() {
    if (!this.stopped) return
    this.stopped = false
    this.connect()
  }

  stop() {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    this.pending.clear()
    const socket = this.socket
    this.socket = null
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null
      try {
        socket.close(1000, 'bye')
      } catch {
        /* already closed */
      }
    }
    this.setStatus('idle')
  }

  getStatus = () => this.status

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Calls `handler` for every message of `type` (after the built-in handling). Returns the unsubscribe. */
  on<T extends EventType>(type: T, handler: EventHandler<T>): () => void {
    let set = this.handlers.get(type)
    if (!set) {
      set = new Set()
      this.handlers.set(type, set)
    }
    const h = handler as (message: EventMessage, queryClient: QueryClient) => void
    set.add(h)
    return () => {
      set.delete(h)
    }
  }

  private setStatus(status: ConnectionStatus) {
    if (status === this.status) return
    this.status = status
    for (const l of this.listeners) l()
  }

  private connect() {
    if (this.stopped) return
    this.setStatus('connecting')
    let socket: WebSocket
    try {
      const url = this.opts.url ?? eventsUrl()
      socket = this.opts.createSocket ? this.opts.createSocket(url) : new WebSocket(url)
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = socket
    socket.onmessage = (ev) => this.handleMessage(ev.data)
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      this.scheduleReconnect()
    }
    socket.onerror = () => {
      // onclose follows and schedules the reconnect.
    }
  }

  private scheduleReconnect() {
    if (this.stopped) return
    this.setStatus('disconnected')
    const base = Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** this.attempt)
    const delay = Math.round(base * (0.8 + Math.random() * 0.4))
    this.attempt += 1
    this.timer = setTimeout(() => {
      this.timer = null
      this.connect()
    }, delay)
  }

  private handleMessage(raw: unknown) {
    if (typeof raw !== 'string') return
    let msg: EventMessage
    try {
      msg = JSON.parse(raw) as EventMessage
    } catch {
      return
    }
    if (typeof msg !== 'object' || msg === null) return
    this.builtIn(msg)
    for (const handler of this.handlers.get(msg.type) ?? []) {
      try {
        handler(msg, this.opts.queryClient)
      } catch (error) {
        // One bad handler (or a malformed message) must not break the feed.
        console.error('events: handler failed for', msg.type, error)
      }
    }
  }

  private builtIn(msg: EventMessage) {
    if (msg.type === 'hello') {
      this.attempt = 0
      this.setStatus('connected')
      // After a reconnect we may have missed changes: refetch whatever is on screen.
      if (this.everConnected) void this.opts.queryClient.invalidateQueries()
      this.everConnected = true
      return
    }
    if (msg.type === 'change' && typeof msg.entity === 'string') {
      for (const key of queryRootsForEntity(msg.entity)) this.pending.set(JSON.stringify(key), key)
      if (!this.flushTimer) {
        this.flushTimer = setTimeout(() => this.flush(), this.opts.batchMs)
      }
    }
  }

  private flush() {
    this.flushTimer = null
    const keys = [...this.pending.values()]
    this.pending.clear()
    for (const queryKey of keys) void this.opts.queryClient.invalidateQueries({ queryKey })
  }
}

let shared: EventsClient | null = null
let sharedFor: QueryClient | null = null

function sharedClient(queryClient: QueryClient) {
  if (!shared || sharedFor !== queryClient) {
    shared?.stop()
    shared = new EventsClient({ queryClient })
    sharedFor = queryClient
  }
  return shared
}

/** Keeps the change feed open while `enabled` (i.e. while someone is logged in). */
export function useEventsConnection(enabled: boolean): ConnectionStatus {
  const queryClient = useQueryClient()
  const client = sharedClient(queryClient)
  useEffect(() => {
    if (!enabled || typeof WebSocket === 'undefined') return
    client.start()
    return () => client.stop()
  }, [client, enabled])
  return useSyncExternalStore(client.subscribe, client.getStatus, client.getStatus)
}

/**
 * Runs `handler` for every `type` message of the app's change feed while the component is
 * mounted. The handler receives the QueryClient: patch caches there, keep no other state.
 */
export function useEventMessage<T extends EventType>(type: T, handler: EventHandler<T>) {
  const queryClient = useQueryClient()
  const client = sharedClient(queryClient)
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => client.on(type, (message, qc) => latest.current(message, qc)), [client, type])
}
