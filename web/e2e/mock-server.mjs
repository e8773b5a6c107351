#!/usr/bin/env node
// A small in-memory stand-in for the Torpedo daemon, for checking the web UI without the C++
// backend: serves dist/ at "/" with history fallback and implements the /api/v1 contract of
// api/openapi.yaml for auth, users, tokens, audit, PBX nodes, contact lists and contacts, the DNC
// list, import jobs (e2e/mock-contacts.mjs), the audio library (e2e/mock-audio.mjs), extensions,
// queues, trunks and the Asterisk configuration (e2e/mock-telephony.mjs), campaigns with a simulated
// dialing engine (e2e/mock-campaigns.mjs) and the /events WebSocket.
// It is NOT the product: passwords are kept in clear text and nothing is persisted.
//
//   node e2e/mock-server.mjs [--port 18080] [--host 127.0.0.1] [--dist dist] [--seed-pbx] [--seed-telephony]
//   env: TORPEDO_ADMIN_EMAIL (admin@torpedo.local), TORPEDO_ADMIN_PASSWORD (admin-senha-123)
//
// PBX nodes get a simulated AMI link (pushed as `pbx-status` messages): a host starting with
// 10.99. never answers, a host containing "refused" refuses the connection, the secret "errada"
// is refused by the AMI, anything else connects and then shows a wandering channel count.
// --seed-pbx starts with two nodes (one connected, one that cannot be reached).
//
// Contacts start with five lists of fake Brazilian contacts (one of 12 500, one used by a
// campaign so it cannot be deleted), 44 DNC numbers and a few imports, one of them running for a
// couple of minutes. CSV imports are parsed for real (encoding, delimiter, header mapping) and
// progress over ~4 s with `job` messages; see mock-contacts.mjs for the phone rules.
//
// Áudios start with eight campaign messages and songs for the queues (one used by a campaign
// and one by a queue, so deleting them answers 409). Uploads are read from their headers (WAV,
// MP3, FLAC, OGG, raw GSM) and refused as the daemon refuses them (not audio, more than two
// channels, too long); /audio/{id}/file serves a playable WAV (see mock-audio.mjs).
//
// Telephony (mock-telephony.mjs) starts empty (--seed-telephony: seven agents' extensions, two
// queues, two trunks). It validates like the daemon (its Portuguese 422 messages, 409s), previews
// the four include files with a unified diff per node, applies (really writing the files when the
// node's configuration directory is under the system's temporary directory), applies by itself
// after each change while automatic apply is on (`pbx-apply` messages), and simulates what
// connected nodes' Asterisk reports (registrations, trunks, queues with callers and members).
//
// Campaigns (mock-campaigns.mjs) start with a running collections campaign (it dials once a
// "vivo" trunk and a connected node exist), a completed NPS survey, a paused reminder, a
// scheduled and a draft campaign and a cancelled test, with their call history. Started
// campaigns really "dial": calls ring and end with random outcomes within seconds, pushed as
// `campaign-progress` and `campaign` messages; calling windows are not judged.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAudioApi } from './mock-audio.mjs'
import { createCampaignsApi } from './mock-campaigns.mjs'
import { createContactsApi } from './mock-contacts.mjs'
import { createTelephonyApi } from './mock-telephony.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const args = process.argv.slice(2)
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1] : def
}
const PORT = Number(arg('port', process.env.PORT ?? '18080'))
const HOST = arg('host', '127.0.0.1')
const DIST = resolve(here, '..', arg('dist', 'dist'))
const OPENAPI = resolve(here, '..', '..', 'api', 'openapi.yaml')
const startedAt = Date.now()

// ---------------------------------------------------------------- state
const now = () => new Date().toISOString()
let nextUserId = 1
let nextTokenId = 1
let nextAuditId = 1
const users = [] // {id,email,name,role,active,password,createdAt,updatedAt,lastLoginAt}
const sessions = new Map() // sid -> {userId, csrf}
const tokens = [] // {id,name,prefix,secret,userId,createdAt,lastUsedAt,expiresAt,revokedAt}
const audit = []
const failures = new Map() // email -> [timestamps]
const sockets = new Set()
let nextPbxId = 1
const pbxNodes = [] // {id,name,amiHost,amiPort,amiUser,secret,maxChannels,enabled,mediaMode,soundsDir,configDir,createdAt,updatedAt,status}
const pbxTimers = new Map() // node id -> timeout

function addUser({ email, name, role, password, active = true }) {
  const t = now()
  const u = { id: nextUserId++, email, name, role, active, password, createdAt: t, updatedAt: t, lastLoginAt: null }
  users.push(u)
  return u
}
addUser({
  email: process.env.TORPEDO_ADMIN_EMAIL ?? 'admin@torpedo.local',
  name: 'Administrador',
  role: 'admin',
  password: process.env.TORPEDO_ADMIN_PASSWORD ?? 'admin-senha-123',
})

const publicUser = ({ password: _p, ...u }) => u
const publicToken = ({ secret: _s, ...t }) => t

function record(req, actor, action, entityType, entityId, details = null) {
  audit.push({
    id: nextAuditId++,
    at: now(),
    userId: actor?.id ?? null,
    userEmail: actor?.email ?? null,
    action,
    entityType,
    entityId: entityId == null ? null : String(entityId),
    address: req.socket.remoteAddress ?? '',
    details,
  })
  broadcast('audit', 'created', nextAuditId - 1)
}

// ---------------------------------------------------------------- http helpers
function send(res, status, body, headers = {}) {
  if (body === undefined) {
    res.writeHead(status, headers)
    return res.end()
  }
  const data = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(data)
}
const fail = (res, status, code, message, field, headers) =>
  send(res, status, { error: { code, message, ...(field ? { field } : {}) } }, headers)

function cookies(req) {
  const out = {}
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim())
  }
  return out
}

/** The raw request body, or undefined after answering 413. */
async function readBody(req, res, max = 1 << 20) {
  const chunks = []
  let size = 0
  for await (const c of req) {
    size += c.length
    if (size > max) {
      fail(res, 413, 'payload_too_large', 'Request body too large')
      req.destroy()
      return undefined
    }
    chunks.push(c)
  }
  return Buffer.concat(chunks)
}

async function readJson(req, res) {
  const type = req.headers['content-type'] ?? ''
  const chunks = []
  let size = 0
  for await (const c of req) {
    size += c.length
    if (size > 1 << 20) {
      fail(res, 413, 'payload_too_large', 'Request body too large')
      return undefined
    }
    chunks.push(c)
  }
  const raw = Buffer.concat(chunks).toString('utf8')
  if (raw.length === 0) return {}
  if (!type.includes('application/json')) {
    fail(res, 415, 'unsupported_media_type', 'Send Content-Type: application/json')
    return undefined
  }
  try {
    const v = JSON.parse(raw)
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object')
    return v
  } catch {
    fail(res, 400, 'bad_request', 'Malformed JSON body')
    return undefined
  }
}

/** Returns {user, session|null} or sends 401/403 and returns null. */
function authenticate(req, res, { write = false } = {}) {
  const auth = req.headers.authorization ?? ''
  if (auth.startsWith('Bearer ')) {
    const secret = auth.slice(7).trim()
    const tk = tokens.find((t) => t.secret === secret)
    const user = tk && users.find((u) => u.id === tk.userId)
    if (!tk || tk.revokedAt || (tk.expiresAt && Date.parse(tk.expiresAt) <= Date.now()) || !user?.active) {
      fail(res, 401, 'unauthorized', 'Invalid or expired token')
      return null
    }
    tk.lastUsedAt = now()
    return { user, session: null }
  }
  const sid = cookies(req).torpedo_session
  const session = sid && sessions.get(sid)
  const user = session && users.find((u) => u.id === session.userId)
  if (!session || !user || !user.active) {
    fail(res, 401, 'unauthorized', 'Not logged in')
    return null
  }
  if (write && req.headers['x-csrf-token'] !== session.csrf) {
    fail(res, 403, 'csrf', 'Missing or wrong X-CSRF-Token header')
    return null
  }
  return { user, session, sid }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function validateUser(body, { partial }) {
  const has = (k) => Object.prototype.hasOwnProperty.call(body, k)
  if (!partial || has('email')) {
    if (typeof body.email !== 'string' || !EMAIL_RE.test(body.email.trim()) || body.email.length > 254)
      return ['email', 'Invalid email address']
  }
  if (!partial || has('name')) {
    if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > 200)
      return ['name', 'Name must have 1 to 200 characters']
  }
  if (!partial || has('role')) {
    if (body.role !== 'admin' && body.role !== 'user') return ['role', 'Role must be admin or user']
  }
  if (!partial || has('password')) {
    if (typeof body.password !== 'string' || body.password.length < 10)
      return ['password', 'Password must have at least 10 characters']
  }
  if (has('active') && typeof body.active !== 'boolean') return ['active', 'active must be a boolean']
  return null
}

const activeAdmins = () => users.filter((u) => u.role === 'admin' && u.active)

function page(items, url) {
  const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50))
  const offset = Number(url.searchParams.get('cursor') ?? 0) || 0
  const slice = items.slice(offset, offset + limit)
  return { items: slice, nextCursor: offset + limit < items.length ? String(offset + limit) : null }
}

// ---------------------------------------------------------------- websocket (RFC 6455, text only)
function wsFrame(text) {
  const payload = Buffer.from(text, 'utf8')
  const len = payload.length
  const head = len < 126 ? Buffer.from([0x81, len]) : len < 65536 ? Buffer.from([0x81, 126, len >> 8, len & 255]) : null
  if (!head) {
    const h = Buffer.alloc(10)
    h[0] = 0x81
    h[1] = 127
    h.writeBigUInt64BE(BigInt(len), 2)
    return Buffer.concat([h, payload])
  }
  return Buffer.concat([head, payload])
}

function broadcast(entity, action, id) {
  const msg = wsFrame(JSON.stringify({ type: 'change', entity, action, id: String(id), at: now() }))
  for (const s of sockets) s.write(msg)
}

function broadcastMessage(obj) {
  const msg = wsFrame(JSON.stringify(obj))
  for (const s of sockets) s.write(msg)
}

function handleUpgrade(req, socket) {
  const url = new URL(req.url, 'http://x')
  const reject = (status, text) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }
  if (url.pathname !== '/api/v1/events' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return reject(404, 'Not Found')
  const origin = req.headers.origin
  if (origin && new URL(origin).host !== req.headers.host) return reject(403, 'Forbidden')
  const sid = cookies(req).torpedo_session
  const session = sid && sessions.get(sid)
  const user = session && users.find((u) => u.id === session.userId)
  if (!user) return reject(401, 'Unauthorized')
  const accept = createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64')
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  )
  socket.sid = sid
  sockets.add(socket)
  socket.write(wsFrame(JSON.stringify({ type: 'hello', user: publicUser(user) })))
  let buf = Buffer.alloc(0)
  socket.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk])
    while (buf.length >= 2) {
      const opcode = buf[0] & 0x0f
      let len = buf[1] & 0x7f
      let off = 2
      if (len === 126) {
        if (buf.length < 4) return
        len = buf.readUInt16BE(2)
        off = 4
      } else if (len === 127) {
        if (buf.length < 10) return
        len = Number(buf.readBigUInt64BE(2))
        off = 10
      }
      const masked = (buf[1] & 0x80) !== 0
      const need = off + (masked ? 4 : 0) + len
      if (buf.length < need) return
      const mask = masked ? buf.subarray(off, off + 4) : null
      const payload = Buffer.from(buf.subarray(off + (masked ? 4 : 0), need))
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4]
      buf = buf.subarray(need)
      if (opcode === 0x8) {
        socket.end(Buffer.from([0x88, 0]))
        sockets.delete(socket)
        return
      }
      if (opcode === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload]))
    }
  })
  const drop = () => sockets.delete(socket)
  socket.on('close', drop)
  socket.on('error', drop)
}

function closeSocketsOf(sid) {
  for (const s of sockets) if (s.sid === sid) s.end(Buffer.from([0x88, 0]))
}

// ---------------------------------------------------------------- pbx nodes (simulated AMI links)
const PBX_NAME_RE = /^[A-Za-z0-9._-]+$/
const PBX_HOST_RE = /^[A-Za-z0-9.:-]+$/
const hasControlChars = (v) => [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
const addr = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)
const isoAgo = (seconds) => new Date(Date.now() - seconds * 1000).toISOString()

function emptyStatus(state, lastError = null, keep = {}) {
  return {
    state,
    asteriskVersion: keep.asteriskVersion ?? null,
    amiVersion: keep.amiVersion ?? null,
    startedAt: null,
    reloadedAt: null,
    uptimeSeconds: null,
    activeChannels: null,
    lastError,
    connectedSince: null,
    updatedAt: now(),
  }
}

/** What the simulated Asterisk at host does with this secret: {ok, reached, error, version, ami, latency}. */
function amiBehaviour(host, port, secret) {
  if (host.startsWith('10.99.'))
    return { ok: false, reached: false, error: `Sem resposta de ${addr(host, port)} em 5 s. Confira o endereço, a rota e o firewall.` }
  if (host.includes('refused'))
    return { ok: false, reached: false, error: `Conexão recusada por ${addr(host, port)}. A AMI está habilitada (enabled = yes no manager.conf)?` }
  const v20 = host.includes('rj') || host.endsWith('.7')
  const versions = v20 ? { version: '20.11.0', ami: '9.0.0' } : { version: '22.5.2', ami: '11.0.0' }
  if (secret === 'errada' || secret.includes('wrong'))
    return { ok: false, reached: true, ...versions, error: 'Usuário ou senha da AMI recusados.' }
  return { ok: true, reached: true, ...versions, latency: 8 + Math.floor(Math.random() * 20) }
}

const publicNode = ({ secret, ...n }) => ({ ...n, hasSecret: Boolean(secret) })

function setStatus(node, status) {
  node.status = status
  broadcastMessage({ type: 'pbx-status', nodeId: node.id, status })
}

function stopLink(node) {
  clearTimeout(pbxTimers.get(node.id))
  pbxTimers.delete(node.id)
}

function startLink(node) {
  stopLink(node)
  if (!node.enabled) return setStatus(node, emptyStatus('disabled', null, node.status))
  setStatus(node, emptyStatus('connecting', node.status.lastError, node.status))
  pbxTimers.set(
    node.id,
    setTimeout(() => {
      const b = amiBehaviour(node.amiHost, node.amiPort, node.secret)
      if (!b.ok) {
        const st = emptyStatus(b.reached ? 'auth_failed' : 'disconnected', b.error, node.status)
        if (b.reached) st.amiVersion = b.ami
        setStatus(node, st)
        // Unreachable nodes are retried (connecting -> disconnected, live); refused logins wait for an edit.
        if (!b.reached) pbxTimers.set(node.id, setTimeout(() => startLink(node), 12_000))
        return
      }
      const uptime = node.id === 1 ? 3 * 86_400 + 4 * 3600 + 17 * 60 : 26 * 3600 + 5 * 60
      setStatus(node, {
        state: 'connected',
        asteriskVersion: b.version,
        amiVersion: b.ami,
        startedAt: isoAgo(uptime),
        reloadedAt: isoAgo(2 * 3600 + 10 * 60),
        uptimeSeconds: uptime,
        activeChannels: Math.round(node.maxChannels * 0.3),
        lastError: null,
        connectedSince: now(),
        updatedAt: now(),
      })
    }, 700),
  )
}

// Live channel count on connected nodes.
setInterval(() => {
  for (const n of pbxNodes) {
    if (n.status.state !== 'connected') continue
    const delta = Math.round((Math.random() - 0.5) * 6)
    const next = Math.max(0, Math.min(n.maxChannels, (n.status.activeChannels ?? 0) + delta))
    if (next !== n.status.activeChannels) setStatus(n, { ...n.status, activeChannels: next, updatedAt: now() })
  }
}, 2000).unref()

function validatePbx(body, { partial }) {
  const has = (k) => Object.prototype.hasOwnProperty.call(body, k)
  const str = (k, min, max) => typeof body[k] === 'string' && body[k].length >= min && body[k].length <= max
  const int = (k, min, max) => Number.isInteger(body[k]) && body[k] >= min && body[k] <= max
  // As the daemon: absolute, only letters, digits, . _ - and slashes, no "." or ".." segment.
  const path = (k) =>
    body[k] === null ||
    body[k] === '' ||
    (typeof body[k] === 'string' &&
      body[k].length <= 1024 &&
      /^(\/[A-Za-z0-9._-]+)+\/?$/.test(body[k]) &&
      !body[k].split('/').some((p) => p === '.' || p === '..'))
  const known = ['name', 'amiHost', 'amiPort', 'amiUser', 'amiSecret', 'maxChannels', 'enabled', 'mediaMode', 'soundsDir', 'configDir']
  for (const k of Object.keys(body)) if (!known.includes(k)) return [k, `Unknown field ${k}`]
  if (partial && Object.keys(body).length === 0) return [undefined, 'Nothing to change']
  if ((!partial || has('name')) && !(str('name', 1, 64) && PBX_NAME_RE.test(body.name))) return ['name', 'Name: 1-64 of A-Z a-z 0-9 . _ -']
  if ((!partial || has('amiHost')) && !(str('amiHost', 1, 255) && PBX_HOST_RE.test(body.amiHost))) return ['amiHost', 'Invalid host']
  if (has('amiPort') && !int('amiPort', 1, 65535)) return ['amiPort', 'Port must be 1..65535']
  if ((!partial || has('amiUser')) && !(str('amiUser', 1, 255) && !hasControlChars(body.amiUser))) return ['amiUser', 'Invalid AMI user']
  if ((!partial || has('amiSecret')) && !(str('amiSecret', 1, 255) && !hasControlChars(body.amiSecret))) return ['amiSecret', 'Invalid AMI secret']
  if (has('maxChannels') && !int('maxChannels', 1, 10000)) return ['maxChannels', 'maxChannels must be 1..10000']
  if (has('enabled') && typeof body.enabled !== 'boolean') return ['enabled', 'enabled must be a boolean']
  if (has('mediaMode') && body.mediaMode !== 'directory' && body.mediaMode !== 'http') return ['mediaMode', 'directory or http']
  const dirMessage = 'Informe um caminho absoluto só com letras, números, ponto, hífen, sublinhado e barras, sem ".." (ex.: /var/lib/asterisk/sounds/torpedo).'
  if (has('soundsDir') && !path('soundsDir')) return ['soundsDir', dirMessage]
  if (has('configDir') && !path('configDir')) return ['configDir', dirMessage]
  return null
}

/** As the daemon stores a directory: "" is none, a trailing slash goes. */
const storedDir = (v) => (v ? (v.length > 1 ? v.replace(/\/$/, '') : v) : null)

function addPbxNode(body) {
  const t = now()
  const node = {
    id: nextPbxId++,
    name: body.name,
    amiHost: body.amiHost,
    amiPort: body.amiPort ?? 5038,
    amiUser: body.amiUser,
    secret: body.amiSecret,
    maxChannels: body.maxChannels ?? 100,
    enabled: body.enabled ?? true,
    mediaMode: body.mediaMode ?? 'directory',
    soundsDir: storedDir(body.soundsDir),
    configDir: storedDir(body.configDir),
    createdAt: t,
    updatedAt: t,
    status: emptyStatus('connecting'),
  }
  pbxNodes.push(node)
  pbxNodes.sort((a, b) => a.name.localeCompare(b.name))
  startLink(node)
  return node
}

if (args.includes('--seed-pbx')) {
  addPbxNode({
    name: 'asterisk-sp-01',
    amiHost: '10.0.0.21',
    amiUser: 'torpedo',
    amiSecret: 'segredo-ami',
    maxChannels: 120,
    soundsDir: '/var/lib/asterisk/sounds/torpedo',
    configDir: '/etc/asterisk/torpedo',
  })
  addPbxNode({ name: 'asterisk-rj-02', amiHost: '10.99.0.7', amiUser: 'torpedo', amiSecret: 'segredo-ami', maxChannels: 60, mediaMode: 'http' })
}

function runAmiTest(host, port, secret) {
  const b = amiBehaviour(host, port, secret)
  const result = {
    ok: b.ok,
    latencyMs: b.reached ? (b.latency ?? 11) : null,
    asteriskVersion: b.ok ? b.version : null,
    amiVersion: b.reached ? b.ami : null,
    error: b.ok ? null : b.error,
  }
  return new Promise((resolve) => setTimeout(() => resolve(result), b.reached ? 250 : 900))
}

function pbxHealth() {
  const enabled = pbxNodes.filter((n) => n.enabled)
  return {
    status: enabled.length === 0 ? 'none' : enabled.every((n) => n.status.state === 'connected') ? 'ok' : 'degraded',
    nodes: pbxNodes.map((n) => ({ id: n.id, name: n.name, state: n.status.state })),
  }
}

// ---------------------------------------------------------------- contacts, DNC, jobs
// The campaigns (below) use lists, audio, trunks and queues: those refuse deletion while a campaign uses them.
let campaignsApi = null
const contactsApi = createContactsApi({ authenticate, send, fail, readJson, readBody, broadcast, broadcastMessage, now, listUsedBy: (id) => campaignsApi?.listUsedBy(id) })
// TORPEDO_PUBLIC_URL: where Asterisk fetches media; the daemon's default is its own address.
const PUBLIC_URL = process.env.TORPEDO_PUBLIC_URL ?? `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}`
const audioApi = createAudioApi({
  authenticate,
  send,
  fail,
  readJson,
  readBody,
  broadcast,
  now,
  record,
  pbxNodes: () => pbxNodes,
  publicUrl: PUBLIC_URL,
  // A queue's music on hold or announcement cannot be deleted (409 naming the queue).
  usedBy: (id) => telephonyApi.audioUsedBy(id) ?? campaignsApi?.audioUsedBy(id) ?? null,
})

// ---------------------------------------------------------------- extensions, queues, trunks, Asterisk configuration
const telephonyApi = createTelephonyApi({
  authenticate,
  send,
  fail,
  readJson,
  broadcast,
  broadcastMessage,
  now,
  record,
  pbxNodes: () => pbxNodes,
  audio: audioApi,
  trunkCampaigns: (trunk) => campaignsApi?.trunkCampaigns(trunk) ?? [],
  queueCampaigns: (name) => campaignsApi?.queueCampaigns(name) ?? [],
})
if (args.includes('--seed-telephony')) telephonyApi.seed({ mohAudioId: audioApi.find(7)?.kind === 'moh' ? 7 : null })

// ---------------------------------------------------------------- campaigns (and their simulated dialing)
campaignsApi = createCampaignsApi({ authenticate, send, fail, readJson, broadcast, broadcastMessage, now, record, pbxNodes: () => pbxNodes, contacts: contactsApi, audio: audioApi, telephony: telephonyApi })

// ---------------------------------------------------------------- api
async function api(req, res, url) {
  const path = url.pathname.slice('/api/v1'.length) || '/'
  const m = req.method
  let match

  if (path === '/health') {
    if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    return send(res, 200, {
      status: 'ok',
      version: 'mock',
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      database: { status: 'ok', driver: 'sqlite' },
      pbx: pbxHealth(),
    })
  }
  if (path === '/openapi.yaml' && m === 'GET') {
    res.writeHead(200, { 'Content-Type': 'application/yaml' })
    return res.end(readFileSync(OPENAPI))
  }

  if (path === '/auth/login') {
    if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const body = await readJson(req, res)
    if (!body) return
    const email = String(body.email ?? '').trim().toLowerCase()
    const recent = (failures.get(email) ?? []).filter((t) => Date.now() - t < 60_000)
    if (recent.length >= 5) {
      const retry = Math.ceil((60_000 - (Date.now() - recent[0])) / 1000)
      return fail(res, 429, 'rate_limited', 'Too many login attempts', undefined, { 'Retry-After': String(retry) })
    }
    const user = users.find((u) => u.email.toLowerCase() === email)
    if (!user || user.password !== body.password || !user.active) {
      failures.set(email, [...recent, Date.now()])
      record(req, null, 'auth.login_failed', 'session', null, { email })
      return fail(res, 401, 'unauthorized', 'Wrong email or password')
    }
    failures.delete(email)
    const sid = randomBytes(24).toString('base64url')
    const csrf = randomBytes(24).toString('base64url')
    sessions.set(sid, { userId: user.id, csrf })
    user.lastLoginAt = now()
    record(req, user, 'auth.login', 'session', null)
    return send(
      res,
      200,
      { csrfToken: csrf, user: publicUser(user) },
      { 'Set-Cookie': `torpedo_session=${sid}; Path=/; HttpOnly; SameSite=Lax` },
    )
  }

  if (path === '/auth/logout') {
    if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const a = authenticate(req, res, { write: true })
    if (!a) return
    if (a.sid) {
      sessions.delete(a.sid)
      closeSocketsOf(a.sid)
    }
    record(req, a.user, 'auth.logout', 'session', null)
    return send(res, 204, undefined, { 'Set-Cookie': 'torpedo_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0' })
  }

  if (path === '/auth/me') {
    if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const a = authenticate(req, res)
    if (!a) return
    return send(res, 200, { csrfToken: a.session?.csrf ?? null, user: publicUser(a.user) })
  }

  if (path === '/auth/password') {
    if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const a = authenticate(req, res, { write: true })
    if (!a) return
    const body = await readJson(req, res)
    if (!body) return
    if (body.currentPassword !== a.user.password)
      return fail(res, 422, 'validation', 'Current password is wrong', 'currentPassword')
    if (typeof body.newPassword !== 'string' || body.newPassword.length < 10)
      return fail(res, 422, 'validation', 'Password must have at least 10 characters', 'newPassword')
    a.user.password = body.newPassword
    a.user.updatedAt = now()
    record(req, a.user, 'auth.password', 'user', a.user.id)
    return send(res, 204)
  }

  // ---- users (admin)
  if (path === '/users' || (match = path.match(/^\/users\/(\d+)$/))) {
    const a = authenticate(req, res, { write: m !== 'GET' })
    if (!a) return
    if (a.user.role !== 'admin') return fail(res, 403, 'forbidden', 'Administrators only')
    if (path === '/users') {
      if (m === 'GET') {
        const q = (url.searchParams.get('q') ?? '').toLowerCase()
        const list = users
          .filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q))
          .sort((x, y) => x.name.localeCompare(y.name, 'pt-BR'))
          .map(publicUser)
        return send(res, 200, page(list, url))
      }
      if (m === 'POST') {
        const body = await readJson(req, res)
        if (!body) return
        const bad = validateUser(body, { partial: false })
        if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
        const email = body.email.trim().toLowerCase()
        if (users.some((u) => u.email.toLowerCase() === email))
          return fail(res, 409, 'conflict', 'Email already in use', 'email')
        const u = addUser({ email, name: body.name.trim(), role: body.role, password: body.password, active: body.active ?? true })
        record(req, a.user, 'user.create', 'user', u.id, { email: u.email, name: u.name, role: u.role, active: u.active })
        broadcast('user', 'created', u.id)
        return send(res, 201, publicUser(u), { Location: `/api/v1/users/${u.id}` })
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }
    const id = Number(match[1])
    const target = users.find((u) => u.id === id)
    if (!target) return fail(res, 404, 'not_found', 'User not found')
    if (m === 'GET') return send(res, 200, publicUser(target))
    if (m === 'PATCH') {
      const body = await readJson(req, res)
      if (!body) return
      if (Object.keys(body).length === 0) return fail(res, 422, 'validation', 'Nothing to change')
      const bad = validateUser(body, { partial: true })
      if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
      if (body.email && users.some((u) => u.id !== id && u.email.toLowerCase() === body.email.trim().toLowerCase()))
        return fail(res, 409, 'conflict', 'Email already in use', 'email')
      const losesAdmin =
        target.role === 'admin' && target.active && (body.role === 'user' || body.active === false) && activeAdmins().length <= 1
      if (losesAdmin)
        return fail(res, 409, 'conflict', 'Cannot remove the last active admin', body.role === 'user' ? 'role' : 'active')
      const changed = {}
      for (const k of ['email', 'name', 'role', 'active']) {
        if (k in body && body[k] !== target[k]) {
          changed[k] = { from: target[k], to: k === 'email' ? body[k].trim().toLowerCase() : body[k] }
          target[k] = changed[k].to
        }
      }
      if (body.password) {
        target.password = body.password
        changed.password = '(changed)'
        for (const [sid, s] of sessions) if (s.userId === id && sid !== a.sid) sessions.delete(sid)
      }
      target.updatedAt = now()
      record(req, a.user, 'user.update', 'user', id, changed)
      broadcast('user', 'updated', id)
      return send(res, 200, publicUser(target))
    }
    if (m === 'DELETE') {
      if (id === a.user.id) return fail(res, 409, 'conflict', 'You cannot delete yourself')
      if (target.role === 'admin' && target.active && activeAdmins().length <= 1)
        return fail(res, 409, 'conflict', 'Cannot delete the last active admin')
      users.splice(users.indexOf(target), 1)
      for (const [sid, s] of sessions) if (s.userId === id) sessions.delete(sid)
      for (const t of tokens) if (t.userId === id && !t.revokedAt) t.revokedAt = now()
      record(req, a.user, 'user.delete', 'user', id, { email: target.email })
      broadcast('user', 'deleted', id)
      return send(res, 204)
    }
    return fail(res, 405, 'method_not_allowed', 'Method not allowed')
  }

  // ---- tokens (own)
  if (path === '/tokens' || (match = path.match(/^\/tokens\/(\d+)$/))) {
    const a = authenticate(req, res, { write: m !== 'GET' })
    if (!a) return
    if (path === '/tokens') {
      if (m === 'GET')
        return send(res, 200, {
          items: tokens
            .filter((t) => t.userId === a.user.id)
            .slice()
            .reverse()
            .map(publicToken),
        })
      if (m === 'POST') {
        const body = await readJson(req, res)
        if (!body) return
        if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100)
          return fail(res, 422, 'validation', 'Name must have 1 to 100 characters', 'name')
        const days = body.expiresInDays
        if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
          return fail(res, 422, 'validation', 'expiresInDays must be 1..3650', 'expiresInDays')
        const secret = `trp_${randomBytes(24).toString('base64url')}`
        const t = {
          id: nextTokenId++,
          name: body.name.trim(),
          prefix: secret.slice(0, 10),
          secret,
          userId: a.user.id,
          createdAt: now(),
          lastUsedAt: null,
          expiresAt: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null,
          revokedAt: null,
        }
        tokens.push(t)
        record(req, a.user, 'token.create', 'token', t.id, { name: t.name, expiresInDays: days ?? null })
        broadcast('token', 'created', t.id)
        return send(res, 201, { token: secret, apiToken: publicToken(t) })
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }
    const id = Number(match[1])
    const t = tokens.find((x) => x.id === id && x.userId === a.user.id)
    if (m !== 'DELETE') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    if (!t) return fail(res, 404, 'not_found', 'Token not found')
    if (!t.revokedAt) {
      t.revokedAt = now()
      record(req, a.user, 'token.revoke', 'token', id, { name: t.name })
      broadcast('token', 'updated', id)
    }
    return send(res, 204)
  }

  // ---- PBX nodes (read: anyone logged in; write and test: admin)
  if (path === '/pbx-nodes/test') {
    if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const a = authenticate(req, res, { write: true })
    if (!a) return
    if (a.user.role !== 'admin') return fail(res, 403, 'forbidden', 'Administrators only')
    const body = await readJson(req, res)
    if (!body) return
    const { amiHost, amiPort = 5038, amiUser, amiSecret, ...extra } = body
    const unknown = Object.keys(extra)[0]
    if (unknown) return fail(res, 422, 'validation', `Unknown field ${unknown}`, unknown)
    const bad = validatePbx({ name: 'test', amiHost, amiPort, amiUser, amiSecret }, { partial: false })
    if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
    return send(res, 200, await runAmiTest(amiHost, amiPort, amiSecret))
  }
  if (path === '/pbx-nodes' || (match = path.match(/^\/pbx-nodes\/(\d+)(\/test)?$/))) {
    const a = authenticate(req, res, { write: m !== 'GET' })
    if (!a) return
    if (m !== 'GET' && a.user.role !== 'admin') return fail(res, 403, 'forbidden', 'Administrators only')
    if (path === '/pbx-nodes') {
      if (m === 'GET') return send(res, 200, { items: pbxNodes.map(publicNode) })
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      const body = await readJson(req, res)
      if (!body) return
      const bad = validatePbx(body, { partial: false })
      if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
      if (pbxNodes.some((n) => n.name === body.name)) return fail(res, 409, 'conflict', 'A node with this name already exists', 'name')
      const node = addPbxNode(body)
      record(req, a.user, 'pbx-node.create', 'pbx-node', node.id, { name: node.name, amiHost: node.amiHost, amiPort: node.amiPort })
      broadcast('pbx-node', 'created', node.id)
      audioApi.nodesChanged()
      return send(res, 201, publicNode(node), { Location: `/api/v1/pbx-nodes/${node.id}` })
    }
    const node = pbxNodes.find((n) => n.id === Number(match[1]))
    if (match[2]) {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!node) return fail(res, 404, 'not_found', 'PBX node not found')
      return send(res, 200, await runAmiTest(node.amiHost, node.amiPort, node.secret))
    }
    if (!node) return fail(res, 404, 'not_found', 'PBX node not found')
    if (m === 'GET') return send(res, 200, publicNode(node))
    if (m === 'PATCH') {
      const body = await readJson(req, res)
      if (!body) return
      const bad = validatePbx(body, { partial: true })
      if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
      if (body.name && pbxNodes.some((n) => n.id !== node.id && n.name === body.name))
        return fail(res, 409, 'conflict', 'A node with this name already exists', 'name')
      const changed = {}
      for (const k of ['soundsDir', 'configDir']) if (k in body) body[k] = storedDir(body[k])
      for (const k of ['name', 'amiHost', 'amiPort', 'amiUser', 'maxChannels', 'enabled', 'mediaMode', 'soundsDir', 'configDir']) {
        if (k in body && body[k] !== node[k]) {
          changed[k] = { from: node[k], to: body[k] }
          node[k] = body[k]
        }
      }
      if (body.amiSecret) {
        node.secret = body.amiSecret
        changed.amiSecret = '(changed)'
      }
      node.updatedAt = now()
      pbxNodes.sort((x, y) => x.name.localeCompare(y.name))
      record(req, a.user, 'pbx-node.update', 'pbx-node', node.id, changed)
      broadcast('pbx-node', 'updated', node.id)
      audioApi.nodesChanged()
      if (['amiHost', 'amiPort', 'amiUser', 'amiSecret', 'enabled'].some((k) => k in changed)) startLink(node)
      return send(res, 200, publicNode(node))
    }
    if (m === 'DELETE') {
      stopLink(node)
      pbxNodes.splice(pbxNodes.indexOf(node), 1)
      record(req, a.user, 'pbx-node.delete', 'pbx-node', node.id, { name: node.name })
      broadcast('pbx-node', 'deleted', node.id)
      audioApi.nodesChanged()
      return send(res, 204)
    }
    return fail(res, 405, 'method_not_allowed', 'Method not allowed')
  }

  // ---- audit (admin)
  if (path === '/audit') {
    if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    const a = authenticate(req, res)
    if (!a) return
    if (a.user.role !== 'admin') return fail(res, 403, 'forbidden', 'Administrators only')
    const p = url.searchParams
    const list = audit
      .filter((e) => !p.get('entityType') || e.entityType === p.get('entityType'))
      .filter((e) => !p.get('action') || e.action === p.get('action'))
      .filter((e) => !p.get('userId') || e.userId === Number(p.get('userId')))
      .slice()
      .reverse()
    return send(res, 200, page(list, url))
  }

  if (await contactsApi(req, res, url, path)) return
  if (await audioApi(req, res, url, path)) return
  if (await telephonyApi(req, res, url, path)) return
  if (await campaignsApi(req, res, url, path)) return

  return fail(res, 404, 'not_found', `No route for ${m} ${url.pathname}`)
}

// ---------------------------------------------------------------- static
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

function serveStatic(req, res, url) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
  let file = normalize(join(DIST, decodeURIComponent(url.pathname)))
  if (!file.startsWith(DIST)) return fail(res, 404, 'not_found', 'Not found')
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // History fallback: unknown paths without an extension get the app.
    if (extname(url.pathname)) return fail(res, 404, 'not_found', 'Not found')
    file = join(DIST, 'index.html')
  }
  if (!existsSync(file)) {
    res.writeHead(500, { 'Content-Type': 'text/plain' })
    return res.end(`No build at ${DIST}: run npm run build first\n`)
  }
  const immutable = file.includes(`${DIST}/assets/`)
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  res.end(req.method === 'HEAD' ? undefined : readFileSync(file))
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const p =
    url.pathname.startsWith('/api/v1/') || url.pathname === '/api/v1'
      ? api(req, res, url)
      : url.pathname.startsWith('/media/')
        ? audioApi.serveMedia(req, res, url)
        : serveStatic(req, res, url)
  Promise.resolve(p).catch((err) => {
    console.error(err)
    if (!res.headersSent) fail(res, 500, 'internal', 'Internal error')
  })
})
server.on('upgrade', handleUpgrade)
server.listen(PORT, HOST, () => {
  const addr = server.address()
  console.log(`mock torpedo listening on http://${HOST}:${addr.port}`)
})
const stop = () => {
  for (const n of pbxNodes) stopLink(n)
  for (const s of sockets) s.destroy()
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
