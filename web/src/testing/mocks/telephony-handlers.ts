import { http, HttpResponse } from 'msw'
import type { Extension, PbxLive, PbxNodeApplyReport, Queue, Trunk } from '@/lib/api/client'
import { db, makeExtension, makeQueue, makeTrunk } from './db'

const API = '*/api/v1'

const apiError = (status: number, code: string, message: string, field?: string) =>
  HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status })

function session(request: Request, { write = false } = {}) {
  const user = db.users.find((u) => u.id === db.sessionUserId)
  if (!user) return apiError(401, 'unauthorized', 'Not logged in')
  if (write && request.headers.get('X-CSRF-Token') !== db.csrfToken) return apiError(403, 'csrf', 'Missing or wrong X-CSRF-Token')
  if (write && user.role !== 'admin') return apiError(403, 'forbidden', 'Administrators only')
  return null
}

const now = () => new Date().toISOString()
const nextId = (items: { id: number }[]) => Math.max(0, ...items.map((i) => i.id)) + 1
type Body = Record<string, unknown>

// ---------------------------------------------------------------- extensions (the daemon's rules, in short)

const publicExtension = ({ secret: _s, ...e }: (typeof db.extensions)[number]): Extension => ({
  ...e,
  queues: db.queues.filter((q) => q.members.some((m) => m.extensionId === e.id)).map((q) => q.name),
})

function extensionProblem(body: Body, partial: boolean): [string, string] | null {
  if ((!partial || 'number' in body) && !/^[0-9]{2,8}$/.test(String(body.number ?? ''))) return ['number', 'Use de 2 a 8 dígitos (ex.: 1001).']
  if (!partial || 'name' in body) {
    const name = String(body.name ?? '').trim()
    if (!name) return ['name', 'Informe o nome.']
    const bad = [...name].find((c) => c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9 ._'-]/.test(c))
    if (bad) return ['name', `O nome só pode ter letras, números, espaço, ponto, hífen, sublinhado e apóstrofo (não use "${bad}").`]
  }
  if (body.callerId != null && !/^\+?[0-9]{2,20}$/.test(String(body.callerId))) return ['callerId', 'Use só dígitos, com + opcional no início (ex.: 551140041234).']
  if ('codecs' in body && (!Array.isArray(body.codecs) || body.codecs.length === 0)) return ['codecs', 'Escolha ao menos um codec.']
  return null
}

// ---------------------------------------------------------------- queues

const publicQueue = (q: Queue): Queue => ({
  ...q,
  members: q.members.map((m) => {
    const e = db.extensions.find((x) => x.id === m.extensionId)
    return { ...m, number: e?.number ?? null, name: e?.name ?? null }
  }),
})

function queueProblem(body: Body, partial: boolean): [string, string] | null {
  if (!partial || 'name' in body) {
    const name = String(body.name ?? '')
    if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(name))
      return ['name', 'Use de 1 a 40 letras minúsculas, números, hífen ou sublinhado, começando por letra ou número (ex.: suporte).']
    if (name === 'general' || name === 'globals') return ['name', 'Este nome é reservado pelo Asterisk; escolha outro.']
  }
  const int = (k: string, min: number, max: number) =>
    k in body && !(Number.isInteger(body[k]) && (body[k] as number) >= min && (body[k] as number) <= max) ? ([k, `O campo ${k} deve estar entre ${min} e ${max}.`] as [string, string]) : null
  const bad = int('timeoutS', 1, 600) ?? int('retryS', 0, 600) ?? int('maxCallers', 0, 10000) ?? int('wrapupS', 0, 3600)
  if (bad) return bad
  if (Array.isArray(body.members)) {
    const seen = new Set<number>()
    for (const m of body.members as { extensionId: number; penalty?: number }[]) {
      if (!db.extensions.some((e) => e.id === m.extensionId)) return ['members', `O ramal ${m.extensionId} não existe.`]
      if (seen.has(m.extensionId)) return ['members', 'Um ramal aparece duas vezes na fila.']
      seen.add(m.extensionId)
      if (m.penalty !== undefined && !(Number.isInteger(m.penalty) && m.penalty >= 0 && m.penalty <= 100)) return ['penalty', 'O campo penalty deve estar entre 0 e 100.']
    }
  }
  if (body.mohAudioId != null && db.audio.find((a) => a.id === body.mohAudioId)?.kind !== 'moh')
    return ['mohAudioId', 'Escolha um áudio do tipo música de espera.']
  return null
}

const membersFrom = (list: unknown) =>
  (list as { extensionId: number; penalty?: number; paused?: boolean }[]).map((m) => ({
    extensionId: m.extensionId,
    number: null,
    name: null,
    penalty: m.penalty ?? 0,
    paused: m.paused ?? false,
  }))

// ---------------------------------------------------------------- trunks

const publicTrunk = ({ secret: _s, ...t }: (typeof db.trunks)[number]): Trunk => t

function trunkProblem(body: Body, partial: boolean): [string, string] | null {
  if ((!partial || 'name' in body) && !/^[a-z0-9][a-z0-9_-]{0,39}$/.test(String(body.name ?? '')))
    return ['name', 'Use de 1 a 40 letras minúsculas, números, hífen ou sublinhado, começando por letra ou número (ex.: suporte).']
  if ((!partial || 'host' in body) && !/^[A-Za-z0-9.:[\]-]{1,253}$/.test(String(body.host ?? '')))
    return ['host', 'Informe o nome ou o IP do servidor (ex.: sip.operadora.com.br ou 200.1.2.3).']
  if (typeof body.secret === 'string' && (body.secret.length < 8 || body.secret.length > 128)) return ['secret', 'A senha precisa ter de 8 a 128 caracteres.']
  return null
}

/** The daemon's rules across fields, on the trunk as it would be stored. */
function trunkConsistency(t: Trunk & { secret: string | null }): [string, string] | null {
  if (t.numberFormat === 'national_prefix' && !t.dialPrefix) return ['dialPrefix', 'Informe o prefixo a discar antes do número (ex.: 015).']
  if (t.registerOutbound && (!t.username || !t.secret)) return ['registerOutbound', 'Para registrar na operadora, informe usuário e senha.']
  if (t.secret && !t.username) return ['username', 'Informe o usuário da senha.']
  if (!t.secret && t.ipMatch.length === 0) return ['ipMatch', 'Sem senha, o tronco precisa dos IPs da operadora (autenticação por IP).']
  return null
}

// ---------------------------------------------------------------- live and configuration

/** What the enabled nodes' Asterisk would report: the connected ones show every enabled item of the last apply. */
export function mockPbxLive(): PbxLive {
  return {
    nodes: db.pbxNodes
      .filter((n) => n.enabled)
      .map((n) => {
        if (n.status.state !== 'connected') return { nodeId: n.id, nodeName: n.name, connected: false, endpoints: [], registrations: [], queues: [] }
        const extensions = db.extensions.filter((e) => e.enabled)
        const trunks = db.trunks.filter((t) => t.enabled)
        return {
          nodeId: n.id,
          nodeName: n.name,
          connected: true,
          endpoints: [
            ...extensions.map((e) =>
              db.registered.includes(e.id)
                ? { name: e.endpoint, deviceState: 'Not in use', contacts: `${e.endpoint}/sip:${e.number}@10.0.0.50:5060,` }
                : { name: e.endpoint, deviceState: 'Unavailable', contacts: '' },
            ),
            ...trunks.map((t) => ({ name: `trunk-${t.name}`, deviceState: t.host.startsWith('10.99.') ? 'Unavailable' : 'Not in use', contacts: `trunk-${t.name}/sip:${t.host}:${t.port},` })),
          ],
          registrations: trunks.filter((t) => t.registerOutbound).map((t) => ({ name: `trunk-${t.name}-reg`, status: t.name.includes('rejeit') ? 'Rejected' : 'Registered' })),
          queues: db.queues.map((q, i) => ({
            name: q.name,
            strategy: q.strategy,
            calls: i === 0 ? 2 : 0,
            completed: 14,
            abandoned: 1,
            members: q.members.flatMap((m) => {
              const e = db.extensions.find((x) => x.id === m.extensionId)
              if (!e || !e.enabled) return []
              return [{ name: e.name, interface: `PJSIP/${e.endpoint}`, status: db.registered.includes(e.id) ? 1 : 5, paused: m.paused, inCall: false }]
            }),
          })),
        }
      }),
  }
}

/** The four files, in the generator's spirit (passwords masked). */
export function mockConfigFiles(): Record<string, string> {
  const head = (name: string, what: string) => `; ${name}: ${what}\n; Written by Torpedo; changes made here are lost on the next apply.\n`
  let pjsip = head('torpedo_pjsip.conf', 'PJSIP: extensions (ramais) and trunks (troncos).')
  for (const e of db.extensions.filter((x) => x.enabled))
    pjsip += `\n; ramal ${e.number}\n[${e.endpoint}]\ntype = aor\nmax_contacts = 1\n\n[${e.endpoint}-auth]\ntype = auth\nauth_type = userpass\nusername = ${e.endpoint}\npassword = ********\n\n[${e.endpoint}]\ntype = endpoint\ncontext = torpedo-agents\nallow = ${e.codecs.join(',')}\ncallerid = "${e.name}" <${e.callerId ?? e.number}>\n`
  for (const t of db.trunks.filter((x) => x.enabled)) {
    pjsip += `\n; tronco ${t.name}\n[trunk-${t.name}]\ntype = aor\ncontact = sip:${t.host}:${t.port}\n\n[trunk-${t.name}]\ntype = endpoint\ncontext = torpedo-from-trunk\nallow = ${t.codecs.join(',')}\n`
    if (t.registerOutbound) pjsip += `\n[trunk-${t.name}-reg]\ntype = registration\nserver_uri = sip:${t.host}:${t.port}\nclient_uri = sip:${t.username}@${t.host}:${t.port}\n`
  }
  let queues = head('torpedo_queues.conf', 'queues (filas) and their members.')
  for (const q of db.queues) {
    queues += `\n; fila ${q.name}\n[${q.name}]\nstrategy = ${q.strategy}\ntimeout = ${q.timeoutS}\nretry = ${q.retryS}\n`
    for (const m of q.members) {
      const e = db.extensions.find((x) => x.id === m.extensionId)
      if (e?.enabled) queues += `member => PJSIP/${e.endpoint},${m.penalty},${e.name}${m.paused ? ',,,,1' : ''}\n`
    }
  }
  let moh = head('torpedo_musiconhold.conf', 'music on hold classes.')
  for (const id of new Set(db.queues.map((q) => q.mohAudioId).filter((x): x is number => x != null)))
    moh += `\n[torpedo-audio-${id}]\nmode = files\ndirectory = /var/lib/asterisk/sounds/torpedo/moh/audio-${id}\n`
  const ext = `${head('torpedo_extensions.conf', 'dialplan of campaigns, agents and trunks.')}\n[torpedo-agents]\nexten => _XX.,1,Dial(PJSIP/\${EXTEN})\n`
  return { 'torpedo_pjsip.conf': pjsip, 'torpedo_queues.conf': queues, 'torpedo_musiconhold.conf': moh, 'torpedo_extensions.conf': ext }
}

/** A unified diff of two texts (one hunk with 3 lines of context around each change run is enough here). */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return ''
  const a = before ? before.replace(/\n$/, '').split('\n') : []
  const b = after.replace(/\n$/, '').split('\n')
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const ops: string[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push(` ${a[i]}`)
      i++
      j++
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push(`+${b[j++]}`)
    else ops.push(`-${a[i++]}`)
  }
  return `--- a/${name}\n+++ b/${name}\n@@ -1,${a.length} +1,${b.length} @@\n${ops.join('\n')}\n`
}

function applyReport(n: (typeof db.pbxNodes)[number]): PbxNodeApplyReport {
  const at = now()
  const base = { nodeId: n.id, nodeName: n.name, written: [], reloaded: [], missing: [], checksum: '', at }
  if (!n.configDir)
    return {
      ...base,
      ok: false,
      skipped: true,
      error: 'Este servidor não tem diretório de configuração: informe-o em Servidores para o Torpedo gravar os arquivos.',
    }
  const files = mockConfigFiles()
  db.applied[n.id] = files
  const written = Object.keys(files)
  if (n.status.state !== 'connected')
    return { ...base, ok: false, skipped: false, written, error: 'Arquivos gravados, mas o Asterisk está desconectado: aplique de novo quando ele voltar.' }
  return {
    ...base,
    ok: true,
    skipped: false,
    written,
    reloaded: ['res_pjsip.so', 'app_queue.so', 'res_musiconhold.so', 'pbx_config.so'],
    error: null,
    checksum: 'c0ffee'.repeat(10) + 'abcd',
  }
}

// ---------------------------------------------------------------- handlers

export const telephonyHandlers = [
  http.get(`${API}/extensions`, ({ request }) => session(request) ?? HttpResponse.json({ items: db.extensions.map(publicExtension) })),

  http.post(`${API}/extensions`, async ({ request }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const body = (await request.json()) as Body
    const problem = extensionProblem(body, false)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    if (db.extensions.some((e) => e.number === body.number)) return apiError(409, 'conflict', 'Já existe um ramal com este número.', 'number')
    const id = nextId(db.extensions)
    const secret = `Zx${id}`.padEnd(24, 'Q7w')
    const e = makeExtension({
      id,
      number: String(body.number),
      name: String(body.name).trim(),
      callerId: (body.callerId as string | null) ?? null,
      codecs: (body.codecs as Extension['codecs']) ?? ['ulaw', 'alaw'],
      enabled: (body.enabled as boolean) ?? true,
      endpoint: `r${String(body.number)}-m4n${id}ab`,
      secret,
      createdAt: now(),
      updatedAt: now(),
    })
    db.extensions.push(e)
    return HttpResponse.json({ ...publicExtension(e), secret }, { status: 201 })
  }),

  http.patch(`${API}/extensions/:id`, async ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const e = db.extensions.find((x) => x.id === Number(params.id))
    if (!e) return apiError(404, 'not_found', 'Ramal não encontrado.')
    const body = (await request.json()) as Body
    const problem = extensionProblem(body, true)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    if (body.number && db.extensions.some((x) => x.id !== e.id && x.number === body.number))
      return apiError(409, 'conflict', 'Já existe um ramal com este número.', 'number')
    Object.assign(e, body, typeof body.name === 'string' ? { name: body.name.trim() } : {}, { updatedAt: now() })
    return HttpResponse.json(publicExtension(e))
  }),

  http.post(`${API}/extensions/:id/secret`, ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const e = db.extensions.find((x) => x.id === Number(params.id))
    if (!e) return apiError(404, 'not_found', 'Ramal não encontrado.')
    e.secret = 'Nw9secret'.padEnd(24, 'X2y')
    return HttpResponse.json({ secret: e.secret })
  }),

  http.delete(`${API}/extensions/:id`, ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const e = db.extensions.find((x) => x.id === Number(params.id))
    if (!e) return apiError(404, 'not_found', 'Ramal não encontrado.')
    const queues = db.queues.filter((q) => q.members.some((m) => m.extensionId === e.id)).map((q) => `"${q.name}"`)
    if (queues.length) return apiError(409, 'conflict', `O ramal ${e.number} é membro da(s) fila(s) ${queues.join(', ')}: tire-o de lá antes de excluí-lo.`)
    db.extensions = db.extensions.filter((x) => x !== e)
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/queues`, ({ request }) => session(request) ?? HttpResponse.json({ items: db.queues.map(publicQueue) })),

  http.post(`${API}/queues`, async ({ request }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const body = (await request.json()) as Body
    const problem = queueProblem(body, false)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    if (db.queues.some((q) => q.name === body.name)) return apiError(409, 'conflict', 'Já existe uma fila com este nome.', 'name')
    const { members, ...rest } = body
    const q = makeQueue({ ...(rest as Partial<Queue>), id: nextId(db.queues), name: String(body.name), members: membersFrom(members ?? []), createdAt: now(), updatedAt: now() })
    db.queues.push(q)
    return HttpResponse.json(publicQueue(q), { status: 201 })
  }),

  http.patch(`${API}/queues/:id`, async ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const q = db.queues.find((x) => x.id === Number(params.id))
    if (!q) return apiError(404, 'not_found', 'Fila não encontrada.')
    const body = (await request.json()) as Body
    const problem = queueProblem(body, true)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    if (body.name && db.queues.some((x) => x.id !== q.id && x.name === body.name)) return apiError(409, 'conflict', 'Já existe uma fila com este nome.', 'name')
    const { members, ...rest } = body
    Object.assign(q, rest, members ? { members: membersFrom(members) } : {}, { updatedAt: now() })
    return HttpResponse.json(publicQueue(q))
  }),

  http.delete(`${API}/queues/:id`, ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    if (!db.queues.some((q) => q.id === Number(params.id))) return apiError(404, 'not_found', 'Fila não encontrada.')
    db.queues = db.queues.filter((q) => q.id !== Number(params.id))
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/trunks`, ({ request }) => session(request) ?? HttpResponse.json({ items: db.trunks.map(publicTrunk) })),

  http.post(`${API}/trunks`, async ({ request }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const body = (await request.json()) as Body
    const problem = trunkProblem(body, false)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    const t = makeTrunk({
      ...(body as Partial<Trunk>),
      id: nextId(db.trunks),
      name: String(body.name),
      username: (body.username as string | null) ?? null,
      registerOutbound: (body.registerOutbound as boolean) ?? false,
      secret: (body.secret as string | null) ?? null,
      campaigns: [],
      createdAt: now(),
      updatedAt: now(),
    })
    const inconsistent = trunkConsistency(t)
    if (inconsistent) return apiError(422, 'validation', inconsistent[1], inconsistent[0])
    if (db.trunks.some((x) => x.name === t.name)) return apiError(409, 'conflict', 'Já existe um tronco com este nome.', 'name')
    db.trunks.push(t)
    return HttpResponse.json(publicTrunk(t), { status: 201 })
  }),

  http.patch(`${API}/trunks/:id`, async ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const t = db.trunks.find((x) => x.id === Number(params.id))
    if (!t) return apiError(404, 'not_found', 'Tronco não encontrado.')
    const body = (await request.json()) as Body
    const problem = trunkProblem(body, true)
    if (problem) return apiError(422, 'validation', problem[1], problem[0])
    const next = { ...t, ...(body as Partial<Trunk>), updatedAt: now() }
    if ('secret' in body) next.secret = (body.secret as string | null) ?? null
    next.hasSecret = next.secret !== null
    const inconsistent = trunkConsistency(next)
    if (inconsistent) return apiError(422, 'validation', inconsistent[1], inconsistent[0])
    if (body.name && db.trunks.some((x) => x.id !== t.id && x.name === body.name)) return apiError(409, 'conflict', 'Já existe um tronco com este nome.', 'name')
    Object.assign(t, next)
    return HttpResponse.json(publicTrunk(t))
  }),

  http.delete(`${API}/trunks/:id`, ({ request, params }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const t = db.trunks.find((x) => x.id === Number(params.id))
    if (!t) return apiError(404, 'not_found', 'Tronco não encontrado.')
    if (t.campaigns.length)
      return apiError(409, 'conflict', `O tronco ${t.name} é usado pela(s) campanha(s) ${t.campaigns.map((c) => `"${c}"`).join(', ')}: troque o tronco lá antes de excluí-lo.`)
    db.trunks = db.trunks.filter((x) => x !== t)
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/pbx/live`, ({ request }) => session(request) ?? HttpResponse.json(mockPbxLive())),

  http.get(`${API}/pbx/config`, ({ request }) => {
    const bad = session(request)
    if (bad) return bad
    if (db.users.find((u) => u.id === db.sessionUserId)?.role !== 'admin') return apiError(403, 'forbidden', 'Administrators only')
    const files = mockConfigFiles()
    return HttpResponse.json({
      nodes: db.pbxNodes
        .filter((n) => n.enabled)
        .map((n) => ({
          nodeId: n.id,
          nodeName: n.name,
          skipped: !n.configDir,
          lastApply: null,
          error: null,
          files: Object.entries(files).map(([name, text]) => {
            const diff = unifiedDiff(db.applied[n.id]?.[name] ?? '', text, name)
            return { name, text, diff, changed: diff !== '' }
          }),
        })),
    })
  }),

  http.post(`${API}/pbx/apply`, ({ request }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const nodes = db.pbxNodes.filter((n) => n.enabled).map(applyReport)
    return HttpResponse.json({ ok: nodes.every((n) => n.ok || n.skipped), nodes })
  }),

  http.get(`${API}/settings/pbx`, ({ request }) => session(request) ?? HttpResponse.json(db.pbxSettings)),

  http.put(`${API}/settings/pbx`, async ({ request }) => {
    const bad = session(request, { write: true })
    if (bad) return bad
    const body = (await request.json()) as Body
    if (typeof body.autoApply !== 'boolean') return apiError(422, 'validation', 'O campo autoApply deve ser true ou false.', 'autoApply')
    db.pbxSettings = { autoApply: body.autoApply }
    return HttpResponse.json(db.pbxSettings)
  }),
]
