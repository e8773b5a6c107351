import { http, HttpResponse } from 'msw'
import type { Campaign, CampaignWrite, ReadinessProblem } from '@/lib/api/client'
import { db, makeCampaign, makeProgress } from './db'

const API = '*/api/v1'

const apiError = (status: number, code: string, message: string, field?: string) =>
  HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status })

function session(request: Request, { write = false, admin = false } = {}) {
  const user = db.users.find((u) => u.id === db.sessionUserId)
  if (!user) return apiError(401, 'unauthorized', 'Not logged in')
  if (write && request.headers.get('X-CSRF-Token') !== db.csrfToken) return apiError(403, 'csrf', 'Missing or wrong X-CSRF-Token')
  if (admin && user.role !== 'admin') return apiError(403, 'forbidden', 'Administrators only')
  return null
}

/** The daemon's checks (engine/policy.cpp and the references), in short: [field, Portuguese message]. */
function campaignProblem(body: CampaignWrite): [string, string] | null {
  if ('name' in body && !String(body.name ?? '').trim()) return ['name', 'Informe o nome da campanha.']
  if (body.audioId != null && db.audio.find((a) => a.id === body.audioId)?.kind !== 'campaign') return ['audioId', 'Escolha um áudio do tipo mensagem de campanha.']
  for (const [i, id] of (body.listIds ?? []).entries()) if (!db.contactLists.some((l) => l.id === id)) return [`listIds.${i}`, `A lista ${id} não existe.`]
  for (const [i, id] of (body.trunkIds ?? []).entries()) if (!db.trunks.some((t) => t.id === id)) return [`trunkIds.${i}`, `O tronco ${id} não existe.`]
  for (const [key, o] of Object.entries(body.ivrOptions ?? {})) {
    if (o.action === 'queue' && !db.queues.some((q) => q.name === o.target)) return [`ivrOptions.${key}.target`, `A fila "${o.target}" não existe.`]
    if (o.action === 'extension' && !db.extensions.some((e) => e.number === o.target)) return [`ivrOptions.${key}.target`, `O ramal ${o.target} não existe.`]
  }
  for (const [k, v] of Object.entries(body.retryPolicy?.delaysS ?? {}))
    if (v != null && (!Number.isInteger(v) || v < 60 || v > 30 * 86400))
      return [`retryPolicy.delaysS.${k}`, 'O intervalo deve ser de 60 segundos a 30 dias (em segundos), ou vazio para não tentar de novo.']
  return null
}

/** What keeps a draft from starting, in the daemon's words. */
export function readinessOf(c: Campaign): ReadinessProblem[] {
  if (c.status !== 'draft' && c.status !== 'scheduled' && c.status !== 'paused') return []
  const out: ReadinessProblem[] = []
  const audio = db.audio.find((a) => a.id === c.audioId)
  if (!audio) out.push({ field: 'audioId', message: 'Escolha o áudio da campanha (etapa Básico).' })
  else if (audio.delivery.some((d) => d.state !== 'delivered'))
    out.push({ field: 'audioId', message: `O áudio "${audio.name}" ainda não foi entregue a todos os servidores: aguarde ou veja em Áudios.` })
  if (c.listIds.length === 0) out.push({ field: 'listIds', message: 'Escolha ao menos uma lista de contatos (etapa Básico).' })
  if (c.trunkIds.length === 0) out.push({ field: 'trunkIds', message: 'Escolha ao menos um tronco (etapa Discagem).' })
  return out
}

const answer = (c: Campaign) => ({ ...c, readiness: readinessOf(c) })
const find = (id: unknown) => db.campaigns.find((c) => c.id === Number(id))

const TRANSITIONS: Record<string, { from: Campaign['status'][]; to: Campaign['status']; admin: boolean }> = {
  start: { from: ['draft'], to: 'running', admin: true },
  pause: { from: ['running', 'scheduled'], to: 'paused', admin: false },
  resume: { from: ['paused'], to: 'running', admin: false },
  cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled', admin: true },
}

export const campaignsHandlers = [
  http.get(`${API}/campaigns`, ({ request }) => session(request) ?? HttpResponse.json({ items: db.campaigns.map(answer) })),

  http.post(`${API}/campaigns`, async ({ request }) => {
    const denied = session(request, { write: true, admin: true })
    if (denied) return denied
    const body = (await request.json()) as CampaignWrite
    if (!String(body.name ?? '').trim()) return apiError(422, 'validation', 'Informe o nome da campanha.', 'name')
    const bad = campaignProblem(body)
    if (bad) return apiError(422, 'validation', bad[1], bad[0])
    const now = new Date().toISOString()
    const c = makeCampaign({ ...(body as Partial<Campaign>), id: Math.max(0, ...db.campaigns.map((x) => x.id)) + 1, name: String(body.name).trim(), createdAt: now, updatedAt: now })
    db.campaigns.unshift(c)
    return HttpResponse.json(answer(c), { status: 201 })
  }),

  http.get(`${API}/campaigns/:id`, ({ request, params }) => {
    const denied = session(request)
    if (denied) return denied
    const c = find(params.id)
    return c ? HttpResponse.json(answer(c)) : apiError(404, 'not_found', 'Campanha não encontrada.')
  }),

  http.patch(`${API}/campaigns/:id`, async ({ request, params }) => {
    const denied = session(request, { write: true, admin: true })
    if (denied) return denied
    const c = find(params.id)
    if (!c) return apiError(404, 'not_found', 'Campanha não encontrada.')
    if (c.status === 'completed' || c.status === 'cancelled') return apiError(409, 'conflict', 'Uma campanha concluída ou cancelada não pode mudar.')
    const body = (await request.json()) as CampaignWrite
    const bad = campaignProblem(body)
    if (bad) return apiError(422, 'validation', bad[1], bad[0])
    Object.assign(c, body, { updatedAt: new Date().toISOString() })
    return HttpResponse.json(answer(c))
  }),

  http.delete(`${API}/campaigns/:id`, ({ request, params }) => {
    const denied = session(request, { write: true, admin: true })
    if (denied) return denied
    const c = find(params.id)
    if (!c) return apiError(404, 'not_found', 'Campanha não encontrada.')
    if (!['draft', 'completed', 'cancelled'].includes(c.status)) return apiError(409, 'conflict', 'Cancele a campanha antes de excluí-la.')
    db.campaigns = db.campaigns.filter((x) => x !== c)
    return new HttpResponse(null, { status: 204 })
  }),

  http.post(`${API}/campaigns/:id/:command`, ({ request, params }) => {
    const t = TRANSITIONS[String(params.command)]
    if (!t) return apiError(404, 'not_found', 'No such command')
    const denied = session(request, { write: true, admin: t.admin })
    if (denied) return denied
    const c = find(params.id)
    if (!c) return apiError(404, 'not_found', 'Campanha não encontrada.')
    if (!t.from.includes(c.status)) return apiError(409, 'conflict', `Não é possível a partir da situação atual (${c.status}).`)
    if (params.command === 'start') {
      const problems = readinessOf(c)
      if (problems.length) return apiError(409, 'conflict', `A campanha não pode iniciar: ${problems.map((p) => p.message).join(' ')}`)
      c.startedAt = new Date().toISOString()
      c.progress = makeProgress({ contacts: 3, pending: 3, remaining: 3 })
    }
    c.status = t.to
    c.updatedAt = new Date().toISOString()
    return HttpResponse.json(answer(c))
  }),

  http.get(`${API}/campaigns/:id/attempts`, ({ request, params }) => {
    const denied = session(request)
    if (denied) return denied
    if (!find(params.id)) return apiError(404, 'not_found', 'Campanha não encontrada.')
    return HttpResponse.json({ items: db.attempts[Number(params.id)] ?? [], nextCursor: null })
  }),

  http.get(`${API}/campaigns/:id/live`, ({ request, params }) => {
    const denied = session(request)
    if (denied) return denied
    const c = find(params.id)
    if (!c) return apiError(404, 'not_found', 'Campanha não encontrada.')
    return HttpResponse.json({ calls: db.liveCalls[c.id] ?? [], progress: c.progress })
  }),
]
