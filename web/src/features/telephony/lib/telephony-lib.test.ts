import { describe, expect, it } from 'vitest'
import type { Extension, PbxLive, Trunk } from '@/lib/api/client'
import { makeExtension, makeQueue, makeTrunk } from '@/testing/mocks/db'
import { reportFromMessage, sameApply } from './apply'
import { diffStats, parseDiff } from './diff'
import { EMPTY_EXTENSION, extensionChanges, extensionSchema, valuesFromExtension } from './extension-form'
import { extensionLive, queueLive, trunkReachLive, trunkRegistrationLive } from './live'
import { EMPTY_QUEUE, queueChanges, queueSchema, valuesFromQueue } from './queue-form'
import { displayNameProblem, isHost, isIpMatch, splitList, trunkSecretProblem } from './rules'
import { EMPTY_TRUNK, trunkChanges, trunkSchema, valuesFromTrunk } from './trunk-form'

/** The i18n keys zod reports, per field path. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
}

describe('telephony rules (the daemon’s)', () => {
  it('takes display names in any language but no punctuation Asterisk reads', () => {
    expect(displayNameProblem('Maria D’Ávila')).toBe(null) // ’ is not ASCII: accepted like the daemon does
    expect(displayNameProblem("Maria D'Ávila")).toBe(null)
    expect(displayNameProblem('Иван Петров')).toBe(null)
    expect(displayNameProblem('João "Jota"')).toBe('validation.displayNameChars')
    expect(displayNameProblem('Ana, Bia')).toBe('validation.displayNameChars')
    expect(displayNameProblem('a'.repeat(65))).toBe('validation.displayNameMax')
    expect(displayNameProblem('é'.repeat(64))).toBe(null) // characters, not bytes
    expect(displayNameProblem('x\u0085y')).toBe('validation.displayNameChars')
    expect(displayNameProblem('')).toBe('validation.displayNameRequired')
  })

  it('checks hosts, IP matches and trunk passwords', () => {
    expect(isHost('sip.operadora.com.br')).toBe(true)
    expect(isHost('200.1.2.3')).toBe(true)
    expect(isHost('2001:db8::1')).toBe(true)
    expect(isHost('sip:operadora')).toBe(false)
    expect(isHost('-bad.example')).toBe(false)
    expect(isIpMatch('200.1.2.0/24')).toBe(true)
    expect(isIpMatch('200.1.2.300')).toBe(false)
    expect(isIpMatch('2001:db8::/32')).toBe(true)
    expect(splitList(' 200.1.2.3,200.1.2.0/24\n10.0.0.1 ')).toEqual(['200.1.2.3', '200.1.2.0/24', '10.0.0.1'])
    expect(trunkSecretProblem('curta')).toBe('validation.trunkSecretLength')
    expect(trunkSecretProblem('com espaço 123')).toBe('validation.trunkSecretChars')
    expect(trunkSecretProblem('senha;forte')).toBe('validation.trunkSecretSyntax')
    expect(trunkSecretProblem('S3nha-F0rte!')).toBe(null)
  })
})

describe('extension form', () => {
  it('refuses what the daemon refuses', () => {
    const bad = extensionSchema.safeParse({ ...EMPTY_EXTENSION, number: '1', name: 'Ana <1>', callerId: '11 4004', codecs: [] })
    expect(issues(bad)).toEqual({
      number: 'validation.extensionNumber',
      name: 'validation.displayNameChars',
      callerId: 'validation.callerId',
      codecs: 'validation.codecsRequired',
    })
    expect(extensionSchema.safeParse({ ...EMPTY_EXTENSION, number: '1001', name: '  Ana Souza ', callerId: '+551140041234' }).success).toBe(true)
  })

  it('sends only what changed, and an emptied caller ID as null', () => {
    const e = makeExtension({ id: 1, number: '1001', name: 'Ana', callerId: '551140041234' })
    const v = valuesFromExtension(e)
    expect(extensionChanges(e, v)).toEqual({})
    expect(extensionChanges(e, { ...v, callerId: '', codecs: ['alaw'] })).toEqual({ callerId: null, codecs: ['alaw'] })
  })
})

describe('queue form', () => {
  it('refuses reserved and invalid names, and out-of-range times and penalties', () => {
    expect(issues(queueSchema.safeParse({ ...EMPTY_QUEUE, name: 'general' }))).toEqual({ name: 'validation.objectNameReserved' })
    expect(issues(queueSchema.safeParse({ ...EMPTY_QUEUE, name: 'Suporte' }))).toEqual({ name: 'validation.objectName' })
    expect(
      issues(
        queueSchema.safeParse({
          ...EMPTY_QUEUE,
          name: 'suporte',
          timeoutS: 0,
          retryS: Number.NaN,
          wrapupS: 4000,
          members: [{ extensionId: 1, penalty: 101, paused: false }],
        }),
      ),
    ).toEqual({ timeoutS: 'validation.queueTimeout', retryS: 'validation.queueRetry', wrapupS: 'validation.queueWrapup', 'members.0.penalty': 'validation.penalty' })
  })

  it('replaces the members list only when it changed', () => {
    const q = makeQueue({ id: 1, name: 'suporte', members: [{ extensionId: 1, number: '1001', name: 'Ana', penalty: 0, paused: false }] })
    const v = valuesFromQueue(q)
    expect(queueChanges(q, v)).toEqual({})
    expect(queueChanges(q, { ...v, mohAudioId: '7', members: [...v.members, { extensionId: 2, penalty: 5, paused: true }] })).toEqual({
      mohAudioId: 7,
      members: [
        { extensionId: 1, penalty: 0, paused: false },
        { extensionId: 2, penalty: 5, paused: true },
      ],
    })
    expect(queueChanges(q, { ...v, members: [] })).toEqual({ members: [] })
  })
})

describe('trunk form', () => {
  const create = trunkSchema(false)
  const base = { ...EMPTY_TRUNK, name: 'vivo-sp', host: 'sip.vivo.com.br' }

  it('needs a password or the carrier’s addresses', () => {
    expect(issues(create.safeParse(base))).toEqual({ ipMatch: 'validation.ipMatchRequired' })
    expect(create.safeParse({ ...base, ipMatch: '200.1.2.0/24' }).success).toBe(true)
    expect(issues(create.safeParse({ ...base, secret: 'S3nha-F0rte' }))).toEqual({ username: 'validation.secretNeedsUser' })
    expect(create.safeParse({ ...base, username: 'torpedo01', secret: 'S3nha-F0rte' }).success).toBe(true)
  })

  it('needs user and password to register, and the prefix for national_prefix', () => {
    expect(issues(create.safeParse({ ...base, ipMatch: '200.1.2.3', registerOutbound: true }))).toEqual({ registerOutbound: 'validation.registerNeedsAuth' })
    expect(issues(create.safeParse({ ...base, ipMatch: '200.1.2.3', numberFormat: 'national_prefix' }))).toEqual({ dialPrefix: 'validation.dialPrefixRequired' })
    expect(
      issues(create.safeParse({ ...base, ipMatch: '200.1.2.3, 300.1.1.1', allowedPrefixes: '11, 2x', maxCps: 0, port: 70000, host: 'sip:x' })),
    ).toEqual({ ipMatch: 'validation.ipMatch', allowedPrefixes: 'validation.allowedPrefixes', maxCps: 'validation.maxCps', port: 'validation.portRangeSip', host: 'validation.trunkHost' })
  })

  it('keeps, replaces or removes the stored password', () => {
    const tr = makeTrunk({ id: 1, name: 'vivo-sp', username: 'torpedo01', secret: 'antiga-123' })
    const edit = trunkSchema(true)
    const v = valuesFromTrunk(tr)
    expect(edit.safeParse(v).success).toBe(true) // an empty field keeps the stored one
    expect(trunkChanges(tr, v)).toEqual({})
    expect(trunkChanges(tr, { ...v, secret: 'nova-senha-456' })).toEqual({ secret: 'nova-senha-456' })
    // Removing it while registering: the daemon would refuse, so does the form.
    expect(issues(edit.safeParse({ ...v, removeSecret: true }))).toEqual({ registerOutbound: 'validation.registerNeedsAuth', ipMatch: 'validation.ipMatchRequired' })
    const byIp = { ...v, removeSecret: true, registerOutbound: false, ipMatch: '200.1.2.3' }
    expect(edit.safeParse(byIp).success).toBe(true)
    expect(trunkChanges(tr, byIp)).toEqual({ secret: null, registerOutbound: false, ipMatch: ['200.1.2.3'] })
  })
})

describe('live status', () => {
  const live: PbxLive = {
    nodes: [
      {
        nodeId: 1,
        nodeName: 'sp',
        connected: true,
        endpoints: [
          { name: 'r1001-a', deviceState: 'Not in use', contacts: 'r1001-a/sip:1001@10.0.0.5,' },
          { name: 'r1002-b', deviceState: 'Unavailable', contacts: '' },
          { name: 'r1004-d', deviceState: 'Ringing', contacts: 'r1004-d/sip:x,' },
          { name: 'trunk-vivo', deviceState: 'Not in use', contacts: 'trunk-vivo/sip:vivo,' },
        ],
        registrations: [{ name: 'trunk-vivo-reg', status: 'Rejected' }],
        queues: [
          { name: 'suporte', calls: 3, completed: 10, abandoned: 2, members: [{ name: 'Ana', interface: 'PJSIP/r1001-a', status: 6, paused: true, inCall: false }] },
        ],
      },
      { nodeId: 2, nodeName: 'rj', connected: false, endpoints: [], registrations: [], queues: [] },
    ],
  }
  const ext = (endpoint: string, enabled = true) => ({ endpoint, enabled }) as Extension

  it('reads extensions by endpoint, the best state of any node winning', () => {
    expect(extensionLive(ext('r1001-a'), live).state).toBe('registered')
    expect(extensionLive(ext('r1001-a'), live).nodes.map((n) => n.state)).toEqual(['registered', 'offline'])
    expect(extensionLive(ext('r1002-b'), live).state).toBe('unregistered')
    expect(extensionLive(ext('r1004-d'), live).state).toBe('ringing')
    expect(extensionLive(ext('r1009-z'), live).state).toBe('notApplied')
    expect(extensionLive(ext('r1001-a', false), live).state).toBe('disabled')
    expect(extensionLive(ext('r1001-a'), { nodes: [] }).state).toBe('noNodes')
  })

  it('reads trunks by trunk-<name> and trunk-<name>-reg', () => {
    const vivo = { name: 'vivo', enabled: true } as Trunk
    expect(trunkRegistrationLive(vivo, live).state).toBe('rejected')
    expect(trunkReachLive(vivo, live).state).toBe('reachable')
    expect(trunkReachLive({ name: 'oi', enabled: true } as Trunk, live).state).toBe('notApplied')
  })

  it('reads queues by name and their members by interface', () => {
    const [sp, rj] = queueLive({ name: 'suporte' }, [{ id: 1, endpoint: 'r1001-a' }], live)
    expect(sp).toMatchObject({ state: 'live', calls: 3, completed: 10, abandoned: 2 })
    expect(sp!.members).toEqual([{ name: 'Ana', extensionId: 1, status: 'ringing', paused: true, inCall: false }])
    expect(rj!.state).toBe('offline')
    expect(queueLive({ name: 'vendas' }, [], live)[0]!.state).toBe('notApplied')
  })
})

describe('diff and apply reports', () => {
  it('classifies the lines of a unified diff', () => {
    const diff = '--- a/x.conf\n+++ b/x.conf\n@@ -1,2 +1,2 @@\n [r1001]\n-allow = ulaw\n+allow = alaw\n'
    expect(parseDiff(diff).map((l) => l.kind)).toEqual(['meta', 'meta', 'hunk', 'context', 'del', 'add'])
    expect(diffStats(diff)).toEqual({ added: 1, removed: 1 })
    expect(parseDiff('')).toEqual([])
  })

  it('normalises a pbx-apply message (at in ms) and recognises the same apply in both shapes', () => {
    const at = Date.parse('2025-03-01T12:00:00.750Z')
    const fromWs = reportFromMessage({ nodeId: 1, nodeName: 'sp', ok: true, skipped: false, written: ['a'], reloaded: ['b'], missing: [], error: null, checksum: 'abc', at })
    expect(fromWs.at).toBe('2025-03-01T12:00:00.750Z')
    const fromPost = { ...fromWs, at: '2025-03-01T12:00:00Z' }
    expect(sameApply([fromWs], [fromPost])).toBe(true)
    expect(sameApply([fromWs], [{ ...fromPost, checksum: 'other' }])).toBe(false)
    expect(reportFromMessage({ junk: true })).toMatchObject({ nodeId: 0, written: [], error: null })
  })
})
