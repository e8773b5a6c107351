// Telephony for e2e/mock-server.mjs: an in-memory stand-in for the daemon's /extensions,
// /queues, /trunks, /pbx/live, /pbx/config, /pbx/apply and /settings/pbx (api/openapi.yaml, tag
// telephony). Not the product, but it answers like it: the same strict patterns with the
// daemon's Portuguese messages (422 with `field`), 409 for a taken number or name, for an
// extension that is a queue's member and for a trunk a campaign dials through (in the mock: a
// trunk whose name starts with "vivo" is used by the campaign "Cobrança D+5 — março").
//
// The configuration: the four include files are generated from the model (passwords masked in
// the preview) and diffed, in unified format, against what the last apply wrote for the node
// (read back from disk when the node's configDir is under the system's temporary directory,
// where the files are really written, so e2e/telephony.mjs can look at them against the mock
// too; anywhere else the mock only pretends). An apply skips nodes without configDir, "writes"
// and fails on nodes that are not connected, and succeeds on connected ones; every apply is
// sent as a `pbx-apply` message (`at` in milliseconds, as the daemon does), and a change is
// applied automatically ~0.8 s later while /settings/pbx has autoApply on (the default).
//
// Live status (GET /pbx/live): connected nodes show what their last apply wrote. Extensions
// whose number is not a multiple of 3 are registered, and their phones take calls now and then;
// trunks register unless their host contains "rejeit" (rejected) or starts with 10.99. (no
// answer); queues have a few callers waiting, varying over time.
import { createHash, randomInt } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'

const TMP = resolve(tmpdir())
const FILES = ['torpedo_pjsip.conf', 'torpedo_queues.conf', 'torpedo_musiconhold.conf', 'torpedo_extensions.conf']
const MODULES = ['res_pjsip.so', 'app_queue.so', 'res_musiconhold.so', 'pbx_config.so']
const CODECS = ['ulaw', 'alaw', 'gsm', 'g722', 'g729', 'opus', 'ilbc', 'slin16']
const STRATEGIES = ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory']
const NUMBER_FORMATS = ['e164_plus', 'e164', 'national', 'national_prefix']
const AUTO_APPLY_DELAY_MS = 800

class Refusal extends Error {
  constructor(field, message, status = 422, code = 'validation') {
    super(message)
    this.field = field
    this.status = status
    this.code = code
  }
}
const refuse = (field, message) => {
  throw new Refusal(field, message)
}

// ---------------------------------------------------------------- the daemon's patterns (src/telephony/validate.cpp)
const check = {
  number: (v) => (/^[0-9]{2,8}$/.test(v) ? null : 'Use de 2 a 8 dígitos (ex.: 1001).'),
  displayName(v) {
    if (v === '') return 'Informe o nome.'
    let n = 0
    for (const c of v) {
      n += 1
      const code = c.codePointAt(0)
      if (code >= 0x80) {
        if (code <= 0x9f) return 'O nome não pode ter caracteres de controle.'
        continue
      }
      if (!/[A-Za-z0-9 ._'-]/.test(c))
        return `O nome só pode ter letras, números, espaço, ponto, hífen, sublinhado e apóstrofo (não use "${c}").`
    }
    if (n > 64) return 'Nome longo demais (máximo 64 caracteres).'
    return null
  },
  objectName(v) {
    if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(v))
      return 'Use de 1 a 40 letras minúsculas, números, hífen ou sublinhado, começando por letra ou número (ex.: suporte).'
    if (v === 'general' || v === 'globals') return 'Este nome é reservado pelo Asterisk; escolha outro.'
    return null
  },
  phone: (v) => (/^\+?[0-9]{2,20}$/.test(v) ? null : 'Use só dígitos, com + opcional no início (ex.: 551140041234).'),
  host(v) {
    const hostname = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
    const ipv6 = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/
    return v.length <= 253 && (hostname.test(v) || (v.includes(':') && ipv6.test(v)))
      ? null
      : 'Informe o nome ou o IP do servidor (ex.: sip.operadora.com.br ou 200.1.2.3).'
  },
  sipUser: (v) => (/^[A-Za-z0-9._+-]{1,64}$/.test(v) ? null : 'Use de 1 a 64 letras, números, ponto, hífen, sublinhado ou +.'),
  secret(v) {
    if (v.length < 8 || v.length > 128) return 'A senha precisa ter de 8 a 128 caracteres.'
    for (const c of v) {
      const code = c.codePointAt(0)
      if (code <= 0x20 || code >= 0x7f) return 'A senha só pode ter letras, números e símbolos do teclado, sem espaço nem acento.'
      if (';\\"[]#'.includes(c)) return `A senha não pode ter o caractere ${c} (o arquivo de configuração do Asterisk o interpreta); peça outra à operadora.`
    }
    return null
  },
  ipMatch(v) {
    const v4 = /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\/([0-9]|[12][0-9]|3[0-2]))?$/
    const v6 = /^[0-9A-Fa-f:]{2,39}(\/([0-9]{1,2}|1[01][0-9]|12[0-8]))?$/
    return v4.test(v) || (v.includes(':') && v6.test(v)) ? null : 'Informe um IP ou uma rede (ex.: 200.1.2.3 ou 200.1.2.0/24).'
  },
  prefix: (v) => (/^[0-9]{1,8}$/.test(v) ? null : 'Use de 1 a 8 dígitos.'),
  codecs(list) {
    if (list.length === 0) return 'Escolha ao menos um codec.'
    if (list.some((c) => !CODECS.includes(c))) return 'Codec desconhecido: use ulaw, alaw, gsm, g722, g729, opus, ilbc ou slin16.'
    if (new Set(list).size !== list.length) return 'Cada codec só pode aparecer uma vez.'
    return null
  },
}
const ensure = (field, problem) => {
  if (problem) refuse(field, problem)
}

/** The daemon's Fields: typed reads of a JSON body, with its messages; unknown fields are refused. */
function fields(body) {
  const known = new Set()
  const find = (name, required) => {
    known.add(name)
    const v = body[name]
    if (v === undefined || v === null) {
      if (required) refuse(name, `O campo ${name} é obrigatório.`)
      return undefined
    }
    return v
  }
  return {
    str(name, required, maxBytes) {
      const v = find(name, required)
      if (v === undefined) return undefined
      if (typeof v !== 'string') refuse(name, `O campo ${name} deve ser um texto.`)
      if (Buffer.byteLength(v) > maxBytes) refuse(name, `O campo ${name} excede ${maxBytes} bytes.`)
      if ([...v].some((c) => c.charCodeAt(0) < 0x20 && c !== '\t')) refuse(name, `O campo ${name} contém caracteres de controle; remova-os.`)
      return v
    },
    bool(name, required) {
      const v = find(name, required)
      if (v === undefined) return undefined
      if (typeof v !== 'boolean') refuse(name, `O campo ${name} deve ser true ou false.`)
      return v
    },
    int(name, required, min, max) {
      const v = find(name, required)
      if (v === undefined) return undefined
      if (!Number.isInteger(v)) refuse(name, `O campo ${name} deve ser um número inteiro.`)
      if (v < min || v > max) refuse(name, `O campo ${name} deve estar entre ${min} e ${max}.`)
      return v
    },
    num(name, required, min, max) {
      const v = find(name, required)
      if (v === undefined) return undefined
      if (typeof v !== 'number') refuse(name, `O campo ${name} deve ser um número.`)
      if (!(v >= min && v <= max)) refuse(name, `O campo ${name} deve estar entre ${min} e ${max}.`)
      return v
    },
    strs(name, required, maxItems, maxBytes) {
      const v = find(name, required)
      if (v === undefined) return undefined
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) refuse(name, `O campo ${name} deve ser uma lista de textos.`)
      if (v.length > maxItems) refuse(name, `O campo ${name} aceita no máximo ${maxItems} itens.`)
      if (v.some((x) => Buffer.byteLength(x) > maxBytes)) refuse(name, `Um item de ${name} excede ${maxBytes} bytes.`)
      return v
    },
    isNull(name) {
      known.add(name)
      return name in body && body[name] === null
    },
    rejectUnknown(except = []) {
      for (const k of Object.keys(body)) if (!known.has(k) && !except.includes(k)) refuse(k, `Campo desconhecido: ${k}.`)
    },
  }
}

// ---------------------------------------------------------------- unified diff (3 lines of context)
export function unifiedDiff(before, after, name) {
  if (before === after) return ''
  const lines = (s) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'))
  const a = lines(before)
  const b = lines(after)
  const n = a.length
  const m = b.length
  // Longest common subsequence of lines (the files are small).
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const ops = [] // {kind: ' ' | '-' | '+', text, ai, bi}: ai/bi = lines of a/b before this one
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i], ai: i++, bi: j++ })
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', text: a[i], ai: i++, bi: j })
    else ops.push({ kind: '+', text: b[j], ai: i, bi: j++ })
  }
  const out = [`--- a/${name}`, `+++ b/${name}`]
  const range = (start, count) => (count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`)
  let k = 0
  while (k < ops.length) {
    if (ops[k].kind === ' ') {
      k++
      continue
    }
    // A hunk: 3 lines before the first change, changes closer than 6 lines merged, 3 after the last.
    const first = Math.max(0, k - 3)
    let last = k
    for (let x = k; x < ops.length; x++) {
      if (ops[x].kind === ' ') continue
      if (x - last > 6) break
      last = x
    }
    const end = Math.min(ops.length, last + 4)
    const hunk = ops.slice(first, end)
    const aCount = hunk.filter((o) => o.kind !== '+').length
    const bCount = hunk.filter((o) => o.kind !== '-').length
    out.push(`@@ -${range(hunk[0].ai, aCount)} +${range(hunk[0].bi, bCount)} @@`)
    for (const o of hunk) out.push(o.kind + o.text)
    k = end
  }
  return `${out.join('\n')}\n`
}

const mask = (text) => text.replace(/^password = .*$/gm, 'password = ********')

/**
 * h: the mock server's helpers (authenticate, send, fail, readJson, broadcast, broadcastMessage,
 * now, record), `pbxNodes()` and `audio` (the audio library's handler: `find(id)`).
 * The returned handler also has `audioUsedBy(id)` (a queue's music or announcement) and `seed()`.
 */
export function createTelephonyApi(h) {
  const { authenticate, send, fail, readJson, broadcast, broadcastMessage, now, record } = h
  const pbxNodes = h.pbxNodes ?? (() => [])
  let nextExtensionId = 1
  let nextQueueId = 1
  let nextTrunkId = 1
  const extensions = [] // {id, number, endpoint, name, callerId, codecs, enabled, secret, createdAt, updatedAt}
  const queues = [] // {id, name, strategy, timeoutS, retryS, maxCallers, wrapupS, mohAudioId, announceAudioId, members:[{extensionId, penalty, paused}], createdAt, updatedAt}
  const trunks = [] // {id, name, host, port, transport, username, secret, registerOutbound, ipMatch, codecs, maxChannels, maxCps, callerId, numberFormat, dialPrefix, allowedPrefixes, enabled, createdAt, updatedAt}
  const settings = { autoApply: true }
  const applied = new Map() // node id -> {files: {name: text}, model}
  let autoTimer = null

  const randomString = (n, alphabet) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('')
  const newSecret = () => randomString(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')
  const newEndpoint = (number) => `r${number}-${randomString(6, 'abcdefghijkmnopqrstuvwxyz23456789')}`
  // The campaigns that dial through a trunk: those of the campaigns mock when it is wired in
  // (`h.trunkCampaigns`), otherwise the seeded story (a "vivo" trunk is used by "Cobrança D+5 — março").
  const campaignsOf = (t) => (h.trunkCampaigns ? h.trunkCampaigns(t) : t.name.startsWith('vivo') ? ['Cobrança D+5 — março'] : [])
  const queuesOf = (e) => queues.filter((q) => q.members.some((m) => m.extensionId === e.id)).map((q) => q.name)

  const publicExtension = ({ secret, ...e }) => ({ ...e, hasSecret: Boolean(secret), queues: queuesOf(e) })
  const publicQueue = (q) => ({
    ...q,
    members: q.members.map((m) => {
      const e = extensions.find((x) => x.id === m.extensionId)
      return { extensionId: m.extensionId, number: e?.number ?? null, name: e?.name ?? null, penalty: m.penalty, paused: m.paused }
    }),
  })
  const publicTrunk = ({ secret, ...t }) => ({ ...t, hasSecret: secret != null, campaigns: campaignsOf(t) })

  function changed(req, entity, action, id) {
    broadcast(entity, action, id)
    if (!settings.autoApply) return
    clearTimeout(autoTimer)
    autoTimer = setTimeout(() => applyAll(), AUTO_APPLY_DELAY_MS)
  }

  // ---------------------------------------------------------------- the model → files
  function generate(masked) {
    const p = (s) => (masked ? '********' : s)
    const head = (name, what) => `; ${name}: ${what}\n; Written by Torpedo; changes made here are lost on the next apply.\n`
    let pjsip = head('torpedo_pjsip.conf', 'PJSIP: extensions (ramais) and trunks (troncos).')
    for (const e of extensions.filter((x) => x.enabled).sort((x, y) => x.number.localeCompare(y.number, undefined, { numeric: true }))) {
      pjsip +=
        `\n; ramal ${e.number}\n[${e.endpoint}]\ntype = aor\nmax_contacts = 1\nremove_existing = yes\nqualify_frequency = 30\n\n` +
        `[${e.endpoint}-auth]\ntype = auth\nauth_type = userpass\nusername = ${e.endpoint}\npassword = ${p(e.secret)}\n\n` +
        `[${e.endpoint}]\ntype = endpoint\ntransport = transport-udp\ncontext = torpedo-agents\ndisallow = all\nallow = ${e.codecs.join(',')}\n` +
        `aors = ${e.endpoint}\nauth = ${e.endpoint}-auth\ncallerid = "${e.name}" <${e.callerId ?? e.number}>\ndirect_media = no\nrtp_symmetric = yes\n` +
        `force_rport = yes\nrewrite_contact = yes\ndtmf_mode = rfc4733\n`
    }
    for (const t of trunks.filter((x) => x.enabled).sort((x, y) => x.name.localeCompare(y.name))) {
      const ep = `trunk-${t.name}`
      const transport = `transport-${t.transport}`
      const contact = `sip:${t.host}:${t.port}${t.transport === 'udp' ? '' : `\\;transport=${t.transport}`}`
      pjsip += `\n; tronco ${t.name}\n[${ep}]\ntype = aor\ncontact = ${contact}\nqualify_frequency = 60\n`
      if (t.secret) pjsip += `\n[${ep}-auth]\ntype = auth\nauth_type = userpass\nusername = ${t.username}\npassword = ${p(t.secret)}\n`
      pjsip +=
        `\n[${ep}]\ntype = endpoint\ntransport = ${transport}\ncontext = torpedo-from-trunk\ndisallow = all\nallow = ${t.codecs.join(',')}\naors = ${ep}\n` +
        (t.secret ? `outbound_auth = ${ep}-auth\nfrom_user = ${t.username}\n` : '') +
        `from_domain = ${t.host}\ndirect_media = no\nrtp_symmetric = yes\nforce_rport = yes\nrewrite_contact = yes\ndtmf_mode = rfc4733\nsend_rpid = yes\n`
      if (t.registerOutbound)
        pjsip +=
          `\n[${ep}-reg]\ntype = registration\ntransport = ${transport}\nserver_uri = sip:${t.host}:${t.port}\nclient_uri = sip:${t.username}@${t.host}:${t.port}\n` +
          `contact_user = ${t.username}\noutbound_auth = ${ep}-auth\nretry_interval = 60\nforbidden_retry_interval = 600\nmax_retries = 10000\nexpiration = 3600\n`
      if (t.ipMatch.length) pjsip += `\n[${ep}]\ntype = identify\nendpoint = ${ep}\nmatch = ${t.ipMatch.join(',')}\n`
    }
    let qs = head('torpedo_queues.conf', 'queues (filas) and their members.')
    for (const q of [...queues].sort((x, y) => x.name.localeCompare(y.name))) {
      qs += `\n; fila ${q.name}\n[${q.name}]\nstrategy = ${q.strategy}\ntimeout = ${q.timeoutS}\nretry = ${q.retryS}\nmaxlen = ${q.maxCallers}\nwrapuptime = ${q.wrapupS}\n`
      if (q.mohAudioId) qs += `musicclass = torpedo-audio-${q.mohAudioId}\n`
      if (q.announceAudioId) qs += `announce = torpedo/campaign/audio-${q.announceAudioId}\n`
      qs += 'joinempty = yes\nleavewhenempty = no\nringinuse = no\nannounce-frequency = 0\n'
      for (const m of q.members) {
        const e = extensions.find((x) => x.id === m.extensionId)
        if (e?.enabled) qs += `member => PJSIP/${e.endpoint},${m.penalty},${e.name}${m.paused ? ',,,,1' : ''}\n`
      }
    }
    let moh = head('torpedo_musiconhold.conf', 'music on hold classes (one per audio used by a queue).')
    for (const id of [...new Set(queues.map((q) => q.mohAudioId).filter(Boolean))].sort((x, y) => x - y))
      moh += `\n[torpedo-audio-${id}]\nmode = files\ndirectory = /var/lib/asterisk/sounds/torpedo/moh/audio-${id}\n`
    let ext = head('torpedo_extensions.conf', 'dialplan: agents, calls from trunks and campaigns.')
    ext += '\n[torpedo-agents]\n'
    for (const e of extensions.filter((x) => x.enabled)) ext += `exten => ${e.number},1,Dial(PJSIP/${e.endpoint},30)\n same => n,Hangup()\n`
    ext += '\n[torpedo-from-trunk]\nexten => _X.,1,Hangup(21)\n\n[torpedo-campaign]\nexten => s,1,NoOp(Torpedo)\n same => n,Return()\n'
    return { 'torpedo_pjsip.conf': pjsip, 'torpedo_queues.conf': qs, 'torpedo_musiconhold.conf': moh, 'torpedo_extensions.conf': ext }
  }

  const isReal = (dir) => resolve(dir).startsWith(TMP + sep)
  /** What the node has on disk: the real file under the temporary directory, else what the mock last "wrote". */
  function onDisk(node, name) {
    if (node.configDir && isReal(node.configDir)) {
      const file = join(node.configDir, name)
      return existsSync(file) ? readFileSync(file, 'utf8') : ''
    }
    return applied.get(node.id)?.files[name] ?? ''
  }

  function snapshot() {
    return {
      extensions: extensions.filter((e) => e.enabled).map((e) => ({ id: e.id, endpoint: e.endpoint, number: e.number, name: e.name })),
      trunks: trunks.filter((t) => t.enabled).map((t) => ({ name: t.name, host: t.host, registerOutbound: t.registerOutbound, username: t.username })),
      queues: queues.map((q) => ({ id: q.id, name: q.name, strategy: q.strategy, members: q.members.map((m) => ({ ...m })) })),
    }
  }

  function applyNode(node) {
    const at = Date.now()
    const base = { nodeId: node.id, nodeName: node.name, ok: false, skipped: false, written: [], reloaded: [], missing: [], error: null, checksum: '', at }
    if (!node.configDir)
      return { ...base, skipped: true, error: 'Este servidor não tem diretório de configuração: informe-o em Servidores para o Torpedo gravar os arquivos.' }
    const files = generate(false)
    const checksum = createHash('sha256').update(FILES.map((f) => `${f}\n${files[f]}`).join('')).digest('hex')
    try {
      if (isReal(node.configDir)) {
        mkdirSync(node.configDir, { recursive: true })
        for (const f of FILES) writeFileSync(join(node.configDir, f), files[f])
      }
    } catch (err) {
      return {
        ...base,
        checksum,
        error: `Não foi possível gravar em ${node.configDir} (${err.code ?? err.message}). Verifique se o diretório existe, está montado e aceita escrita pelo usuário do Torpedo.`,
      }
    }
    applied.set(node.id, { files, model: node.status.state === 'connected' ? snapshot() : applied.get(node.id)?.model ?? null })
    if (node.status.state !== 'connected')
      return { ...base, checksum, written: [...FILES], error: 'Arquivos gravados, mas o Asterisk está desconectado: aplique de novo quando ele voltar.' }
    return { ...base, ok: true, checksum, written: [...FILES], reloaded: [...MODULES] }
  }

  /** Applies to every enabled node; sends the `pbx-apply` message (at in ms) and answers with ISO dates. */
  function applyAll() {
    clearTimeout(autoTimer)
    autoTimer = null
    const reports = pbxNodes()
      .filter((n) => n.enabled)
      .map(applyNode)
    broadcastMessage({ type: 'pbx-apply', nodes: reports })
    const nodes = reports.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))
    return { ok: nodes.every((n) => n.ok || n.skipped), nodes }
  }

  // ---------------------------------------------------------------- live
  const STATES = ['Not in use', 'Not in use', 'In use', 'Not in use', 'Ringing', 'Not in use']
  const DEVICE_CODE = { 'Not in use': 1, 'In use': 2, Ringing: 6, Unavailable: 5 }
  function deviceOf(e, t) {
    if (Number(e.number) % 3 === 0) return { deviceState: 'Unavailable', contacts: '' }
    const state = STATES[(e.id + Math.floor(t / 9000)) % STATES.length]
    return { deviceState: state, contacts: `${e.endpoint}/sip:${e.endpoint}@10.20.${e.id % 250}.${(Number(e.number) % 200) + 20}:5060,` }
  }

  function live() {
    const t = Date.now()
    return {
      nodes: pbxNodes()
        .filter((n) => n.enabled)
        .map((n) => {
          const out = { nodeId: n.id, nodeName: n.name, connected: n.status.state === 'connected', endpoints: [], registrations: [], queues: [] }
          const model = applied.get(n.id)?.model
          if (!out.connected || !model) return out
          for (const e of model.extensions) out.endpoints.push({ name: e.endpoint, ...deviceOf(e, t) })
          for (const tr of model.trunks) {
            const dead = tr.host.startsWith('10.99.')
            out.endpoints.push({ name: `trunk-${tr.name}`, deviceState: dead ? 'Unavailable' : 'Not in use', contacts: `trunk-${tr.name}/sip:${tr.host},` })
            if (tr.registerOutbound)
              out.registrations.push({ name: `trunk-${tr.name}-reg`, status: tr.host.includes('rejeit') ? 'Rejected' : dead ? 'Unregistered' : 'Registered' })
          }
          for (const q of model.queues)
            out.queues.push({
              name: q.name,
              strategy: q.strategy,
              calls: (q.id * 3 + Math.floor(t / 7000)) % 4,
              completed: 40 + q.id * 7 + Math.floor((t / 60000) % 30),
              abandoned: 2 + q.id,
              members: q.members.flatMap((m) => {
                const e = model.extensions.find((x) => x.id === m.extensionId)
                if (!e) return []
                const d = deviceOf(e, t)
                return [{ name: e.name, interface: `PJSIP/${e.endpoint}`, status: DEVICE_CODE[d.deviceState] ?? 0, paused: m.paused, inCall: d.deviceState === 'In use' }]
              }),
            })
          return out
        }),
    }
  }

  // ---------------------------------------------------------------- reading bodies like the daemon
  function readExtension(body, e, create) {
    const f = fields(body)
    const number = f.str('number', create, 16)
    const name = f.str('name', create, 256)
    const clearCaller = f.isNull('callerId')
    const callerId = f.str('callerId', false, 32)
    const codecs = f.strs('codecs', false, 8, 16)
    const enabled = f.bool('enabled', false)
    f.rejectUnknown()
    if (number !== undefined) ensure('number', check.number(number))
    if (name !== undefined) ensure('name', check.displayName(name.trim()))
    if (callerId !== undefined) ensure('callerId', check.phone(callerId))
    if (codecs !== undefined) ensure('codecs', check.codecs(codecs))
    if (number !== undefined && extensions.some((x) => x !== e && x.number === number)) throw new Refusal('number', 'Já existe um ramal com este número.', 409, 'conflict')
    return {
      ...(number !== undefined ? { number } : {}),
      ...(name !== undefined ? { name: name.trim() } : {}),
      ...(clearCaller ? { callerId: null } : callerId !== undefined ? { callerId } : {}),
      ...(codecs !== undefined ? { codecs } : {}),
      ...(enabled !== undefined ? { enabled } : {}),
    }
  }

  function readQueue(body, q, create) {
    const f = fields(body)
    const out = {}
    const name = f.str('name', create, 64)
    if (name !== undefined) {
      ensure('name', check.objectName(name))
      out.name = name
    }
    const strategy = f.str('strategy', false, 16)
    if (strategy !== undefined) {
      if (!STRATEGIES.includes(strategy)) refuse('strategy', 'Estratégia inválida: use ringall, leastrecent, fewestcalls, random ou rrmemory.')
      out.strategy = strategy
    }
    for (const [k, min, max] of [
      ['timeoutS', 1, 600],
      ['retryS', 0, 600],
      ['maxCallers', 0, 10000],
      ['wrapupS', 0, 3600],
    ]) {
      const v = f.int(k, false, min, max)
      if (v !== undefined) out[k] = v
    }
    for (const k of ['mohAudioId', 'announceAudioId']) {
      if (f.isNull(k)) out[k] = null
      else {
        const v = f.int(k, false, 1, Number.MAX_SAFE_INTEGER)
        if (v !== undefined) out[k] = v
      }
    }
    if (Array.isArray(body.members)) {
      if (body.members.length > 500) refuse('members', 'Uma fila aceita no máximo 500 membros.')
      const seen = new Set()
      out.members = body.members.map((item) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) refuse('members', 'Cada membro deve ser um objeto {extensionId, penalty, paused}.')
        const mf = fields(item)
        const m = { extensionId: mf.int('extensionId', true, 1, Number.MAX_SAFE_INTEGER), penalty: mf.int('penalty', false, 0, 100) ?? 0, paused: mf.bool('paused', false) ?? false }
        mf.rejectUnknown()
        if (seen.has(m.extensionId)) refuse('members', 'Um ramal aparece duas vezes na fila.')
        seen.add(m.extensionId)
        return m
      })
    } else if (body.members !== undefined && body.members !== null) refuse('members', 'members deve ser uma lista.')
    f.rejectUnknown(['members'])
    if (out.name !== undefined && queues.some((x) => x !== q && x.name === out.name)) throw new Refusal('name', 'Já existe uma fila com este nome.', 409, 'conflict')
    for (const m of out.members ?? []) if (!extensions.some((e) => e.id === m.extensionId)) refuse('members', `O ramal ${m.extensionId} não existe.`)
    if (out.mohAudioId != null && h.audio?.find(out.mohAudioId)?.kind !== 'moh') refuse('mohAudioId', 'Escolha um áudio do tipo música de espera.')
    if (out.announceAudioId != null && !h.audio?.find(out.announceAudioId)) refuse('announceAudioId', 'O áudio de anúncio não existe.')
    return out
  }

  function readTrunk(body, current, create) {
    const f = fields(body)
    const t = { ...current }
    const name = f.str('name', create, 64)
    if (name !== undefined) {
      ensure('name', check.objectName(name))
      t.name = name
    }
    const host = f.str('host', create, 255)
    if (host !== undefined) {
      ensure('host', check.host(host))
      t.host = host
    }
    const port = f.int('port', false, 1, 65535)
    if (port !== undefined) t.port = port
    const transport = f.str('transport', false, 8)
    if (transport !== undefined) {
      if (!['udp', 'tcp', 'tls'].includes(transport)) refuse('transport', 'Transporte inválido: use udp, tcp ou tls.')
      t.transport = transport
    }
    if (f.isNull('username')) t.username = null
    else {
      const v = f.str('username', false, 64)
      if (v !== undefined) {
        ensure('username', check.sipUser(v))
        t.username = v
      }
    }
    if (f.isNull('secret')) t.secret = null
    else {
      const v = f.str('secret', false, 128)
      if (v !== undefined) {
        ensure('secret', check.secret(v))
        t.secret = v
      }
    }
    const reg = f.bool('registerOutbound', false)
    if (reg !== undefined) t.registerOutbound = reg
    const ipMatch = f.strs('ipMatch', false, 32, 64)
    if (ipMatch !== undefined) {
      for (const m of ipMatch) ensure('ipMatch', check.ipMatch(m))
      t.ipMatch = ipMatch
    }
    const codecs = f.strs('codecs', false, 8, 16)
    if (codecs !== undefined) {
      ensure('codecs', check.codecs(codecs))
      t.codecs = codecs
    }
    const maxChannels = f.int('maxChannels', false, 1, 10000)
    if (maxChannels !== undefined) t.maxChannels = maxChannels
    const maxCps = f.num('maxCps', false, 0.1, 1000)
    if (maxCps !== undefined) t.maxCps = maxCps
    if (f.isNull('callerId')) t.callerId = null
    else {
      const v = f.str('callerId', false, 32)
      if (v !== undefined) {
        ensure('callerId', check.phone(v))
        t.callerId = v
      }
    }
    const numberFormat = f.str('numberFormat', false, 32)
    if (numberFormat !== undefined) {
      if (!NUMBER_FORMATS.includes(numberFormat)) refuse('numberFormat', 'Formato inválido: use e164_plus, e164, national ou national_prefix.')
      t.numberFormat = numberFormat
    }
    if (f.isNull('dialPrefix')) t.dialPrefix = null
    else {
      const v = f.str('dialPrefix', false, 16)
      if (v !== undefined) {
        ensure('dialPrefix', check.prefix(v))
        t.dialPrefix = v
      }
    }
    const allowed = f.strs('allowedPrefixes', false, 200, 16)
    if (allowed !== undefined) {
      for (const p of allowed) ensure('allowedPrefixes', check.prefix(p))
      t.allowedPrefixes = allowed
    }
    const enabled = f.bool('enabled', false)
    if (enabled !== undefined) t.enabled = enabled
    f.rejectUnknown()
    // The rules across fields, on the trunk as it would be stored.
    if (t.numberFormat === 'national_prefix' && !t.dialPrefix) refuse('dialPrefix', 'Informe o prefixo a discar antes do número (ex.: 015).')
    if (t.registerOutbound && (!t.username || !t.secret)) refuse('registerOutbound', 'Para registrar na operadora, informe usuário e senha.')
    if (t.secret && !t.username) refuse('username', 'Informe o usuário da senha.')
    if (!t.secret && t.ipMatch.length === 0) refuse('ipMatch', 'Sem senha, o tronco precisa dos IPs da operadora (autenticação por IP).')
    if (trunks.some((x) => x.id !== t.id && x.name === t.name)) throw new Refusal('name', 'Já existe um tronco com este nome.', 409, 'conflict')
    return t
  }

  // ---------------------------------------------------------------- routes
  async function route(req, res, url, path, user) {
    const m = req.method
    const admin = user.role === 'admin'
    const adminOnly = () => {
      if (admin) return true
      fail(res, 403, 'forbidden', 'Administrators only')
      return false
    }
    let match

    if (path === '/extensions') {
      if (m === 'GET') return send(res, 200, { items: extensions.map(publicExtension) })
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const body = await readJson(req, res)
      if (!body) return
      const fieldsIn = readExtension(body, null, true)
      const t = now()
      const e = { id: nextExtensionId++, callerId: null, codecs: ['ulaw', 'alaw'], enabled: true, ...fieldsIn, secret: newSecret(), createdAt: t, updatedAt: t }
      e.endpoint = newEndpoint(e.number)
      extensions.push(e)
      record(req, user, 'extension.create', 'extension', e.id, { number: e.number, name: e.name })
      changed(req, 'extension', 'created', e.id)
      return send(res, 201, { ...publicExtension(e), secret: e.secret }, { Location: `/api/v1/extensions/${e.id}` })
    }
    if ((match = /^\/extensions\/(\d+)(\/secret)?$/.exec(path))) {
      const e = extensions.find((x) => x.id === Number(match[1]))
      if (match[2]) {
        if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        if (!adminOnly()) return
        if (!e) return fail(res, 404, 'not_found', 'Ramal não encontrado.')
        e.secret = newSecret()
        e.updatedAt = now()
        record(req, user, 'extension.secret', 'extension', e.id, { number: e.number })
        changed(req, 'extension', 'updated', e.id)
        return send(res, 200, { secret: e.secret })
      }
      if (!e) return fail(res, 404, 'not_found', 'Ramal não encontrado.')
      if (m === 'GET') return send(res, 200, publicExtension(e))
      if (!adminOnly()) return
      if (m === 'PATCH') {
        const body = await readJson(req, res)
        if (!body) return
        const next = readExtension(body, e, false)
        const changes = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(e[k])))
        if (Object.keys(changes).length) {
          Object.assign(e, changes, { updatedAt: now() })
          record(req, user, 'extension.update', 'extension', e.id, { changes })
          changed(req, 'extension', 'updated', e.id)
        }
        return send(res, 200, publicExtension(e))
      }
      if (m === 'DELETE') {
        const inQueues = queuesOf(e)
        if (inQueues.length)
          return fail(res, 409, 'conflict', `O ramal ${e.number} é membro da(s) fila(s) ${inQueues.map((q) => `"${q}"`).join(', ')}: tire-o de lá antes de excluí-lo.`)
        extensions.splice(extensions.indexOf(e), 1)
        record(req, user, 'extension.delete', 'extension', e.id, { number: e.number })
        changed(req, 'extension', 'deleted', e.id)
        return send(res, 204)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }

    if (path === '/queues') {
      if (m === 'GET') return send(res, 200, { items: queues.map(publicQueue) })
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const body = await readJson(req, res)
      if (!body) return
      const t = now()
      const q = { id: 0, strategy: 'ringall', timeoutS: 15, retryS: 5, maxCallers: 0, wrapupS: 0, mohAudioId: null, announceAudioId: null, members: [], ...readQueue(body, null, true), createdAt: t, updatedAt: t }
      q.id = nextQueueId++
      queues.push(q)
      record(req, user, 'queue.create', 'queue', q.id, { name: q.name, members: q.members.length })
      changed(req, 'queue', 'created', q.id)
      return send(res, 201, publicQueue(q), { Location: `/api/v1/queues/${q.id}` })
    }
    if ((match = /^\/queues\/(\d+)$/.exec(path))) {
      const q = queues.find((x) => x.id === Number(match[1]))
      if (!q) return fail(res, 404, 'not_found', 'Fila não encontrada.')
      if (m === 'GET') return send(res, 200, publicQueue(q))
      if (!adminOnly()) return
      if (m === 'PATCH') {
        const body = await readJson(req, res)
        if (!body) return
        Object.assign(q, readQueue(body, q, false), { updatedAt: now() })
        record(req, user, 'queue.update', 'queue', q.id, { name: q.name, members: q.members.length })
        changed(req, 'queue', 'updated', q.id)
        return send(res, 200, publicQueue(q))
      }
      if (m === 'DELETE') {
        const usedBy = h.queueCampaigns?.(q.name) ?? []
        if (usedBy.length)
          return fail(res, 409, 'conflict', `Uma tecla da URA da(s) campanha(s) ${usedBy.map((c) => `"${c}"`).join(', ')} transfere para a fila ${q.name}: mude a opção lá antes de excluí-la.`)
        queues.splice(queues.indexOf(q), 1)
        record(req, user, 'queue.delete', 'queue', q.id, { name: q.name })
        changed(req, 'queue', 'deleted', q.id)
        return send(res, 204)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }

    if (path === '/trunks') {
      if (m === 'GET') return send(res, 200, { items: trunks.map(publicTrunk) })
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const body = await readJson(req, res)
      if (!body) return
      const defaults = { id: 0, port: 5060, transport: 'udp', username: null, secret: null, registerOutbound: false, ipMatch: [], codecs: ['ulaw', 'alaw'], maxChannels: 30, maxCps: 10, callerId: null, numberFormat: 'e164', dialPrefix: null, allowedPrefixes: [], enabled: true }
      const tr = readTrunk(body, defaults, true)
      tr.id = nextTrunkId++
      tr.createdAt = tr.updatedAt = now()
      trunks.push(tr)
      record(req, user, 'trunk.create', 'trunk', tr.id, { name: tr.name, host: tr.host })
      changed(req, 'trunk', 'created', tr.id)
      return send(res, 201, publicTrunk(tr), { Location: `/api/v1/trunks/${tr.id}` })
    }
    if ((match = /^\/trunks\/(\d+)$/.exec(path))) {
      const tr = trunks.find((x) => x.id === Number(match[1]))
      if (!tr) return fail(res, 404, 'not_found', 'Tronco não encontrado.')
      if (m === 'GET') return send(res, 200, publicTrunk(tr))
      if (!adminOnly()) return
      if (m === 'PATCH') {
        const body = await readJson(req, res)
        if (!body) return
        const next = readTrunk(body, tr, false)
        Object.assign(tr, next, { updatedAt: now() })
        record(req, user, 'trunk.update', 'trunk', tr.id, { name: tr.name, fields: Object.keys(body) })
        changed(req, 'trunk', 'updated', tr.id)
        return send(res, 200, publicTrunk(tr))
      }
      if (m === 'DELETE') {
        const campaigns = campaignsOf(tr)
        if (campaigns.length)
          return fail(res, 409, 'conflict', `O tronco ${tr.name} é usado pela(s) campanha(s) ${campaigns.map((c) => `"${c}"`).join(', ')}: troque o tronco lá antes de excluí-lo.`)
        trunks.splice(trunks.indexOf(tr), 1)
        record(req, user, 'trunk.delete', 'trunk', tr.id, { name: tr.name })
        changed(req, 'trunk', 'deleted', tr.id)
        return send(res, 204)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }

    if (path === '/pbx/live') {
      if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      return send(res, 200, live())
    }
    if (path === '/pbx/config') {
      if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const masked = generate(true)
      return send(res, 200, {
        nodes: pbxNodes()
          .filter((n) => n.enabled)
          .map((n) => ({
            nodeId: n.id,
            nodeName: n.name,
            skipped: !n.configDir,
          lastApply: null,
          error: null,
            files: FILES.map((name) => {
              const diff = unifiedDiff(mask(onDisk(n, name)), masked[name], name)
              return { name, text: masked[name], diff, changed: diff !== '' }
            }),
          })),
      })
    }
    if (path === '/pbx/apply') {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const result = applyAll()
      record(req, user, 'pbx.apply', 'pbx', null, { ok: result.ok, nodes: result.nodes.length })
      return send(res, 200, result)
    }
    if (path === '/settings/pbx') {
      if (m === 'GET') return send(res, 200, { ...settings })
      if (m !== 'PUT') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!adminOnly()) return
      const body = await readJson(req, res)
      if (!body) return
      const f = fields(body)
      const on = f.bool('autoApply', true)
      f.rejectUnknown()
      settings.autoApply = on
      record(req, user, 'settings.pbx', 'settings', 'pbx', { autoApply: on })
      broadcast('settings', 'updated', 'pbx')
      return send(res, 200, { ...settings })
    }
    return fail(res, 404, 'not_found', `No route for ${m} ${url.pathname}`)
  }

  const PATHS = /^\/(extensions|queues|trunks)(\/|$)|^\/pbx\/(live|config|apply)$|^\/settings\/pbx$/

  async function handle(req, res, url, path) {
    if (!PATHS.test(path)) return false
    const auth = authenticate(req, res, { write: req.method !== 'GET' && req.method !== 'HEAD' })
    if (!auth) return true
    try {
      await route(req, res, url, path, auth.user)
    } catch (err) {
      if (!(err instanceof Refusal)) throw err
      fail(res, err.status, err.code, err.message, err.field)
    }
    return true
  }

  /** What a queue uses an audio for (music on hold or announcement), for the audio's 409. */
  handle.audioUsedBy = (id) => {
    const q = queues.find((x) => x.mohAudioId === id || x.announceAudioId === id)
    return q ? `fila "${q.name}"` : null
  }

  /** For the campaigns mock: trunks as the API shows them, and whether an IVR target exists. */
  handle.trunks = () => trunks.map(({ secret, ...t }) => ({ ...t, hasSecret: secret != null }))
  handle.hasQueue = (name) => queues.some((q) => q.name === name)
  handle.hasExtension = (number) => extensions.some((e) => e.number === number && e.enabled)

  /** A call center's agents, two queues and two trunks (for `--seed-telephony`). */
  handle.seed = ({ mohAudioId = null } = {}) => {
    const t = now()
    const people = [
      ['1001', 'Ana Souza'],
      ['1002', 'Bruno Lima'],
      ['1003', 'Carla Dias'],
      ['1004', 'Diego Ramos'],
      ['1005', 'Eduarda Nogueira'],
      ['1006', "Fábio D'Ávila"],
      ['2001', 'Supervisão — Helena'],
    ]
    for (const [number, name] of people)
      extensions.push({ id: nextExtensionId++, number, endpoint: newEndpoint(number), name, callerId: null, codecs: ['ulaw', 'alaw'], enabled: number !== '1006', secret: newSecret(), createdAt: t, updatedAt: t })
    const ext = (n) => extensions.find((e) => e.number === n).id
    queues.push(
      { id: nextQueueId++, name: 'suporte', strategy: 'rrmemory', timeoutS: 20, retryS: 5, maxCallers: 10, wrapupS: 5, mohAudioId, announceAudioId: null, members: [ext('1001'), ext('1002'), ext('1003')].map((extensionId, i) => ({ extensionId, penalty: i === 2 ? 5 : 0, paused: false })), createdAt: t, updatedAt: t },
      { id: nextQueueId++, name: 'negociacao', strategy: 'leastrecent', timeoutS: 15, retryS: 5, maxCallers: 0, wrapupS: 10, mohAudioId: null, announceAudioId: null, members: [ext('1004'), ext('1005'), ext('2001')].map((extensionId, i) => ({ extensionId, penalty: i === 2 ? 10 : 0, paused: i === 1 })), createdAt: t, updatedAt: t },
    )
    const trunkDefaults = { transport: 'udp', codecs: ['alaw', 'ulaw'], callerId: null, dialPrefix: null, allowedPrefixes: [], enabled: true, createdAt: t, updatedAt: t }
    trunks.push(
      { ...trunkDefaults, id: nextTrunkId++, name: 'vivo-sp', host: 'sip.vivo-empresas.com.br', port: 5060, username: 'torpedo01', secret: 'Vivo-2025-secreta', registerOutbound: true, ipMatch: [], maxChannels: 60, maxCps: 8, numberFormat: 'e164', allowedPrefixes: ['11', '12', '13', '14', '15', '16', '17', '18', '19'] },
      { ...trunkDefaults, id: nextTrunkId++, name: 'claro-ip', host: '200.178.12.40', port: 5080, username: null, secret: null, registerOutbound: false, ipMatch: ['200.178.12.0/24'], maxChannels: 30, maxCps: 2.5, numberFormat: 'national_prefix', dialPrefix: '021' },
    )
  }

  return handle
}
