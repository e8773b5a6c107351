import { http, HttpResponse } from 'msw'
import { db } from './db'

const API = '*/api/v1'

export const apiError = (status: number, code: string, message: string, field?: string, headers?: HeadersInit) =>
  HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers })

const publicUser = ({ password: _password, ...u }: (typeof db.users)[number]) => u

function currentUser() {
  return db.users.find((u) => u.id === db.sessionUserId) ?? null
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

  http.get(`${API}/audit`, ({ request }) => {
    const s = requireSession(request, { admin: true })
    if (s.error) return s.error
    return HttpResponse.json({ items: [...db.audit].reverse(), nextCursor: null })
  }),
]
