import type { PbxNodeApplyReport } from '@/lib/api/client'

/** What a `pbx-apply` message or POST /pbx/apply reported, as the UI keeps it. */
export interface ApplyOutcome {
  /** When this browser learnt about it (ms). */
  receivedAt: number
  ok: boolean
  nodes: PbxNodeApplyReport[]
}

/** A node counts as failed when it was not skipped (no configuration directory) and is not ok. */
export const nodeFailed = (n: Pick<PbxNodeApplyReport, 'ok' | 'skipped'>) => !n.ok && !n.skipped
export const applyOk = (nodes: readonly Pick<PbxNodeApplyReport, 'ok' | 'skipped'>[]) => !nodes.some(nodeFailed)

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/**
 * A node of a `pbx-apply` message: the report's shape, except `at` in milliseconds (POST
 * /pbx/apply has it as an ISO date). Normalised to the POST's shape; junk fields become empty.
 */
export function reportFromMessage(raw: Record<string, unknown>): PbxNodeApplyReport {
  const at = raw.at
  return {
    nodeId: typeof raw.nodeId === 'number' ? raw.nodeId : 0,
    nodeName: str(raw.nodeName),
    ok: raw.ok === true,
    skipped: raw.skipped === true,
    written: strings(raw.written),
    reloaded: strings(raw.reloaded),
    missing: strings(raw.missing),
    error: typeof raw.error === 'string' && raw.error ? raw.error : null,
    checksum: str(raw.checksum),
    at: typeof at === 'number' ? new Date(at).toISOString() : str(at),
  }
}

/** The same apply seen twice (the POST's answer and the message it also sent): same nodes, checksums and second. */
export function sameApply(a: readonly PbxNodeApplyReport[], b: readonly PbxNodeApplyReport[]): boolean {
  const second = (iso: string) => Math.floor(Date.parse(iso) / 1000)
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!
      return x.nodeId === y.nodeId && x.checksum === y.checksum && x.ok === y.ok && second(x.at) === second(y.at)
    })
  )
}
