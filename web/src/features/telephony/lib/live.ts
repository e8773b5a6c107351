import type { Extension, PbxLive, PbxLiveNode, Queue, Trunk } from '@/lib/api/client'

/**
 * Reads GET /pbx/live (what each enabled node's Asterisk reports now) for one extension, trunk
 * or queue. Extensions are matched by `endpoint`, trunks by the endpoint `trunk-<name>` and the
 * registration `trunk-<name>-reg`, queues by name. Each helper answers per node and as a whole
 * (the best state any node shows: an agent registered on one server is reachable).
 */

export type ExtensionLiveState = 'ringing' | 'inUse' | 'registered' | 'unregistered' | 'notApplied' | 'offline'
export type RegistrationLiveState = 'registered' | 'rejected' | 'unregistered' | 'other' | 'notApplied' | 'offline'
export type ReachLiveState = 'reachable' | 'unreachable' | 'unknown' | 'notApplied' | 'offline'
/** The whole: also `disabled` (left out of Asterisk) and `noNodes` (no enabled server to ask). */
export type Overall<S extends string> = S | 'disabled' | 'noNodes'

export interface PerNode<S extends string> {
  nodeId: number
  nodeName: string
  state: S
  /** Asterisk's own word for it (DeviceState, registration Status), when there is one. */
  raw?: string
}

export interface LiveSummary<S extends string> {
  state: Overall<S>
  nodes: PerNode<S>[]
}

const EXTENSION_ORDER: readonly ExtensionLiveState[] = ['ringing', 'inUse', 'registered', 'unregistered', 'notApplied', 'offline']
const REGISTRATION_ORDER: readonly RegistrationLiveState[] = ['registered', 'other', 'unregistered', 'rejected', 'notApplied', 'offline']
const REACH_ORDER: readonly ReachLiveState[] = ['reachable', 'unknown', 'unreachable', 'notApplied', 'offline']

function best<S extends string>(order: readonly S[], nodes: PerNode<S>[]): S {
  return nodes.reduce<S>((acc, n) => (order.indexOf(n.state) < order.indexOf(acc) ? n.state : acc), order[order.length - 1]!)
}

function summarize<S extends string>(live: PbxLive | undefined, enabled: boolean, order: readonly S[], one: (n: PbxLiveNode) => PerNode<S>): LiveSummary<S> {
  const nodes = (live?.nodes ?? []).map(one)
  if (!enabled) return { state: 'disabled', nodes }
  if (nodes.length === 0) return { state: 'noNodes', nodes }
  return { state: best(order, nodes), nodes }
}

const base = (n: PbxLiveNode) => ({ nodeId: n.nodeId, nodeName: n.nodeName })

/** Registered (with a contact), ringing or in use; not registered; not in Asterisk yet ("aplique"). */
export function extensionLive(e: Pick<Extension, 'endpoint' | 'enabled'>, live: PbxLive | undefined): LiveSummary<ExtensionLiveState> {
  return summarize(live, e.enabled, EXTENSION_ORDER, (n) => {
    if (!n.connected) return { ...base(n), state: 'offline' }
    const ep = n.endpoints.find((x) => x.name === e.endpoint)
    if (!ep) return { ...base(n), state: 'notApplied' }
    const raw = ep.deviceState
    if (!ep.contacts.trim()) return { ...base(n), state: 'unregistered', raw }
    const s = raw.toLowerCase()
    if (s.includes('ring')) return { ...base(n), state: 'ringing', raw }
    if (s === 'in use' || s === 'busy' || s === 'on hold') return { ...base(n), state: 'inUse', raw }
    return { ...base(n), state: 'registered', raw }
  })
}

export const trunkEndpoint = (t: Pick<Trunk, 'name'>) => `trunk-${t.name}`
export const trunkRegistration = (t: Pick<Trunk, 'name'>) => `trunk-${t.name}-reg`

/** The outbound registration of a trunk that registers: Registered / Rejected / Unregistered / … */
export function trunkRegistrationLive(t: Pick<Trunk, 'name' | 'enabled'>, live: PbxLive | undefined): LiveSummary<RegistrationLiveState> {
  const name = trunkRegistration(t)
  return summarize(live, t.enabled, REGISTRATION_ORDER, (n) => {
    if (!n.connected) return { ...base(n), state: 'offline' }
    const reg = n.registrations.find((r) => r.name === name)
    if (!reg) return { ...base(n), state: 'notApplied' }
    const raw = reg.status
    const s = raw.toLowerCase()
    if (s === 'registered') return { ...base(n), state: 'registered', raw }
    if (s === 'rejected') return { ...base(n), state: 'rejected', raw }
    if (s === 'unregistered') return { ...base(n), state: 'unregistered', raw }
    return { ...base(n), state: 'other', raw }
  })
}

/** Whether Asterisk reaches the carrier (the trunk endpoint's device state, from qualify). */
export function trunkReachLive(t: Pick<Trunk, 'name' | 'enabled'>, live: PbxLive | undefined): LiveSummary<ReachLiveState> {
  const name = trunkEndpoint(t)
  return summarize(live, t.enabled, REACH_ORDER, (n) => {
    if (!n.connected) return { ...base(n), state: 'offline' }
    const ep = n.endpoints.find((x) => x.name === name)
    if (!ep) return { ...base(n), state: 'notApplied' }
    const raw = ep.deviceState
    const s = raw.toLowerCase()
    if (s === 'unavailable' || s === 'invalid') return { ...base(n), state: 'unreachable', raw }
    if (s === 'unknown' || s === '') return { ...base(n), state: 'unknown', raw }
    return { ...base(n), state: 'reachable', raw }
  })
}

/** AST_DEVICE_* as QueueStatus reports a member's device. */
export type MemberStatus = 'unknown' | 'free' | 'inUse' | 'busy' | 'invalid' | 'unavailable' | 'ringing' | 'ringInUse' | 'onHold'
const MEMBER_STATUS: readonly MemberStatus[] = ['unknown', 'free', 'inUse', 'busy', 'invalid', 'unavailable', 'ringing', 'ringInUse', 'onHold']
export const memberStatus = (code: number): MemberStatus => MEMBER_STATUS[code] ?? 'unknown'

export interface LiveMember {
  name: string
  /** The extension behind `PJSIP/<endpoint>`, when it is one of ours. */
  extensionId: number | null
  status: MemberStatus
  paused: boolean
  inCall: boolean
}

export interface QueueNodeLive {
  nodeId: number
  nodeName: string
  state: 'live' | 'notApplied' | 'offline'
  calls: number
  completed: number
  abandoned: number
  members: LiveMember[]
}

/** A queue on each node: callers waiting, calls answered and abandoned, and its members' devices. */
export function queueLive(q: Pick<Queue, 'name'>, extensions: readonly Pick<Extension, 'id' | 'endpoint'>[], live: PbxLive | undefined): QueueNodeLive[] {
  const byInterface = new Map(extensions.map((e) => [`PJSIP/${e.endpoint}`.toLowerCase(), e.id]))
  return (live?.nodes ?? []).map((n) => {
    const empty = { nodeId: n.nodeId, nodeName: n.nodeName, calls: 0, completed: 0, abandoned: 0, members: [] }
    if (!n.connected) return { ...empty, state: 'offline' }
    const lq = n.queues.find((x) => x.name === q.name)
    if (!lq) return { ...empty, state: 'notApplied' }
    return {
      ...empty,
      state: 'live',
      calls: lq.calls ?? 0,
      completed: lq.completed ?? 0,
      abandoned: lq.abandoned ?? 0,
      members: lq.members.map((m) => ({
        name: m.name,
        extensionId: byInterface.get(m.interface.toLowerCase()) ?? null,
        status: memberStatus(m.status),
        paused: m.paused,
        inCall: m.inCall,
      })),
    }
  })
}
