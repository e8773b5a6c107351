// Campaigns for e2e/mock-server.mjs: an in-memory stand-in for the daemon's /campaigns,
// /campaigns/{id}, /campaigns/{id}/{start|pause|resume|cancel}, /campaigns/{id}/attempts and
// /campaigns/{id}/live (api/openapi.yaml, tag campaigns), with a small dialing engine. Not the
// product, but it answers like it: the daemon's checks and Portuguese 422 messages with `field`
// (`retryPolicy.delaysS.busy`, `ivrOptions.1.target`, `schedule.windows.0.end`), the readiness
// list (what keeps a campaign from starting), 409 for a command the status does not allow or a
// campaign that is not ready, and a `campaign` message on every status change (`by` the user's
// e-mail, or `engine`) plus `campaign-progress` messages at most four times a second.
//
// The engine: at start the contacts of the lists are taken (numbers on the DNC list skipped);
// while running, calls are originated within the campaign's concurrency and CPS, through its
// first enabled trunk on the first connected PBX node, and each call rings and ends with an
// outcome drawn at random (answered 45%, voicemail 10%, no answer 18%, busy 10%, failed 5%,
// invalid number 4%…; a voicemail counts as answered without AMD), compressed in time (a few
// seconds each). An answered call with the IVR on may press one of its keys (opt-out adds the
// number to the DNC list). The retry policy is followed (delays in real seconds); a campaign
// completes when no contact has an attempt due or under way. Calling windows and holidays are
// NOT judged by the mock (it dials at any hour), nor is the end date.
//
// Seeds: a collections campaign running through the "vivo" trunks (when there are any, e.g.
// --seed-telephony or once one is created), a finished NPS survey with its IVR, a paused
// reminder through the "claro" trunks, a draft without trunk, a scheduled one and a cancelled
// test — with their call history.
import { randomInt } from 'node:crypto'

const STATUSES_EDITABLE_RUNNING = ['name', 'maxConcurrent', 'maxCps', 'schedule', 'allowHolidays', 'endsAt', 'retryPolicy']
const FIELDS = ['name', 'audioId', 'listIds', 'trunkIds', 'callerId', 'maxConcurrent', 'maxCps', 'ringTimeoutS', 'amdEnabled', 'amdParams', 'machineAction', 'ivrEnabled', 'ivrOptions', 'readTimeoutS', 'retryPolicy', 'schedule', 'timezone', 'allowHolidays', 'startsAt', 'endsAt']
const TIMEZONES = ['America/Noronha', 'America/Sao_Paulo', 'America/Manaus', 'America/Rio_Branco']
const RETRYABLE = ['busy', 'no-answer', 'failed', 'voicemail', 'unknown']
const COUNTER = { answered: 'answered', voicemail: 'voicemail', busy: 'busy', 'no-answer': 'noAnswer', failed: 'failed', 'invalid-number': 'invalidNumber', cancelled: 'cancelled', unknown: 'unknown' }
const CAUSE = { answered: 16, voicemail: 16, busy: 17, 'no-answer': 19, failed: 34, 'invalid-number': 1, cancelled: 16, unknown: null }
const TICK_MS = 200
const PROGRESS_EVERY_MS = 250

const DEFAULTS = () => ({
  audioId: null,
  listIds: [],
  trunkIds: [],
  callerId: null,
  maxConcurrent: 10,
  maxCps: 5,
  ringTimeoutS: 30,
  amdEnabled: false,
  amdParams: null,
  machineAction: 'hangup',
  ivrEnabled: false,
  ivrOptions: {},
  readTimeoutS: 5,
  retryPolicy: { maxAttempts: 3, delaysS: { busy: 900, 'no-answer': 1800, failed: 600, voicemail: null, unknown: 600 }, nextPhoneOn: ['busy', 'no-answer'] },
  schedule: {
    windows: [
      { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '20:00' },
      { weekdays: [6], start: '09:00', end: '14:00' },
    ],
  },
  timezone: 'America/Sao_Paulo',
  allowHolidays: false,
  startsAt: null,
  endsAt: null,
})

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

const isInt = (v, min, max) => Number.isInteger(v) && v >= min && v <= max
const hhmm = (s) => (typeof s === 'string' && /^\d{2}:\d{2}$/.test(s) ? Number(s.slice(0, 2)) * 60 + Number(s.slice(3)) : null)

/**
 * h: { authenticate, send, fail, readJson, broadcast, broadcastMessage, now, record, pbxNodes(),
 *      contacts (createContactsApi's handle), audio (createAudioApi's handle), telephony (createTelephonyApi's handle) }
 */
export function createCampaignsApi(h) {
  const { authenticate, send, fail, readJson, broadcast, broadcastMessage, now, record } = h
  const engineReq = { socket: { remoteAddress: '' } }
  let nextId = 1
  let nextAttemptId = 1
  const campaigns = [] // settings + {id, status, createdAt, updatedAt, startedAt, completedAt, trunkPrefix?, run}

  // ---------------------------------------------------------------- views
  const trunksNow = () => h.telephony.trunks()
  /** Seeded campaigns dial through the trunks of their story ("vivo…", "claro…") whenever those exist. */
  const trunkIdsOf = (c) => (c.trunkPrefix ? trunksNow().filter((t) => t.name.startsWith(c.trunkPrefix)).map((t) => t.id) : c.trunkIds)

  function emptyRun() {
    return { contacts: [], attempts: [], live: new Map(), counters: { answered: 0, voicemail: 0, busy: 0, noAnswer: 0, failed: 0, invalidNumber: 0, cancelled: 0, unknown: 0 }, ended: 0, talkMs: 0, shortCalls: 0, endedAt: [], tokens: 0, dirty: false, sentAt: 0 }
  }

  function progressOf(c) {
    const r = c.run
    const tally = { pending: 0, dialing: 0, done: 0, dnc: 0 }
    for (const k of r.contacts) tally[k.state] += 1
    const cutoff = Date.now() - 60_000
    return {
      contacts: r.contacts.length,
      pending: tally.pending,
      dialing: tally.dialing,
      completed: tally.done,
      dncSkipped: tally.dnc,
      remaining: tally.pending + tally.dialing,
      attempts: r.ended,
      up: r.live.size,
      ...r.counters,
      shortCalls: r.shortCalls,
      asr: r.ended ? r.counters.answered / r.ended : null,
      acdSeconds: r.counters.answered ? Math.round(r.talkMs / r.counters.answered / 100) / 10 : null,
      callsPerMinute: r.endedAt.filter((t) => t >= cutoff).length,
    }
  }

  function readinessOf(c) {
    if (!['draft', 'scheduled', 'paused'].includes(c.status)) return []
    const out = []
    const add = (field, message) => out.push({ field, message })
    const audio = c.audioId == null ? null : h.audio.publicAudio(c.audioId)
    if (c.audioId == null) add('audioId', 'Escolha a mensagem (áudio) da campanha.')
    else if (!audio) add('audioId', `O áudio ${c.audioId} não existe mais: escolha outra mensagem.`)
    else {
      const failed = audio.delivery.filter((d) => d.state === 'failed')
      if (failed.length) add('audioId', `O áudio "${audio.name}" não chegou a ${failed.map((d) => d.nodeName).join(', ')}: veja o motivo em Áudios (Entrega aos servidores).`)
      else if (audio.delivery.some((d) => d.state !== 'delivered')) add('audioId', `O áudio "${audio.name}" ainda está sendo entregue aos servidores: aguarde alguns segundos.`)
    }
    if (c.listIds.length === 0) add('listIds', 'Escolha ao menos uma lista de contatos.')
    else if (h.contacts.contactsOf(c.listIds).length === 0) add('listIds', 'As listas escolhidas não têm contatos: importe contatos em Contatos.')
    const trunkIds = trunkIdsOf(c)
    const trunks = trunksNow().filter((t) => trunkIds.includes(t.id))
    if (trunks.length === 0) add('trunkIds', 'Escolha ao menos um tronco.')
    else if (!trunks.some((t) => t.enabled)) add('trunkIds', 'Os troncos escolhidos estão desativados: ative um em Troncos ou escolha outro.')
    const nodes = h.pbxNodes().filter((n) => n.enabled)
    if (nodes.length === 0) add('pbx', 'Nenhum servidor Asterisk habilitado: cadastre um em Servidores.')
    else if (!nodes.some((n) => n.status.state === 'connected')) add('pbx', 'Nenhum servidor Asterisk conectado: confira a conexão em Servidores.')
    if (c.ivrEnabled)
      for (const [key, o] of Object.entries(c.ivrOptions)) {
        if (o.action === 'queue' && !h.telephony.hasQueue(o.target)) add(`ivrOptions.${key}.target`, `A tecla ${key} transfere para a fila "${o.target}", que não existe mais: escolha outra em Atendimento.`)
        if (o.action === 'extension' && !h.telephony.hasExtension(o.target)) add(`ivrOptions.${key}.target`, `A tecla ${key} transfere para o ramal ${o.target}, que não existe ou está desativado: escolha outro em Atendimento.`)
      }
    if (c.endsAt && Date.parse(c.endsAt) <= Date.now()) add('endsAt', 'A data de término já passou: mude-a em Horário.')
    return out
  }

  const publicCampaign = (c) => {
    const { run: _r, trunkPrefix: _p, ...rest } = c
    return { ...rest, trunkIds: trunkIdsOf(c), progress: progressOf(c), readiness: readinessOf(c) }
  }

  // ---------------------------------------------------------------- checks (the daemon's, in short)
  function check(body, c) {
    for (const k of Object.keys(body)) if (!FIELDS.includes(k)) refuse(k, 'Campo desconhecido.')
    const has = (k) => k in body
    if (has('name') && (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 255)) refuse('name', 'Informe o nome da campanha (até 255 caracteres).')
    if (has('name') && campaigns.some((x) => x !== c && x.name.toLowerCase() === body.name.trim().toLowerCase())) throw new Refusal('name', 'Já existe uma campanha com este nome.', 409, 'conflict')
    if (has('audioId') && body.audioId !== null) {
      const a = h.audio.find(body.audioId)
      if (!a) refuse('audioId', `O áudio ${body.audioId} não existe.`)
      if (a.kind !== 'campaign') refuse('audioId', `"${a.name}" é música de espera: escolha uma mensagem de campanha.`)
    }
    for (const [k, exists, what] of [
      ['listIds', (id) => h.contacts.list(id), 'A lista'],
      ['trunkIds', (id) => trunksNow().some((t) => t.id === id), 'O tronco'],
    ]) {
      if (!has(k)) continue
      if (!Array.isArray(body[k])) refuse(k, 'Deve ser uma lista de ids.')
      body[k].forEach((id, i) => {
        if (!Number.isInteger(id) || !exists(id)) refuse(`${k}.${i}`, `${what} ${id} não existe.`)
        if (body[k].indexOf(id) !== i) refuse(`${k}.${i}`, `${what} ${id} aparece duas vezes.`)
      })
    }
    if (has('callerId') && body.callerId !== null && !/^[0-9]{2,20}$/.test(String(body.callerId))) refuse('callerId', 'Use só dígitos, de 2 a 20 (ex.: 1140041234).')
    if (has('maxConcurrent') && !isInt(body.maxConcurrent, 1, 1000)) refuse('maxConcurrent', 'As chamadas simultâneas vão de 1 a 1000.')
    if (has('maxCps') && !(typeof body.maxCps === 'number' && body.maxCps >= 0.1 && body.maxCps <= 100)) refuse('maxCps', 'As chamadas por segundo vão de 0,1 a 100.')
    if (has('ringTimeoutS') && !isInt(body.ringTimeoutS, 10, 120)) refuse('ringTimeoutS', 'O tempo de toque vai de 10 a 120 segundos.')
    if (has('readTimeoutS') && !isInt(body.readTimeoutS, 1, 30)) refuse('readTimeoutS', 'O tempo para teclar vai de 1 a 30 segundos.')
    for (const k of ['amdEnabled', 'ivrEnabled', 'allowHolidays']) if (has(k) && typeof body[k] !== 'boolean') refuse(k, 'Use true ou false.')
    if (has('amdParams') && body.amdParams !== null && !/^[0-9]+(,[0-9]+)*$/.test(String(body.amdParams))) refuse('amdParams', 'Só números separados por vírgula (ex.: 2500,1500,800,5000).')
    if (has('machineAction') && !['hangup', 'message'].includes(body.machineAction)) refuse('machineAction', 'Use hangup ou message.')
    if (has('timezone') && !TIMEZONES.includes(body.timezone)) refuse('timezone', `Use um fuso do Brasil: ${TIMEZONES.join(', ')}.`)
    if (has('ivrOptions')) {
      if (typeof body.ivrOptions !== 'object' || body.ivrOptions === null || Array.isArray(body.ivrOptions)) refuse('ivrOptions', 'As opções da URA são um objeto por tecla.')
      for (const [key, o] of Object.entries(body.ivrOptions)) {
        const p = `ivrOptions.${key}`
        if (!/^[0-9]$/.test(key)) refuse(p, 'Use as teclas de 0 a 9.')
        if (!['queue', 'extension', 'optout', 'repeat', 'hangup'].includes(o?.action)) refuse(`${p}.action`, 'Ação desconhecida: use queue, extension, optout, repeat ou hangup.')
        if (o.action === 'queue' && !h.telephony.hasQueue(o.target)) refuse(`${p}.target`, o.target ? `A fila "${o.target}" não existe: escolha uma fila cadastrada em Filas.` : 'Escolha a fila.')
        if (o.action === 'extension' && !h.telephony.hasExtension(o.target)) refuse(`${p}.target`, o.target ? `O ramal ${o.target} não existe ou está desativado.` : 'Escolha o ramal.')
        if ('timeoutS' in o && !isInt(o.timeoutS, 5, 3600)) refuse(`${p}.timeoutS`, 'A espera vai de 5 a 3600 segundos.')
        if (o.audioId != null && h.audio.find(o.audioId)?.kind !== 'campaign') refuse(`${p}.audioId`, 'Escolha uma mensagem de campanha.')
      }
    }
    if (has('retryPolicy')) {
      const r = body.retryPolicy
      if (typeof r !== 'object' || r === null) refuse('retryPolicy', 'A política de novas tentativas deve ser um objeto.')
      for (const k of Object.keys(r)) if (!['maxAttempts', 'delaysS', 'nextPhoneOn'].includes(k)) refuse(`retryPolicy.${k}`, 'Campo desconhecido na política de novas tentativas.')
      if ('maxAttempts' in r && !isInt(r.maxAttempts, 1, 20)) refuse('retryPolicy.maxAttempts', 'O número máximo de tentativas deve ser um inteiro de 1 a 20.')
      if ('delaysS' in r) {
        if (typeof r.delaysS !== 'object' || r.delaysS === null) refuse('retryPolicy.delaysS', 'Os intervalos devem ser um objeto por resultado (segundos).')
        for (const [k, v] of Object.entries(r.delaysS)) {
          if (!RETRYABLE.includes(k)) refuse(`retryPolicy.delaysS.${k}`, `Resultado sem nova tentativa possível. Use: ${RETRYABLE.join(', ')}.`)
          if (v !== null && !isInt(v, 60, 30 * 86400)) refuse(`retryPolicy.delaysS.${k}`, 'O intervalo deve ser de 60 segundos a 30 dias (em segundos), ou vazio para não tentar de novo.')
        }
      }
      if ('nextPhoneOn' in r && (!Array.isArray(r.nextPhoneOn) || r.nextPhoneOn.some((d) => !['busy', 'no-answer', 'voicemail'].includes(d))))
        refuse('retryPolicy.nextPhoneOn', 'Só busy, no-answer e voicemail podem passar ao próximo telefone (inválido e falha sempre passam).')
    }
    if (has('schedule')) {
      const list = body.schedule?.windows
      if (!Array.isArray(list) || list.length === 0 || list.length > 14) refuse('schedule.windows', 'Informe de 1 a 14 janelas de horário permitido.')
      list.forEach((w, i) => {
        const p = `schedule.windows.${i}`
        if (!Array.isArray(w.weekdays) || w.weekdays.length === 0) refuse(`${p}.weekdays`, 'Escolha ao menos um dia da semana (0 = domingo … 6 = sábado).')
        if (w.weekdays.some((d) => !isInt(d, 0, 6))) refuse(`${p}.weekdays`, 'Dias da semana vão de 0 (domingo) a 6 (sábado).')
        const s = hhmm(w.start)
        const e = hhmm(w.end)
        if (s === null || s > 23 * 60 + 59) refuse(`${p}.start`, 'Use o formato HH:MM (00:00 a 23:59).')
        if (e === null || e > 24 * 60 || e < 1) refuse(`${p}.end`, 'Use o formato HH:MM (00:01 a 24:00).')
        if (s >= e) refuse(`${p}.end`, 'O fim deve ser depois do início (janelas não atravessam a meia-noite).')
      })
    }
    for (const k of ['startsAt', 'endsAt']) if (has(k) && body[k] !== null && Number.isNaN(Date.parse(body[k]))) refuse(k, 'Use data e hora ISO 8601 (ex.: 2025-03-10T09:00:00-03:00).')
    const startsAt = has('startsAt') ? body.startsAt : c?.startsAt
    const endsAt = has('endsAt') ? body.endsAt : c?.endsAt
    if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) refuse('endsAt', 'O término deve ser depois do início.')
  }

  function normalized(body) {
    const out = { ...body }
    if ('name' in out) out.name = out.name.trim()
    if ('retryPolicy' in out) {
      const d = DEFAULTS().retryPolicy
      out.retryPolicy = {
        maxAttempts: out.retryPolicy.maxAttempts ?? d.maxAttempts,
        delaysS: Object.fromEntries(RETRYABLE.map((k) => [k, out.retryPolicy.delaysS ? (out.retryPolicy.delaysS[k] ?? null) : d.delaysS[k]])),
        nextPhoneOn: out.retryPolicy.nextPhoneOn ?? d.nextPhoneOn,
      }
    }
    if ('ivrOptions' in out)
      out.ivrOptions = Object.fromEntries(
        Object.entries(out.ivrOptions).map(([k, o]) => [k, { action: o.action, target: o.target ?? '', timeoutS: o.timeoutS ?? 30, audioId: o.audioId ?? null }]),
      )
    return out
  }

  // ---------------------------------------------------------------- the engine
  function materialize(c) {
    const known = new Set(c.run.contacts.map((k) => k.contactId))
    let added = 0
    for (const ct of h.contacts.contactsOf(c.listIds)) {
      if (known.has(ct.id)) continue
      known.add(ct.id)
      const phones = ct.phones.map((p) => p.e164).filter((e) => e && !h.contacts.isDnc(e))
      c.run.contacts.push({ contactId: ct.id, phones: phones.map((e) => e.replace(/^\+/, '')), phoneIndex: 1, attempts: 0, invalid: new Set(), dueAt: 0, state: phones.length ? 'pending' : 'dnc' })
      added += 1
    }
    c.run.dirty = true
    return added
  }

  function pickOutcome(c) {
    const r = randomInt(100)
    let d = r < 45 ? 'answered' : r < 55 ? 'voicemail' : r < 73 ? 'no-answer' : r < 83 ? 'busy' : r < 88 ? 'failed' : r < 92 ? 'invalid-number' : r < 99 ? 'answered' : 'unknown'
    if (d === 'voicemail' && !c.amdEnabled) d = 'answered'
    return d
  }

  function originate(c, k, trunk, node, t) {
    const phone = k.phones[k.phoneIndex - 1]
    const outcome = pickOutcome(c)
    const ring = outcome === 'no-answer' ? c.ringTimeoutS * 150 : outcome === 'failed' || outcome === 'invalid-number' ? 400 + randomInt(400) : 1200 + randomInt(2800)
    const keys = Object.keys(c.ivrOptions)
    const dtmf = outcome === 'answered' && c.ivrEnabled && keys.length && randomInt(100) < 40 ? keys[randomInt(keys.length)] : null
    const talk = outcome === 'answered' ? 2500 + randomInt(6500) : outcome === 'voicemail' ? (c.machineAction === 'message' ? 3000 + randomInt(2000) : 300) : 0
    const attempt = {
      id: nextAttemptId++,
      contactId: k.contactId,
      attemptNo: k.attempts + 1,
      phoneIndex: k.phoneIndex,
      number: phone,
      trunkId: trunk.id,
      nodeId: node.id,
      state: 'dialing',
      createdAt: new Date(t).toISOString(),
      answeredAt: null,
      endedAt: null,
      disposition: null,
      hangupCause: null,
      techCause: null,
      amdStatus: null,
      dtmf: null,
      ringSeconds: null,
      talkSeconds: null,
    }
    k.state = 'dialing'
    c.run.attempts.push(attempt)
    c.run.live.set(attempt.id, { attempt, k, outcome, dtmf, startedAt: t, ringingAt: t + 300, answerAt: outcome === 'answered' || outcome === 'voicemail' ? t + 300 + ring : null, endAt: t + 300 + ring + talk, talk, ring })
  }

  /** Writes the attempt's end, the counters and the contact's next step (engine/policy.cpp's after_attempt, in short). */
  function endAttempt(c, attempt, k, d, { t, ringMs, talkMs, dtmf }) {
    Object.assign(attempt, {
      state: 'ended',
      endedAt: new Date(t).toISOString(),
      disposition: d,
      hangupCause: CAUSE[d],
      amdStatus: c.amdEnabled && (d === 'answered' || d === 'voicemail') ? (d === 'voicemail' ? 'MACHINE' : 'HUMAN') : null,
      dtmf,
      ringSeconds: Math.round(ringMs / 100) / 10,
      talkSeconds: d === 'answered' || d === 'voicemail' ? Math.round(talkMs / 100) / 10 : null,
    })
    const r = c.run
    r.counters[COUNTER[d]] += 1
    r.ended += 1
    r.endedAt.push(t)
    if (r.endedAt.length > 500) r.endedAt.splice(0, r.endedAt.length - 500)
    if (d === 'answered') {
      r.talkMs += talkMs
      if (talkMs <= 6000) r.shortCalls += 1
    }
    if (dtmf && c.ivrOptions[dtmf]?.action === 'optout') h.contacts.addDnc(`+${attempt.number}`, `URA da campanha "${c.name}"`)
    k.attempts += 1
    if (d === 'invalid-number') k.invalid.add(k.phoneIndex)
    const valid = (i) => !k.invalid.has(i)
    const policy = c.retryPolicy
    if (d === 'answered' || k.attempts >= policy.maxAttempts) return void (k.state = 'done')
    if (d === 'cancelled') return void Object.assign(k, { state: 'pending', dueAt: t })
    const advance = d === 'invalid-number' || d === 'failed' || policy.nextPhoneOn.includes(d)
    if (advance)
      for (let i = k.phoneIndex + 1; i <= k.phones.length; i++)
        if (valid(i)) return void Object.assign(k, { phoneIndex: i, state: 'pending', dueAt: t })
    const first = [...Array(k.phones.length).keys()].map((i) => i + 1).find(valid)
    const delay = policy.delaysS[d]
    if (!first || delay == null) return void (k.state = 'done')
    Object.assign(k, { phoneIndex: advance ? first : k.phoneIndex, state: 'pending', dueAt: t + delay * 1000 })
  }

  function transition(c, to, by, req) {
    const from = c.status
    c.status = to
    const t = now()
    c.updatedAt = t
    if (to === 'running' && !c.startedAt) c.startedAt = t
    if (to === 'completed' || to === 'cancelled') c.completedAt = t
    if (to === 'cancelled')
      for (const call of c.run.live.values()) {
        c.run.live.delete(call.attempt.id)
        endAttempt(c, call.attempt, call.k, 'cancelled', { t: Date.now(), ringMs: Date.now() - call.startedAt, talkMs: 0, dtmf: null })
        call.k.state = 'done'
      }
    if (to === 'cancelled') for (const k of c.run.contacts) if (k.state === 'pending') k.state = 'done'
    c.run.dirty = true
    record(req ?? engineReq, by === 'engine' ? null : by, `campaign.${{ running: from === 'paused' ? 'resume' : 'start', scheduled: 'start', paused: 'pause', cancelled: 'cancel', completed: 'complete' }[to]}`, 'campaign', c.id, { from, to })
    broadcastMessage({ type: 'campaign', campaign: publicCampaign(c), from, to, by: by === 'engine' ? 'engine' : by.email })
  }

  function tick() {
    const t = Date.now()
    const node = h.pbxNodes().find((n) => n.enabled && n.status.state === 'connected')
    for (const c of campaigns) {
      const r = c.run
      // Calls under way: ringing, answered, ended.
      for (const call of r.live.values()) {
        if (call.attempt.state === 'dialing' && t >= call.ringingAt) call.phase = 'ringing'
        if (call.answerAt && t >= call.answerAt && !call.attempt.answeredAt) {
          call.attempt.answeredAt = new Date(call.answerAt).toISOString()
          r.dirty = true
        }
        if (t >= call.endAt) {
          r.live.delete(call.attempt.id)
          endAttempt(c, call.attempt, call.k, call.outcome, { t, ringMs: call.ring, talkMs: call.talk, dtmf: call.dtmf })
          r.dirty = true
        }
      }
      if (c.status === 'scheduled' && c.startsAt && Date.parse(c.startsAt) <= t) transition(c, 'running', 'engine')
      if (c.status === 'running') {
        const trunkIds = trunkIdsOf(c)
        const trunk = trunksNow().find((tr) => trunkIds.includes(tr.id) && tr.enabled)
        r.tokens = Math.min(Math.max(1, c.maxCps), r.tokens + (c.maxCps * TICK_MS) / 1000)
        if (trunk && node) {
          while (r.live.size < Math.min(c.maxConcurrent, trunk.maxChannels) && r.tokens >= 1) {
            const k = r.contacts.find((x) => x.state === 'pending' && x.dueAt <= t)
            if (!k) break
            r.tokens -= 1
            originate(c, k, trunk, node, t)
            r.dirty = true
          }
        }
        if (r.live.size === 0 && !r.contacts.some((k) => k.state === 'pending' || k.state === 'dialing')) transition(c, 'completed', 'engine')
      }
      if (r.dirty && t - r.sentAt >= PROGRESS_EVERY_MS) {
        r.dirty = false
        r.sentAt = t
        broadcastMessage({ type: 'campaign-progress', campaignId: c.id, progress: progressOf(c) })
      }
    }
  }
  setInterval(tick, TICK_MS).unref()

  // ---------------------------------------------------------------- seeds
  function add(fields, extra = {}) {
    const t = now()
    const c = { id: nextId++, ...DEFAULTS(), status: 'draft', createdAt: t, updatedAt: t, startedAt: null, completedAt: null, ...fields, run: emptyRun(), ...extra }
    campaigns.push(c)
    return c
  }

  /** A past run: the first `share` of the contacts called from `startedAgoMs` ago over `spanMs`, outcomes drawn as the engine draws them. */
  function history(c, share, startedAgoMs, spanMs) {
    materialize(c)
    const start = Date.now() - startedAgoMs
    const todo = c.run.contacts.filter((k) => k.state === 'pending')
    const n = Math.round(todo.length * share)
    for (let i = 0; i < n; i++) {
      const k = todo[i]
      let at = start + Math.round((i / Math.max(1, n)) * spanMs)
      while (k.state === 'pending') {
        const d = pickOutcome(c)
        const ringMs = d === 'no-answer' ? c.ringTimeoutS * 1000 : 2000 + randomInt(9000)
        const talkMs = d === 'answered' ? 8000 + randomInt(40_000) : d === 'voicemail' ? 12_000 : 0
        const keys = Object.keys(c.ivrOptions)
        const dtmf = d === 'answered' && c.ivrEnabled && keys.length && randomInt(100) < 70 ? keys[randomInt(keys.length)] : null
        const attempt = { id: nextAttemptId++, contactId: k.contactId, attemptNo: k.attempts + 1, phoneIndex: k.phoneIndex, number: k.phones[k.phoneIndex - 1], trunkId: trunkIdsOf(c)[0] ?? null, nodeId: h.pbxNodes()[0]?.id ?? null, state: 'dialing', createdAt: new Date(at).toISOString(), answeredAt: d === 'answered' || d === 'voicemail' ? new Date(at + ringMs).toISOString() : null, endedAt: null, disposition: null, hangupCause: null, techCause: null, amdStatus: null, dtmf: null, ringSeconds: null, talkSeconds: null }
        c.run.attempts.push(attempt)
        endAttempt(c, attempt, k, d, { t: at + ringMs + talkMs, ringMs, talkMs, dtmf })
        // A retry due later than now stays pending: its contact waits, as in a real run.
        if (k.state === 'pending' && k.dueAt > Date.now()) break
        at = Math.max(k.dueAt, at + ringMs + talkMs)
      }
    }
    c.run.attempts.sort((a, b) => a.id - b.id)
    c.run.endedAt = []
  }

  {
    const H = 3_600_000
    const D = 24 * H
    const iso = (ago) => new Date(Date.now() - ago).toISOString()
    const nps = add(
      {
        name: 'Pesquisa NPS — março',
        status: 'completed',
        audioId: 4,
        listIds: [3],
        maxConcurrent: 20,
        ivrEnabled: true,
        ivrOptions: Object.fromEntries([...Array(10).keys()].map((k) => [String(k), { action: 'hangup', target: '', timeoutS: 30, audioId: null }])),
        readTimeoutS: 8,
        retryPolicy: { maxAttempts: 2, delaysS: { busy: 1800, 'no-answer': 3600, failed: 600, voicemail: null, unknown: 600 }, nextPhoneOn: ['busy', 'no-answer'] },
        createdAt: iso(11 * D),
        updatedAt: iso(10 * D - 5 * H),
        startedAt: iso(10 * D),
        completedAt: iso(10 * D - 5 * H),
      },
      { trunkPrefix: 'vivo' },
    )
    history(nps, 1, 10 * D, 5 * H)
    for (const k of nps.run.contacts) if (k.state === 'pending') k.state = 'done'

    add(
      {
        name: 'Teste de URA — fevereiro',
        status: 'cancelled',
        audioId: 2,
        listIds: [5],
        maxConcurrent: 2,
        ivrEnabled: true,
        ivrOptions: { 1: { action: 'queue', target: 'suporte', timeoutS: 60, audioId: null }, 9: { action: 'optout', target: '', timeoutS: 30, audioId: null } },
        createdAt: iso(20 * D),
        updatedAt: iso(20 * D - H),
        startedAt: iso(20 * D - 2 * H),
        completedAt: iso(20 * D - H),
      },
      { trunkPrefix: 'claro' },
    )
    campaigns.at(-1).run.contacts = []

    const reminder = add(
      {
        name: 'Lembrete de consulta — Clínica Vida',
        status: 'paused',
        audioId: 3,
        listIds: [4],
        maxConcurrent: 5,
        maxCps: 1,
        amdEnabled: true,
        machineAction: 'message',
        callerId: '1133224455',
        retryPolicy: { maxAttempts: 2, delaysS: { busy: 600, 'no-answer': 1200, failed: 600, voicemail: null, unknown: 600 }, nextPhoneOn: ['no-answer'] },
        createdAt: iso(2 * D),
        updatedAt: iso(H),
        startedAt: iso(3 * H),
      },
      { trunkPrefix: 'claro' },
    )
    history(reminder, 0.45, 3 * H, 2 * H)

    const running = add(
      {
        name: 'Cobrança D+5 — março',
        status: 'running',
        audioId: 1,
        listIds: [1],
        maxConcurrent: 30,
        maxCps: 4,
        amdEnabled: true,
        ivrEnabled: true,
        ivrOptions: { 1: { action: 'queue', target: 'negociacao', timeoutS: 120, audioId: null }, 9: { action: 'optout', target: '', timeoutS: 30, audioId: null } },
        createdAt: iso(D),
        updatedAt: iso(2 * H),
        startedAt: iso(2 * H),
      },
      { trunkPrefix: 'vivo' },
    )
    history(running, 0.55, 2 * H, 2 * H - 60_000)

    const tomorrow = new Date(Date.now() + D)
    const startsAt = `${tomorrow.toISOString().slice(0, 10)}T12:00:00Z` // 09:00 in São Paulo
    const feirao = add(
      { name: 'Renegociação abril — feirão', status: 'scheduled', audioId: 2, listIds: [2], maxConcurrent: 60, maxCps: 10, startsAt, createdAt: iso(5 * H), updatedAt: iso(4 * H) },
      { trunkPrefix: 'vivo' },
    )
    materialize(feirao)

    add({ name: 'Aviso de corte — abril', audioId: 5, listIds: [2], maxConcurrent: 50, createdAt: iso(30 * 60_000), updatedAt: iso(30 * 60_000) })
  }

  // ---------------------------------------------------------------- http
  const find = (id) => campaigns.find((c) => c.id === id)

  async function route(req, res, url, path, user) {
    const m = req.method
    let match
    const admin = () => {
      if (user.role !== 'admin') throw new Refusal(undefined, 'Só administradores podem fazer isso.', 403, 'forbidden')
    }
    if (path === '/campaigns') {
      if (m === 'GET') return send(res, 200, { items: [...campaigns].sort((a, b) => b.id - a.id).map(publicCampaign) })
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      admin()
      const body = await readJson(req, res)
      if (!body) return
      if (!('name' in body)) refuse('name', 'Informe o nome da campanha.')
      check(body, null)
      const c = add({ ...normalized(body), createdAt: now(), updatedAt: now() })
      record(req, user, 'campaign.create', 'campaign', c.id, { name: c.name })
      broadcast('campaign', 'created', c.id)
      return send(res, 201, publicCampaign(c), { Location: `/api/v1/campaigns/${c.id}` })
    }
    if ((match = /^\/campaigns\/(\d+)(?:\/(start|pause|resume|cancel|attempts|live))?$/.exec(path))) {
      const c = find(Number(match[1]))
      if (!c) return fail(res, 404, 'not_found', 'Campanha não encontrada.')
      const sub = match[2]
      if (!sub) {
        if (m === 'GET') return send(res, 200, publicCampaign(c))
        if (m === 'PATCH') {
          admin()
          const body = await readJson(req, res)
          if (!body) return
          if (c.status === 'completed' || c.status === 'cancelled') throw new Refusal(undefined, `A campanha está ${c.status === 'completed' ? 'concluída' : 'cancelada'} e não pode mais mudar.`, 409, 'conflict')
          if (c.status === 'running') {
            const locked = Object.keys(body).find((k) => !STATUSES_EDITABLE_RUNNING.includes(k))
            if (locked) throw new Refusal(locked, 'Com a campanha em execução só mudam nome, simultâneas, CPS, horário, feriados, término e novas tentativas: pause-a antes.', 409, 'conflict')
          }
          check(body, c)
          Object.assign(c, normalized(body), { updatedAt: now() })
          if ('trunkIds' in body) delete c.trunkPrefix
          c.run.dirty = true
          record(req, user, 'campaign.update', 'campaign', c.id, { fields: Object.keys(body) })
          broadcast('campaign', 'updated', c.id)
          return send(res, 200, publicCampaign(c))
        }
        if (m === 'DELETE') {
          admin()
          if (!['draft', 'completed', 'cancelled'].includes(c.status)) throw new Refusal(undefined, 'Cancele a campanha antes de excluí-la.', 409, 'conflict')
          campaigns.splice(campaigns.indexOf(c), 1)
          record(req, user, 'campaign.delete', 'campaign', c.id, { name: c.name })
          broadcast('campaign', 'deleted', c.id)
          return send(res, 204)
        }
        return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      }
      if (sub === 'attempts' || sub === 'live') {
        if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        if (sub === 'live')
          return send(res, 200, {
            calls: [...c.run.live.values()].map(({ attempt, startedAt, answerAt }) => ({
              attemptId: attempt.id,
              contactId: attempt.contactId,
              number: attempt.number,
              trunkId: attempt.trunkId,
              nodeId: attempt.nodeId,
              state: attempt.answeredAt ? 'up' : Date.now() - startedAt >= 300 ? 'ringing' : 'dialing',
              startedAt: new Date(startedAt).toISOString(),
              answeredAt: answerAt && attempt.answeredAt ? attempt.answeredAt : null,
            })),
            progress: progressOf(c),
          })
        const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50))
        const before = Number(url.searchParams.get('cursor') ?? 0) || Infinity
        const items = []
        for (let i = c.run.attempts.length - 1; i >= 0 && items.length < limit + 1; i--) if (c.run.attempts[i].id < before) items.push(c.run.attempts[i])
        const more = items.length > limit
        if (more) items.pop()
        return send(res, 200, { items, nextCursor: more ? String(items.at(-1).id) : null })
      }
      // Commands
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (sub === 'start' || sub === 'cancel') admin()
      const allowed = { start: ['draft'], pause: ['running', 'scheduled'], resume: ['paused'], cancel: ['draft', 'scheduled', 'running', 'paused'] }[sub]
      const names = { draft: 'rascunho', scheduled: 'agendada', running: 'em execução', paused: 'pausada', completed: 'concluída', cancelled: 'cancelada' }
      if (!allowed.includes(c.status)) throw new Refusal(undefined, `Não é possível ${{ start: 'iniciar', pause: 'pausar', resume: 'retomar', cancel: 'cancelar' }[sub]} uma campanha ${names[c.status]}.`, 409, 'conflict')
      if (sub === 'start' || sub === 'resume') {
        const problems = readinessOf(c)
        if (problems.length) throw new Refusal(undefined, `A campanha ainda não pode ${sub === 'start' ? 'iniciar' : 'ser retomada'}: ${problems.map((p) => p.message).join(' ')}`, 409, 'conflict')
        materialize(c)
      }
      const to = sub === 'pause' ? 'paused' : sub === 'cancel' ? 'cancelled' : c.startsAt && Date.parse(c.startsAt) > Date.now() ? 'scheduled' : 'running'
      transition(c, to, user, req)
      return send(res, 200, publicCampaign(c))
    }
    return fail(res, 404, 'not_found', `No route for ${m} ${path}`)
  }

  async function handle(req, res, url, path) {
    if (path !== '/campaigns' && !path.startsWith('/campaigns/')) return false
    const auth = authenticate(req, res, { write: req.method !== 'GET' })
    if (!auth) return true
    try {
      await route(req, res, url, path, auth.user)
    } catch (err) {
      if (!(err instanceof Refusal)) throw err
      fail(res, err.status, err.code, err.message, err.field)
    }
    return true
  }

  /** What uses an audio, a list, a trunk or a queue (their deletion answers 409 naming it). */
  const live = (c) => c.status !== 'completed' && c.status !== 'cancelled'
  handle.audioUsedBy = (id) => {
    const c = campaigns.find((x) => live(x) && (x.audioId === id || Object.values(x.ivrOptions).some((o) => o.audioId === id)))
    return c ? `campanha "${c.name}"` : null
  }
  handle.listUsedBy = (id) => campaigns.find((x) => live(x) && x.listIds.includes(id))?.name ?? null
  handle.trunkCampaigns = (trunk) => campaigns.filter((x) => live(x) && trunkIdsOf(x).includes(trunk.id)).map((x) => x.name)
  handle.queueCampaigns = (name) => campaigns.filter((x) => live(x) && Object.values(x.ivrOptions).some((o) => o.action === 'queue' && o.target === name)).map((x) => x.name)
  return handle
}
