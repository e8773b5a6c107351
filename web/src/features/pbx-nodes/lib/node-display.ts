import type { PbxNodeState, PbxNodeStatus } from '@/lib/api/client'
import { secondsSince } from '@/lib/format'

export const PBX_STATES: readonly PbxNodeState[] = ['connected', 'connecting', 'disconnected', 'auth_failed', 'disabled']

/** `host:port`, with brackets around an IPv6 address. */
export function amiAddress(host: string, port: number) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/**
 * Asterisk's uptime in seconds at `now`: from `startedAt` when known, else `uptimeSeconds`
 * advanced by the time since `updatedAt`. Null unless connected (a stale uptime misleads).
 */
export function uptimeSeconds(status: PbxNodeStatus, now: number): number | null {
  if (status.state !== 'connected') return null
  const sinceStart = secondsSince(status.startedAt, now)
  if (sinceStart !== null) return sinceStart
  if (status.uptimeSeconds == null) return null
  return status.uptimeSeconds + (secondsSince(status.updatedAt, now) ?? 0)
}

export type Load = 'idle' | 'normal' | 'high' | 'full'

/** How busy the node is, for the channels bar colour. */
export function channelLoad(active: number | null, max: number): Load {
  if (active == null || active <= 0) return 'idle'
  const ratio = active / Math.max(1, max)
  if (ratio >= 1) return 'full'
  if (ratio >= 0.8) return 'high'
  return 'normal'
}
