import { http, HttpResponse } from 'msw'
import type { Contact, ContactList, Job } from '@/lib/api/client'
import { db, makeContact } from './db'

const API = '*/api/v1'

const apiError = (status: number, code: string, message: string, field?: string) =>
  HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status })

function session(request: Request, write = false) {
  if (db.sessionUserId === null) return apiError(401, 'unauthorized', 'Not logged in')
  if (write && request.headers.get('X-CSRF-Token') !== db.csrfToken) return apiError(403, 'csrf', 'Missing or wrong X-CSRF-Token')
  return null
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/** The mock's phone rules: Brazilian DDD + 8/9 digits, or +CC; 422 otherwise. */
export function mockPhone(text: string, allowInternational = false): Contact['phones'][number] | { error: string } {
  const digits = text.replace(/\D/g, '')
  if (text.trim().startsWith('+') && !digits.startsWith('55')) {
    if (!allowInternational) return { error: 'número de outro país' }
    return { number: text, e164: `+${digits}`, type: 'other' }
  }
  const national = digits.startsWith('55') && digits.length >= 12 ? digits.slice(2) : digits
  if (national.length === 11 && national[2] === '9') return { number: text, e164: `+55${national}`, type: 'mobile' }
  if (national.length === 10 && '2345'.includes(national[2]!)) return { number: text, e164: `+55${national}`, type: 'fixed' }
  return { error: 'número inválido' }
}

function listOf(id: number) {
  return db.contactLists.find((l) => l.id === id)
}

function recount(list: ContactList) {
  list.contactCount = db.contacts.filter((c) => c.listId === list.id).length
  list.updatedAt = new Date().toISOString()
}

export const contactsHandlers = [
  http.get(`${API}/contact-lists`, ({ request }) => {
    const bad = session(request)
    if (bad) return bad
    const q = fold(new URL(request.url).searchParams.get('q') ?? '')
    return HttpResponse.json({ items: db.contactLists.filter((l) => fold(l.name).includes(q)), nextCursor: null })
  }),

  http.post(`${API}/contact-lists`, async ({ request }) => {
    const bad = session(request, true)
    if (bad) return bad
    const body = (await request.json()) as { name: string; description?: string | null; customLabels?: (string | null)[] }
    if (db.contactLists.some((l) => l.name === body.name)) return apiError(409, 'conflict', 'A list with this name exists', 'name')
    const list: ContactList = {
      id: Math.max(0, ...db.contactLists.map((l) => l.id)) + 1,
      name: body.name,
      description: body.description ?? null,
      customLabels: Array.from({ length: 5 }, (_, i) => body.customLabels?.[i] ?? null),
      contactCount: 0,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    }
    db.contactLists.unshift(list)
    return HttpResponse.json(list, { status: 201 })
  }),

  http.get(`${API}/contact-lists/:id`, ({ request, params }) => {
    const bad = session(request)
    if (bad) return bad
    const list = listOf(Number(params.id))
    return list ? HttpResponse.json(list) : apiError(404, 'not_found', 'No such list')
  }),

  http.patch(`${API}/contact-lists/:id`, async ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const list = listOf(Number(params.id))
    if (!list) return apiError(404, 'not_found', 'No such list')
    Object.assign(list, await request.json(), { updatedAt: new Date().toISOString() })
    return HttpResponse.json(list)
  }),

  http.delete(`${API}/contact-lists/:id`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const id = Number(params.id)
    if (id === 1) return apiError(409, 'conflict', 'A lista é usada pela campanha "Cobrança D+5": tire-a da campanha antes de excluí-la.')
    db.contactLists = db.contactLists.filter((l) => l.id !== id)
    return new HttpResponse(null, { status: 204 })
  }),

  http.get(`${API}/contact-lists/:id/contacts`, ({ request, params }) => {
    const bad = session(request)
    if (bad) return bad
    const p = new URL(request.url).searchParams
    const q = fold(p.get('q') ?? '').trim()
    const digits = q.replace(/\D/g, '')
    let items = db.contacts.filter((c) => c.listId === Number(params.id))
    if (q)
      items = items.filter((c) => {
        const words = fold(c.name ?? '').split(/\s+/)
        const byName = q.split(/\s+/).every((w) => words.some((n) => n.startsWith(w)))
        const byPhone = digits.length >= 2 && /^[\d\s()+.-]+$/.test(q) && c.phones.some((ph) => ph.e164.includes(digits))
        return byName || byPhone || (c.email ?? '').startsWith(q)
      })
    if (p.get('dnc')) items = items.filter((c) => c.dnc === (p.get('dnc') === 'true'))
    if (p.get('type')) items = items.filter((c) => c.phones[0]?.type === p.get('type'))
    const sort = p.get('sort') ?? 'id'
    const key = sort.replace('-', '')
    if (key === 'name') items = [...items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
    if (sort.startsWith('-')) items.reverse()
    return HttpResponse.json({ items, nextCursor: null })
  }),

  http.post(`${API}/contact-lists/:id/contacts`, async ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const list = listOf(Number(params.id))
    if (!list) return apiError(404, 'not_found', 'No such list')
    const body = (await request.json()) as { name: string | null; phones: string[]; email: string | null; allowInternational?: boolean }
    const phones: Contact['phones'] = []
    for (const [i, text] of body.phones.entries()) {
      const ph = mockPhone(text, body.allowInternational)
      if ('error' in ph) return apiError(422, 'validation', `Telefone ${i + 1}: ${ph.error}.`, 'phones')
      phones.push(ph)
    }
    if (db.contacts.some((c) => c.listId === list.id && c.phones[0]?.e164 === phones[0]?.e164))
      return apiError(409, 'conflict', 'Esta lista já tem um contato com este telefone.', 'phones')
    const contact = makeContact({ id: Math.max(0, ...db.contacts.map((c) => c.id)) + 1, listId: list.id, name: body.name, phones, email: body.email })
    db.contacts.push(contact)
    recount(list)
    return HttpResponse.json(contact, { status: 201 })
  }),

  http.post(`${API}/contact-lists/:id/contacts/delete`, async ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const list = listOf(Number(params.id))
    if (!list) return apiError(404, 'not_found', 'No such list')
    const { ids } = (await request.json()) as { ids: number[] }
    const before = db.contacts.length
    db.contacts = db.contacts.filter((c) => c.listId !== list.id || !ids.includes(c.id))
    recount(list)
    return HttpResponse.json({ deleted: before - db.contacts.length })
  }),

  http.patch(`${API}/contacts/:id`, async ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const contact = db.contacts.find((c) => c.id === Number(params.id))
    if (!contact) return apiError(404, 'not_found', 'No such contact')
    const body = (await request.json()) as Partial<Omit<Contact, 'phones'>> & { phones?: string[] }
    const { phones, ...rest } = body
    Object.assign(contact, rest)
    if (phones) contact.phones = phones.map((p) => mockPhone(p, true) as Contact['phones'][number])
    return HttpResponse.json(contact)
  }),

  http.post(`${API}/contact-lists/import-preview`, ({ request }) => {
    const bad = session(request, true)
    if (bad) return bad
    return HttpResponse.json({
      encoding: 'windows-1252',
      delimiter: ';',
      header: ['Nome', 'Telefone', 'Celular', 'E-mail'],
      rows: [
        ['João da Silva', '(11) 98765-4321', '', 'joao@exemplo.com.br'],
        ['Maria Conceição', '11 3456-7890', '+55 21 99876-5432', ''],
      ],
      mapping: { name: 0, phone1: 1, phone2: 2, email: 3 },
    })
  }),

  ...['/contact-lists/:id/import', '/dnc/import'].map((path) =>
    http.post(`${API}${path}`, ({ request, params }) => {
      const bad = session(request, true)
      if (bad) return bad
      const job: Job = {
        id: Math.max(100, ...db.jobs.map((j) => j.id)) + 1,
        kind: path.startsWith('/dnc') ? 'dnc-import' : 'contact-import',
        status: 'queued',
        processed: 0,
        total: 2048,
        result: null,
        error: null,
        listId: params.id ? Number(params.id) : null,
        fileName: 'contatos.csv',
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
      }
      db.jobs.unshift(job)
      return HttpResponse.json(job, { status: 202 })
    }),
  ),

  http.get(`${API}/jobs`, ({ request }) => {
    const bad = session(request)
    if (bad) return bad
    const p = new URL(request.url).searchParams
    const items = db.jobs
      .filter((j) => !p.get('listId') || j.listId === Number(p.get('listId')))
      .filter((j) => !p.get('kind') || j.kind === p.get('kind'))
    return HttpResponse.json({ items, nextCursor: null })
  }),

  http.get(`${API}/jobs/:id`, ({ request, params }) => {
    const bad = session(request)
    if (bad) return bad
    const job = db.jobs.find((j) => j.id === Number(params.id))
    return job ? HttpResponse.json(job) : apiError(404, 'not_found', 'No such job')
  }),

  http.post(`${API}/jobs/:id/cancel`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const job = db.jobs.find((j) => j.id === Number(params.id))
    if (!job) return apiError(404, 'not_found', 'No such job')
    if (job.status === 'queued' || job.status === 'running') Object.assign(job, { status: 'cancelled', finishedAt: new Date().toISOString() })
    return HttpResponse.json(job)
  }),

  http.get(`${API}/dnc`, ({ request }) => {
    const bad = session(request)
    if (bad) return bad
    const digits = (new URL(request.url).searchParams.get('q') ?? '').replace(/\D/g, '')
    return HttpResponse.json({ items: db.dnc.filter((d) => d.e164.includes(digits)), nextCursor: null })
  }),

  http.post(`${API}/dnc`, async ({ request }) => {
    const bad = session(request, true)
    if (bad) return bad
    const body = (await request.json()) as { number: string; note?: string | null }
    const ph = mockPhone(body.number)
    if ('error' in ph) return apiError(422, 'validation', `Número inválido (${ph.error}): confira o DDD e os dígitos.`, 'number')
    if (db.dnc.some((d) => d.e164 === ph.e164)) return apiError(409, 'conflict', 'Este número já está na lista Não Me Perturbe.', 'number')
    const entry = { id: Math.max(0, ...db.dnc.map((d) => d.id)) + 1, e164: ph.e164, source: 'manual' as const, note: body.note ?? null, createdAt: new Date().toISOString() }
    db.dnc.unshift(entry)
    return HttpResponse.json(entry, { status: 201 })
  }),

  http.delete(`${API}/dnc/:id`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    db.dnc = db.dnc.filter((d) => d.id !== Number(params.id))
    return new HttpResponse(null, { status: 204 })
  }),
]
