import { http, HttpResponse } from 'msw'
import type { PbxNode } from '@/lib/api/client'
import { audioHandlers } from './audio-handlers'
import { campaignsHandlers } from './campaigns-handlers'
import { contactsHandlers } from './contacts-handlers'
import { telephonyHandlers } from './telephony-handlers'
import { db, makePbxStatus } from './db'

const API = '*/api/v1'

export const apiError = (status: number, code: string, message: string, field?: string, headers?: HeadersInit) =>
  HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers })

const publicUser = ({ password: _password, ...u }: (typeof db.users)[number]) => u

function currentUser() {
  return db.users.find((u) => u.id === db.sessionUserId) ?? null
}

const publicNode = ({ secret: _secret, ...n }: (typeof db.pbxNodes)[number]): PbxNode => n

/** Secret "errada" is refused; host 10.99.x.x does not answer; anything else connects. */
function amiTest(host: string, secret: string) {
  if (host.startsWith('10.99.'))
    return { ok: false, latencyMs: null, asteriskVersion: null, amiVersion: null, error: `Sem resposta de ${host}:5038 em 5 s.` }
  if (secret === 'errada')
    return { ok: false, latencyMs: 9, asteriskVersion: null, amiVersion: '11.0.0', error: 'Usuário ou senha da AMI recusados.' }
  return { ok: true, latencyMs: 12, asteriskVersion: '22.5.2', amiVersion: '11.0.0', error: null }
}

function validateNode(body: Partial<PbxNode> & { amiSecret?: string }, partial = false) {
  const has = (k: string) => k in body
  if ((!partial || has('name')) && !/^[A-Za-z0-9._-]{1,64}$/.test(body.name ?? ''))
    return apiError(422, 'validation', 'Invalid name', 'name')
  if ((!partial || has('amiHost')) && !body.amiHost) return apiError(422, 'validation', 'Invalid host', 'amiHost')
  if (has('amiPort') && !(Number.isInteger(body.amiPort) && body.amiPort! >= 1 && body.amiPort! <= 65535))
    return apiError(422, 'validation', 'Invalid port', 'amiPort')
  if ((!partial || has('amiUser')) && !body.amiUser) return apiError(422, 'validation', 'Invalid user', 'amiUser')
  if ((!partial || has('amiSecret')) && !body.amiSecret) return apiError(422, 'validation', 'Secret required', 'amiSecret')
  // As the daemon: absolute, only [A-Za-z0-9._-] and slashes, no "." or ".." segment.
  for (const dir of ['soundsDir', 'configDir'] as const) {
    const v = body[dir]
    if (v && (!/^(\/[A-Za-z0-9._-]+)+\/?$/.test(v) || v.split('/').some((p) => p === '.' || p === '..')))
      return apiError(422, 'validation', 'Informe um caminho absoluto só com letras, números, ponto, hífen, sublinhado e barras, sem "..".', dir)
  }
  return null
}

function requireSession(request: Request, { write = false, admin = false } = {}) {
  const user = currentUser()
  if (!user) return { error: apiError(401, 'unauthorized', 'Not logged in') }
  if (write && request.headers.get('X-CSRF-Token') !== db.csrfToken)
    return { error: apiError(403, 'csrf', 'Missing or wrong X-CSRF-Token') }
  if (admin && user.role !== 'admin') return { error: apiError(403, 'forbidden', 'Administrators only') }
  return { user }
}

export const handlers = [
  http.get(`${API}/auth/me`, () => {
    const user = currentUser()
    if (!user) return apiError(401, 'unauthorized', 'Not logged in')
    return HttpResponse.json({ csrfToken: db.csrfToken, user: publicUser(user) })
  }),

  http.post(`${API}/auth/login`, async ({ request }) => {
    const body = (await request.json()) as { email: string; password: string }
    const user = db.users.find((u) => u.email === body.email)
    if (!user || user.password !== body.password) return apiError(401, 'unauthorized', 'Wrong email or password')
    db.sessionUserId = user.id
    return HttpResponse.json({ csrfToken: db.csrfToken, user: publicUser(user) })
  }),

  http.post(`${API}/auth/logout`, ({ request }) => {
    const s = requireSession(request, { write: true })
    if (s.error) return s.error
    db.sessionUserId = null
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/users`, ({ request }) => {
    const s = requireSession(request, { admin: true })
    if (s.error) return s.error
    const q = (new URL(request.url).searchParams.get('q') ?? '').toLowerCase()
    const items = db.users
      .filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.includes(q))
      .map(publicUser)
    return HttpResponse.json({ items, nextCursor: null })
  }),

  http.post(`${API}/users`, async ({ request }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const body = (await request.json()) as { email: string; name: string; role: 'admin' | 'user'; password: string; active?: boolean }
    if (!body.password || body.password.length < 10)
      return apiError(422, 'validation', 'Password must have at least 10 characters', 'password')
    if (db.users.some((u) => u.email === body.email)) return apiError(409, 'conflict', 'Email already in use', 'email')
    const now = new Date().toISOString()
    const user = {
      id: Math.max(...db.users.map((u) => u.id)) + 1,
      email: body.email,
      name: body.name,
      role: body.role,
      active: body.active ?? true,
      password: body.password,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    }
    db.users.push(user)
    return HttpResponse.json(publicUser(user), { status: 201 })
  }),

  http.get(`${API}/tokens`, ({ request }) => {
    const s = requireSession(request)
    if (s.error) return s.error
    return HttpResponse.json({ items: db.tokens.filter((t) => t.userId === s.user.id) })
  }),

  // ---- PBX nodes
  http.get(`${API}/pbx-nodes`, ({ request }) => {
    const s = requireSession(request)
    if (s.error) return s.error
    return HttpResponse.json({ items: db.pbxNodes.map(publicNode) })
  }),

  http.get(`${API}/pbx-nodes/:id`, ({ request, params }) => {
    const s = requireSession(request)
    if (s.error) return s.error
    const node = db.pbxNodes.find((n) => n.id === Number(params.id))
    return node ? HttpResponse.json(publicNode(node)) : apiError(404, 'not_found', 'No such node')
  }),

  http.post(`${API}/pbx-nodes/test`, async ({ request }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const body = (await request.json()) as { amiHost: string; amiPort?: number; amiUser: string; amiSecret: string }
    return HttpResponse.json(amiTest(body.amiHost, body.amiSecret))
  }),

  http.post(`${API}/pbx-nodes/:id/test`, ({ request, params }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const node = db.pbxNodes.find((n) => n.id === Number(params.id))
    if (!node) return apiError(404, 'not_found', 'No such node')
    return HttpResponse.json(amiTest(node.amiHost, node.secret))
  }),

  http.post(`${API}/pbx-nodes`, async ({ request }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const body = (await request.json()) as Partial<PbxNode> & { amiSecret?: string }
    const bad = validateNode(body)
    if (bad) return bad
    if (db.pbxNodes.some((n) => n.name === body.name)) return apiError(409, 'conflict', 'Name already in use', 'name')
    const now = new Date().toISOString()
    const node = {
      id: Math.max(0, ...db.pbxNodes.map((n) => n.id)) + 1,
      name: body.name!,
      amiHost: body.amiHost!,
      amiPort: body.amiPort ?? 5038,
      amiUser: body.amiUser!,
      hasSecret: true,
      maxChannels: body.maxChannels ?? 100,
      enabled: body.enabled ?? true,
      mediaMode: body.mediaMode ?? 'directory',
      soundsDir: body.soundsDir ?? null,
      configDir: body.configDir ?? null,
      createdAt: now,
      updatedAt: now,
      status: makePbxStatus({ state: 'connecting', activeChannels: null, connectedSince: null, updatedAt: now }),
      secret: body.amiSecret!,
    }
    db.pbxNodes.push(node)
    return HttpResponse.json(publicNode(node), { status: 201 })
  }),

  http.patch(`${API}/pbx-nodes/:id`, async ({ request, params }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const node = db.pbxNodes.find((n) => n.id === Number(params.id))
    if (!node) return apiError(404, 'not_found', 'No such node')
    const body = (await request.json()) as Partial<PbxNode> & { amiSecret?: string }
    const bad = validateNode(body, true)
    if (bad) return bad
    if (body.name && db.pbxNodes.some((n) => n.id !== node.id && n.name === body.name))
      return apiError(409, 'conflict', 'Name already in use', 'name')
    const { amiSecret, ...rest } = body
    Object.assign(node, rest, { updatedAt: new Date().toISOString() })
    if (amiSecret) node.secret = amiSecret
    return HttpResponse.json(publicNode(node))
  }),

  http.delete(`${API}/pbx-nodes/:id`, ({ request, params }) => {
    const s = requireSession(request, { write: true, admin: true })
    if (s.error) return s.error
    const i = db.pbxNodes.findIndex((n) => n.id === Number(params.id))
    if (i < 0) return apiError(404, 'not_found', 'No such node')
    db.pbxNodes.splice(i, 1)
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/audit`, ({ request }) => {
    const s = requireSession(request, { admin: true })
    if (s.error) return s.error
    return HttpResponse.json({ items: [...db.audit].reverse(), nextCursor: null })
  }),
  ...contactsHandlers,
  ...audioHandlers,
  ...telephonyHandlers,
  ...campaignsHandlers,
]
