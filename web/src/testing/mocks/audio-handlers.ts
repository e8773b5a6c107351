import { http, HttpResponse } from 'msw'
import type { Audio } from '@/lib/api/client'
import { db, deliveryFor, makeAudio, mediaUrlFor, speechPeaks } from './db'

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

/** Audio id 2 is used by a campaign: deleting it answers 409 naming it. */
export const AUDIO_IN_USE = 2

export const audioHandlers = [
  http.get(`${API}/audio`, ({ request }) => {
    const bad = session(request)
    if (bad) return bad
    const p = new URL(request.url).searchParams
    const q = fold(p.get('q') ?? '')
    const kind = p.get('kind')
    const items = db.audio.filter((a) => (!kind || a.kind === kind) && fold(a.name).includes(q))
    return HttpResponse.json({ items, nextCursor: null })
  }),

  // The tests' "decoder". jsdom's XMLHttpRequest does not pass the file part on (MSW sees a
  // "blob" of the text "undefined"), so the name, filled in from the file's name, decides:
  // "texto" is a text file renamed .wav, "8ch" an 8-channel recording, "enorme" too large.
  http.post(`${API}/audio`, async ({ request }) => {
    const bad = session(request, true)
    if (bad) return bad
    const form = await request.formData()
    if (!form.has('file')) return apiError(422, 'validation', 'Envie o arquivo no campo "file".', 'file')
    const name = String(form.get('name') ?? '')
    const kind = (String(form.get('kind') ?? 'campaign') as Audio['kind']) || 'campaign'
    if (db.audio.some((a) => a.kind === kind && a.name === name)) return apiError(409, 'conflict', 'Já existe um áudio com este nome.', 'name')
    if (/texto/i.test(name))
      return apiError(422, 'validation', 'Não foi possível usar este áudio: não é um arquivo de áudio reconhecido (aceitos: WAV, MP3, OGG, FLAC e GSM do Asterisk); confira se é mesmo uma gravação e não outro arquivo renomeado.', 'file')
    if (/8ch/i.test(name))
      return apiError(422, 'validation', 'Não foi possível usar este áudio: o áudio tem 8 canais: envie uma gravação mono ou estéreo.', 'file')
    if (/enorme/i.test(name)) return apiError(413, 'payload_too_large', 'Request body too large')
    const audio = makeAudio({
      id: Math.max(0, ...db.audio.map((a) => a.id)) + 1,
      name,
      kind,
      description: String(form.get('description') ?? '') || null,
      format: 'MP3',
      durationMs: 2016,
      sampleRate: 32_000,
      channels: 1,
      sizeBytes: 8064,
      peaks: speechPeaks(160),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    })
    audio.delivery = deliveryFor(audio, audio.createdAt)
    db.audio.unshift(audio)
    return HttpResponse.json(audio, { status: 201 })
  }),

  http.get(`${API}/audio/:id`, ({ request, params }) => {
    const bad = session(request)
    if (bad) return bad
    const audio = db.audio.find((a) => a.id === Number(params.id))
    if (!audio) return apiError(404, 'not_found', 'Áudio não encontrado.')
    return HttpResponse.json(audio)
  }),

  // Writes again to every enabled node: what was pending is done; a node without a sounds
  // directory still fails (see deliveryFor).
  http.post(`${API}/audio/:id/deliver`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const audio = db.audio.find((a) => a.id === Number(params.id))
    if (!audio) return apiError(404, 'not_found', 'Áudio não encontrado.')
    audio.delivery = deliveryFor(audio, new Date().toISOString())
    return HttpResponse.json(audio)
  }),

  http.post(`${API}/audio/:id/revoke-url`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const audio = db.audio.find((a) => a.id === Number(params.id))
    if (!audio) return apiError(404, 'not_found', 'Áudio não encontrado.')
    audio.mediaUrl = mediaUrlFor(audio.id)
    // URL nodes fetch the new address.
    audio.delivery = audio.delivery.map((d) => (d.mode === 'http' ? { ...d, location: audio.mediaUrl!, playback: d.playback && audio.mediaUrl } : d))
    audio.updatedAt = new Date().toISOString()
    return HttpResponse.json(audio)
  }),

  http.patch(`${API}/audio/:id`, async ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const audio = db.audio.find((a) => a.id === Number(params.id))
    if (!audio) return apiError(404, 'not_found', 'Áudio não encontrado.')
    const body = (await request.json()) as { name?: string; description?: string | null }
    if (body.name !== undefined && db.audio.some((a) => a.id !== audio.id && a.kind === audio.kind && a.name === body.name))
      return apiError(409, 'conflict', 'Já existe um áudio com este nome.', 'name')
    Object.assign(audio, body, { updatedAt: new Date().toISOString() })
    return HttpResponse.json(audio)
  }),

  http.delete(`${API}/audio/:id`, ({ request, params }) => {
    const bad = session(request, true)
    if (bad) return bad
    const id = Number(params.id)
    if (id === AUDIO_IN_USE)
      return apiError(409, 'conflict', 'Este áudio é usado por campanha "Cobrança D+5 — março": troque o áudio lá antes de excluí-lo.')
    if (!db.audio.some((a) => a.id === id)) return apiError(404, 'not_found', 'Áudio não encontrado.')
    db.audio = db.audio.filter((a) => a.id !== id)
    return new HttpResponse(null, { status: 204 })
  }),
]
