// Contacts, DNC ("Não Me Perturbe") and import jobs for e2e/mock-server.mjs: an in-memory stand-in
// for the daemon's /contact-lists, /contacts, /dnc and /jobs endpoints of api/openapi.yaml.
// Not the product: files are parsed in memory, phones are checked with simplified Brazilian
// rules instead of libphonenumber, and cursors are offsets. Enough for the UI to be exercised
// end to end: CSV preview (encoding, delimiter, mapping), imports that progress for a few seconds
// with `job` WebSocket messages, cancel, rejected-rows report, export, template.

// ---------------------------------------------------------------- text
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

export function decodeCp1252(buf) {
  let s = ''
  for (const b of buf) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)
  return s
}

/** 'utf-8' when the bytes are valid UTF-8 (a sequence cut at the very end is allowed), else 'windows-1252'. */
export function detectEncoding(buf) {
  for (const cut of [0, 1, 2, 3]) {
    if (cut >= buf.length && cut > 0) break
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, buf.length - cut))
      return 'utf-8'
    } catch {
      /* try with a shorter tail */
    }
  }
  return 'windows-1252'
}

function decode(buf, encoding) {
  if (encoding === 'windows-1252') return decodeCp1252(buf)
  const text = new TextDecoder('utf-8').decode(buf)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** The delimiter that appears most in the first line (outside quotes); ',' when none does. */
export function detectDelimiter(text) {
  const counts = { ';': 0, ',': 0, '\t': 0 }
  let quoted = false
  for (const c of text) {
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && c in counts) counts[c] += 1
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]
  return best[1] > 0 ? best[0] : ','
}

/** CSV records with the physical line each starts on; blank lines skipped. */
export function parseCsv(text, delimiter) {
  const records = []
  let fields = []
  let field = ''
  let quoted = false
  let started = false
  let line = 1
  let startLine = 1
  const end = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '' && !started)) records.push({ line: startLine, fields })
    fields = []
    field = ''
    started = false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (!started && fields.length === 0 && field === '') startLine = line
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"' && field === '') {
      quoted = true
      started = true
    } else if (c === delimiter) {
      fields.push(field)
      field = ''
      started = true
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      end()
      line++
    } else {
      field += c
      started = true
    }
  }
  if (field !== '' || fields.length > 0 || started) end()
  return records
}

const fold = (s) =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9@.+_-]+/g, ' ')
    .trim()

const headerKey = (s) =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')

// ---------------------------------------------------------------- header mapping (as the daemon's)
const SYNONYMS = (() => {
  const m = new Map()
  const add = (kind, names) => names.forEach((n) => m.set(n, kind))
  add('name', ['nome', 'name', 'nomecompleto', 'fullname', 'cliente', 'nomedocliente', 'contato', 'razaosocial', 'devedor', 'nomedevedor', 'destinatario'])
  add('phone', ['telefone', 'fone', 'celular', 'phone', 'mobile', 'tel', 'cel', 'numero', 'whatsapp', 'telefoneprincipal', 'phonenumber', 'number', 'dddtelefone', 'telefonecelular', 'telefonefixo', 'telefoneresidencial', 'telefonecomercial', 'contatotelefonico'])
  for (const i of [1, 2, 3]) add(`phone${i}`, ['telefone', 'fone', 'celular', 'phone', 'tel', 'cel', 'numero', 'mobile'].map((p) => `${p}${i}`))
  add('email', ['email', 'mail', 'correioeletronico', 'emailaddress', 'enderecodeemail'])
  for (const i of [1, 2, 3, 4, 5]) add(`custom${i}`, ['campo', 'custom', 'extra', 'campoextra', 'personalizado', 'info'].map((p) => `${p}${i}`))
  return m
})()

export function mapHeader(header, labels = []) {
  const m = {}
  const set = (f, col) => {
    if (m[f] === undefined) m[f] = col
  }
  const generic = []
  header.forEach((h, col) => {
    const k = headerKey(h)
    if (!k) return
    let matched = false
    labels.forEach((l, i) => {
      if (l && headerKey(l) === k) {
        set(`custom${i + 1}`, col)
        matched = true
      }
    })
    if (matched) return
    const kind = SYNONYMS.get(k)
    if (kind === 'phone') generic.push(col)
    else if (kind) set(kind, col)
  })
  for (const col of generic) {
    const free = ['phone1', 'phone2', 'phone3'].find((f) => m[f] === undefined)
    if (free) m[free] = col
  }
  return m
}

// ---------------------------------------------------------------- phones (simplified rules)
const REGION_CODES = { BR: '55', PT: '351', US: '1', AR: '54', CL: '56', CO: '57', MX: '52', PY: '595', UY: '598' }
const DDD = /^[1-9][1-9]$/

/** {e164, type} or {error: 'empty'|'invalid'|'foreign', reason (Portuguese)} — foreign numbers carry e164 too. */
export function parsePhone(given, { region = 'BR', allowInternational = false, addNinthDigit = false } = {}) {
  const text = String(given ?? '').trim()
  if (/[a-z]/i.test(text)) return { error: 'invalid', reason: 'número com letras' }
  if (/[^\d\s()+./-]/.test(text)) return { error: 'invalid', reason: 'caractere inválido no número' }
  let digits = text.replace(/\D/g, '')
  if (!digits) return { error: 'empty', reason: 'sem telefone' }
  if (digits.length > 17) return { error: 'invalid', reason: 'número longo demais' }
  const plus = text.startsWith('+')
  const home = REGION_CODES[region] ?? '55'
  let cc
  let national
  if (plus) {
    cc = digits.startsWith('55') ? '55' : digits.startsWith('1') ? '1' : digits.startsWith('351') ? '351' : digits.slice(0, 2)
    national = digits.slice(cc.length)
  } else if (region === 'BR') {
    if (digits.startsWith('0') && (digits.length === 11 || digits.length === 12)) digits = digits.slice(1) // trunk 0
    if (digits.startsWith('55') && (digits.length === 12 || digits.length === 13)) digits = digits.slice(2)
    cc = '55'
    national = digits
  } else {
    cc = home
    national = digits.replace(/^0/, '')
  }
  let type = 'other'
  if (cc === '55') {
    if (!DDD.test(national.slice(0, 2))) return { error: 'invalid', reason: 'número inválido' }
    const local = national.slice(2)
    if (local.length === 9 && local[0] === '9') type = 'mobile'
    else if (local.length === 8 && '2345'.includes(local[0])) type = 'fixed'
    else if (local.length === 8 && addNinthDigit && '6789'.includes(local[0])) {
      national = `${national.slice(0, 2)}9${local}`
      type = 'mobile'
    } else return { error: 'invalid', reason: 'número inválido' }
  } else if (cc === '1') {
    if (national.length !== 10 || !/^[2-9]\d\d[2-9]/.test(national)) return { error: 'invalid', reason: 'número inválido' }
    type = 'fixed'
  } else if (national.length < 6 || national.length > 13) return { error: 'invalid', reason: 'número inválido' }
  const e164 = `+${cc}${national}`
  if (cc !== home && !allowInternational) return { error: 'foreign', e164, type, reason: `número de outro país (+${cc})` }
  return { e164, type }
}

// ---------------------------------------------------------------- csv writing
function csvField(v) {
  const s = String(v ?? '')
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
const csvLine = (fields) => fields.map(csvField).join(';')
const csvFile = (rows) => `\ufeff${rows.map(csvLine).join('\r\n')}\r\n`

function formatPhone(e164) {
  const m = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164)
  if (m) return `+55 ${m[1]} ${m[2]}-${m[3]}`
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  if (us) return `+1 ${us[1]}-${us[2]}-${us[3]}`
  return e164
}

// ---------------------------------------------------------------- multipart
/** Parts of a multipart/form-data body: [{name, filename, type, data: Buffer}]. */
export function parseMultipart(body, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  if (!m) return null
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`)
  const parts = []
  let pos = body.indexOf(boundary)
  while (pos >= 0) {
    const start = pos + boundary.length
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break // "--": the end
    const headEnd = body.indexOf('\r\n\r\n', start)
    if (headEnd < 0) break
    const head = body.subarray(start + 2, headEnd).toString('utf8')
    const next = body.indexOf(boundary, headEnd + 4)
    if (next < 0) break
    const data = body.subarray(headEnd + 4, next - 2) // minus the CRLF before the boundary
    const disp = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? ''
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disp)?.[1],
      filename: /\bfilename="([^"]*)"/i.exec(disp)?.[1],
      type: /content-type:\s*([^\r\n]*)/i.exec(head)?.[1],
      data,
    })
    pos = next
  }
  return parts
}

// ---------------------------------------------------------------- fake people
function prng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const FIRST = ['Ana', 'João', 'Maria', 'José', 'Antônio', 'Francisca', 'Carlos', 'Paulo', 'Adriana', 'Juliana', 'Márcia', 'Luiz', 'Fernanda', 'Patrícia', 'Aline', 'Marcos', 'Sandra', 'Rafael', 'Camila', 'Lucas', 'Bruna', 'Rodrigo', 'Letícia', 'Gabriel', 'Cláudia', 'Sebastião', 'Raimunda', 'Thiago', 'Vanessa', 'Édson', 'Conceição', 'Joaquim', 'Luíza', 'Débora', 'Cícero', 'Jéssica']
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Araújo', 'Melo', 'Barbosa', 'Cardoso', 'Rocha', 'Nascimento', 'Conceição', 'Brandão', 'Falcão', 'Gonçalves', 'Assunção']
const DDDS = ['11', '11', '11', '21', '21', '31', '41', '51', '61', '71', '81', '85', '19', '27', '62', '92']

function fakePerson(rand, i, labels) {
  const pick = (a) => a[Math.floor(rand() * a.length)]
  const first = pick(FIRST)
  const name = `${first} ${rand() < 0.35 ? `${pick(LAST)} ` : ''}${pick(LAST)}`
  const ddd = pick(DDDS)
  const mobile = rand() < 0.78
  const local = mobile ? `9${String(Math.floor(rand() * 1e8)).padStart(8, '0')}` : `${2 + Math.floor(rand() * 4)}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`
  const phones = [{ number: `(${ddd}) ${local.slice(0, -4)}-${local.slice(-4)}`, e164: `+55${ddd}${local}`, type: mobile ? 'mobile' : 'fixed' }]
  if (rand() < 0.3) {
    const extra = `${3 + Math.floor(rand() * 2)}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`
    phones.push({ number: `${ddd} ${extra}`, e164: `+55${ddd}${extra}`, type: 'fixed' })
  }
  const email =
    rand() < 0.55
      ? `${fold(first).replace(/\s/g, '')}.${fold(name.split(' ').at(-1)).replace(/\s/g, '')}${i % 97}@${pick(['gmail.com', 'hotmail.com', 'uol.com.br', 'yahoo.com.br', 'outlook.com'])}`
      : null
  const custom = labels.map((l) => {
    if (!l) return null
    const k = headerKey(l)
    if (k === 'cpf') return `${String(Math.floor(rand() * 1e3)).padStart(3, '0')}.${String(Math.floor(rand() * 1e3)).padStart(3, '0')}.${String(Math.floor(rand() * 1e3)).padStart(3, '0')}-${String(Math.floor(rand() * 100)).padStart(2, '0')}`
    if (k.startsWith('valor')) return (50 + rand() * 4950).toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' })
    if (k.startsWith('vencimento') || k.startsWith('data')) return `${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}/0${3 + Math.floor(rand() * 3)}/2025`
    if (k === 'protocolo') return `NPS-${100000 + i}`
    if (k === 'unidade') return pick(['Centro', 'Zona Sul', 'Moema', 'Barra'])
    return null
  })
  return { name, phones, email, custom }
}

// ---------------------------------------------------------------- the api
const JOB_STEPS = 8
const JOB_STEP_MS = 450

/**
 * Returns `handle(req, res, url, path)`: true when it answered the request (a contacts, DNC or
 * jobs path), false otherwise. `h` carries the mock server's helpers.
 */
export function createContactsApi(h) {
  const { authenticate, send, fail, readJson, readBody, broadcast, broadcastMessage, now } = h
  let nextListId = 1
  let nextContactId = 1
  let nextDncId = 1
  let nextJobId = 1
  const lists = [] // {id,name,description,customLabels,createdAt,updatedAt, campaign?}
  const contacts = [] // {id,listId,name,phones,email,custom,createdAt,updatedAt}
  const dnc = [] // {id,e164,source,note,createdAt}
  const dncSet = new Set()
  const jobs = [] // Job + {report?, timer?}
  const iso = (msAgo) => new Date(Date.now() - msAgo).toISOString()

  const publicList = (l) => {
    const { campaign: _c, ...rest } = l
    return { ...rest, contactCount: contacts.reduce((n, c) => n + (c.listId === l.id ? 1 : 0), 0) }
  }
  const publicContact = (c) => ({ ...c, dnc: dncSet.has(c.phones[0]?.e164) })
  const publicJob = ({ report: _r, timer: _t, apply: _a, cancel: _c, ...j }) => j

  function addList(name, description, customLabels, ago = 0) {
    const l = { id: nextListId++, name, description, customLabels: Array.from({ length: 5 }, (_, i) => customLabels?.[i] ?? null), createdAt: iso(ago), updatedAt: iso(ago / 3) }
    lists.push(l)
    return l
  }
  function addContact(listId, { name, phones, email, custom }, ago = 0) {
    const c = { id: nextContactId++, listId, name: name ?? null, phones, email: email ?? null, custom: Array.from({ length: 5 }, (_, i) => custom?.[i] ?? null), createdAt: iso(ago), updatedAt: iso(ago) }
    contacts.push(c)
    return c
  }
  function addDnc(e164, source, note, ago = 0) {
    const d = { id: nextDncId++, e164, source, note: note ?? null, createdAt: iso(ago) }
    dnc.push(d)
    dncSet.add(e164)
    return d
  }

  // ---- seed: lists of a collections call center, DNC numbers, past and running imports
  const DAY = 86_400_000
  const seeds = [
    ['Cobrança março — carteira A', 'Clientes com parcelas em atraso de 5 a 30 dias', ['CPF', 'Valor em aberto', 'Vencimento'], 2480, 9 * DAY],
    ['Renegociação abril', 'Base completa do feirão de renegociação', ['CPF', 'Valor em aberto'], 12500, 5 * DAY],
    ['Pesquisa de satisfação NPS', 'Atendimentos de fevereiro', ['Protocolo'], 640, 12 * DAY],
    ['Lembrete de consulta — Clínica Vida', null, ['Data da consulta', 'Unidade'], 85, 2 * DAY],
    ['Teste interno', 'Ramais da equipe para testar áudios', [], 3, 1 * DAY],
  ]
  const rand = prng(20250315)
  for (const [name, description, labels, count, ago] of seeds) {
    const l = addList(name, description, labels, ago)
    const full = Array.from({ length: 5 }, (_, i) => labels[i] ?? null)
    for (let i = 0; i < count; i++) addContact(l.id, fakePerson(rand, i, full), ago - (i % 500) * 1000)
  }
  lists[2].campaign = 'Pesquisa NPS — março'
  const notes = ['Pediu pelo SAC', 'Reclamação no Procon', 'Cliente falecido (informado pela família)', null, 'Pediu na ligação', null, 'Número de empresa']
  const dncSources = ['manual', 'import', 'ivr', 'ivr', 'import']
  for (let i = 0; i < 44; i++) {
    // Some DNC numbers belong to seeded contacts, so that lists show "Não ligar".
    const c = contacts[Math.floor(rand() * contacts.length)]
    addDnc(c.phones[0].e164, dncSources[i % dncSources.length], notes[i % notes.length], (i + 1) * 3_600_000)
  }
  dnc.sort((x, y) => y.createdAt.localeCompare(x.createdAt)) // newest first

  function newJob(kind, listId, fileName, total, ago = 0) {
    const j = { id: nextJobId++, kind, status: 'queued', processed: 0, total, result: null, error: null, listId, fileName, createdAt: iso(ago), startedAt: null, finishedAt: null }
    jobs.unshift(j)
    return j
  }
  {
    const done = newJob('contact-import', 1, 'carteira-A-marco.csv', 311_420, 9 * DAY)
    Object.assign(done, { status: 'completed', processed: done.total, startedAt: iso(9 * DAY - 1000), finishedAt: iso(9 * DAY - 9000) })
    done.report = csvFile([
      ['line', 'reason', 'Nome', 'Telefone', 'CPF'],
      [18, 'número inválido: (11) 1234-567', 'Cláudio Mendes', '(11) 1234-567', '012.345.678-90'],
      [233, 'número de outro país (+1): +1 650 253 0000', 'John Smith', '+1 650 253 0000', ''],
      [410, 'duplicado no arquivo (mesmo telefone da linha 77)', 'Ana Souza', '(21) 99876-5432', '123.456.789-00'],
    ])
    done.result = { rows: 2512, imported: 2480, updated: 0, duplicates: 30, invalid: 1, foreign: 1, dnc: 12, rejectedReport: `/api/v1/jobs/${done.id}/report` }
    const failed = newJob('contact-import', 1, 'carteira-A-marco.xlsx.csv', 48_000, 9 * DAY - 60_000)
    Object.assign(failed, { status: 'failed', processed: 4096, startedAt: failed.createdAt, finishedAt: failed.createdAt, error: 'O arquivo não parece ser um CSV: há bytes nulos no início (é uma planilha .xlsx renomeada?). Salve como CSV no Excel e importe de novo.' })
    const dncDone = newJob('dnc-import', null, 'procon-bloqueados.csv', 9_800, 3 * DAY)
    Object.assign(dncDone, { status: 'completed', processed: dncDone.total, startedAt: dncDone.createdAt, finishedAt: dncDone.createdAt })
    dncDone.result = { rows: 30, imported: 28, updated: 0, duplicates: 2, invalid: 0, foreign: 0, dnc: 0, rejectedReport: null }
    // A long import still running into "Renegociação abril": it advances for a while, live.
    const running = newJob('contact-import', 2, 'renegociacao-abril-lote2.csv', 4_812_000, 40_000)
    Object.assign(running, { status: 'running', startedAt: iso(38_000), processed: 812_000 })
    running.apply = () => ({ rows: 41_006, imported: 40_210, updated: 0, duplicates: 512, invalid: 221, foreign: 63, dnc: 97, rejectedReport: null })
    running.report = csvFile([['line', 'reason', 'Nome', 'Telefone']])
    running.result = null
    const tick = () => {
      if (running.status !== 'running') return
      running.processed = Math.min(running.total, running.processed + 26_000)
      if (running.processed >= running.total) {
        Object.assign(running, { status: 'completed', finishedAt: now(), result: running.apply() })
        running.result.rejectedReport = `/api/v1/jobs/${running.id}/report`
      }
      broadcastMessage({ type: 'job', job: publicJob(running) })
      if (running.status === 'running') running.timer = setTimeout(tick, 1000)
    }
    running.timer = setTimeout(tick, 1000)
    running.timer.unref?.()
  }

  // ---- import processing
  function analyse(buf, opts, labels) {
    const encoding = opts.encoding ?? detectEncoding(buf)
    const text = decode(buf, encoding)
    const delimiter = opts.delimiter ?? detectDelimiter(text)
    const records = parseCsv(text, delimiter)
    const hasHeader = opts.hasHeader ?? true
    const header = hasHeader ? (records.shift()?.fields ?? []) : []
    const mapping = { ...(hasHeader ? mapHeader(header, labels) : {}), ...(opts.mapping ?? {}) }
    return { encoding, delimiter, records, header, hasHeader, mapping }
  }

  /**
   * Runs the import rules on every row (as the daemon's importer does): what to write and the
   * result; nothing is written yet. Throws an Error with the Portuguese reason when the file
   * cannot be imported at all.
   */
  function plan(job, buf, opts) {
    const list = job.listId ? lists.find((l) => l.id === job.listId) : null
    const { records, header, hasHeader, mapping } = analyse(buf, opts, list?.customLabels ?? [])
    if (hasHeader && mapping.phone1 === undefined)
      throw new Error(`nenhuma coluna de telefone no cabeçalho (${header.map((h) => `"${h}"`).join(', ')}): chame a coluna de "telefone" ou indique-a no mapeamento`)
    if (!hasHeader && mapping.phone1 === undefined) mapping.phone1 = 0
    const phoneOpts = { region: opts.region ?? 'BR', allowInternational: opts.allowInternational ?? false, addNinthDigit: opts.addNinthDigit ?? false }
    const dncKind = job.kind === 'dnc-import'
    const r = { rows: 0, imported: 0, updated: 0, duplicates: 0, invalid: 0, foreign: 0, dnc: 0, rejectedReport: null }
    const rejected = []
    const writes = []
    const seen = new Map() // e164 → line
    const existing = new Set()
    if (list) for (const c of contacts) if (c.listId === list.id) existing.add(c.phones[0]?.e164)
    let expected = header.length
    const reject = (line, reason, fields, counter) => {
      r[counter] += 1
      rejected.push([line, reason, ...fields])
    }
    for (const { line, fields } of records) {
      r.rows += 1
      if (expected === 0) expected = fields.length
      if (fields.length > expected && fields.slice(expected).some((f) => f.trim())) {
        reject(line, `colunas a mais: ${fields.length} em vez de ${expected} (um separador dentro de um campo sem aspas?)`, fields, 'invalid')
        continue
      }
      if (fields.length < expected) {
        reject(line, `colunas a menos: ${fields.length} em vez de ${expected}`, fields, 'invalid')
        continue
      }
      const col = (f) => (mapping[f] === undefined ? '' : (fields[mapping[f]] ?? '').trim())
      // Every phone column is tried; the first valid number is the contact's first phone.
      const phones = []
      let problem = null
      for (const f of ['phone1', 'phone2', 'phone3']) {
        const given = col(f)
        if (!given) continue
        const p = parsePhone(given, phoneOpts)
        if (p.error) {
          problem ??= { ...p, reason: `${p.reason}: ${given}` }
          continue
        }
        if (!phones.some((x) => x.e164 === p.e164)) phones.push({ number: given, e164: p.e164, type: p.type })
        if (dncKind) break
      }
      if (!phones.length) {
        if (!problem) reject(line, 'sem telefone', fields, 'invalid')
        else reject(line, problem.reason, fields, problem.error === 'foreign' ? 'foreign' : 'invalid')
        continue
      }
      const e164 = phones[0].e164
      if (seen.has(e164)) {
        reject(line, `duplicado no arquivo (mesmo telefone da linha ${seen.get(e164)})`, fields, 'duplicates')
        continue
      }
      seen.set(e164, line)
      if (dncKind) {
        if (dncSet.has(e164)) reject(line, 'já está na lista Não Me Perturbe', fields, 'duplicates')
        else {
          r.imported += 1
          writes.push({ dnc: e164 })
        }
        continue
      }
      const email = col('email').toLowerCase()
      const data = {
        name: col('name') || null,
        phones,
        email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
        custom: [1, 2, 3, 4, 5].map((i) => col(`custom${i}`) || null),
      }
      if (existing.has(e164)) {
        if (opts.onDuplicate === 'update') {
          r.updated += 1
          writes.push({ update: e164, data })
        } else reject(line, 'já existe na lista (mesmo primeiro telefone)', fields, 'duplicates')
        continue
      }
      r.imported += 1
      if (dncSet.has(e164)) r.dnc += 1
      writes.push({ create: data })
    }
    if (r.duplicates + r.invalid + r.foreign > 0) {
      rejected.sort((a, b) => a[0] - b[0])
      const width = Math.max(header.length, ...records.map((x) => x.fields.length), 0)
      const titles = hasHeader ? header : Array.from({ length: width }, (_, i) => `coluna ${i + 1}`)
      job.report = csvFile([['line', 'reason', ...titles], ...rejected])
      r.rejectedReport = `/api/v1/jobs/${job.id}/report`
    }
    return { result: r, writes }
  }

  function write(job, writes) {
    for (const w of writes) {
      if (w.dnc) addDnc(w.dnc, 'import', job.fileName ? `Importado de ${job.fileName}` : null)
      else if (w.create) addContact(job.listId, w.create)
      else if (w.update) {
        const c = contacts.find((x) => x.listId === job.listId && x.phones[0]?.e164 === w.update)
        if (c) Object.assign(c, w.data, { updatedAt: now() })
      }
    }
    if (job.kind === 'dnc-import') {
      dnc.sort((x, y) => y.createdAt.localeCompare(x.createdAt))
      broadcast('dnc', 'created', job.id)
    } else {
      const list = lists.find((l) => l.id === job.listId)
      if (list) list.updatedAt = now()
      broadcast('contact', 'created', job.id)
    }
  }

  /** Queued, then JOB_STEPS progress messages, then the result; cancel keeps what was written. */
  function run(job, buf, opts) {
    let planned
    try {
      planned = plan(job, buf, opts)
    } catch (err) {
      // Like the daemon: the job is accepted, then fails with the reason.
      job.timer = setTimeout(() => {
        Object.assign(job, { status: 'failed', startedAt: now(), error: `Não foi possível importar: ${err?.message ?? err}.`, finishedAt: now() })
        broadcastMessage({ type: 'job', job: publicJob(job) })
      }, 600)
      return
    }
    let step = 0
    let written = 0
    const tick = () => {
      if (job.status === 'cancelled') return
      if (step === 0) Object.assign(job, { status: 'running', startedAt: now() })
      step += 1
      job.processed = Math.round((job.total * step) / JOB_STEPS)
      const upto = Math.round((planned.writes.length * step) / JOB_STEPS)
      write(job, planned.writes.slice(written, upto))
      written = upto
      if (step >= JOB_STEPS) Object.assign(job, { status: 'completed', result: planned.result, finishedAt: now() })
      broadcastMessage({ type: 'job', job: publicJob(job) })
      if (job.status === 'running') job.timer = setTimeout(tick, JOB_STEP_MS)
    }
    job.cancel = () => {
      clearTimeout(job.timer)
      const done = written / Math.max(1, planned.writes.length)
      const part = (n) => Math.round(n * done)
      const r = planned.result
      job.result = { ...r, imported: part(r.imported), updated: part(r.updated) }
    }
    broadcastMessage({ type: 'job', job: publicJob(job) })
    job.timer = setTimeout(tick, 600)
  }

  // ---- query helpers
  const pageOf = (items, url) => {
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50))
    let offset = 0
    const cursor = url.searchParams.get('cursor')
    if (cursor) {
      try {
        offset = JSON.parse(Buffer.from(cursor, 'base64url').toString()).o
      } catch {
        return null
      }
    }
    const slice = items.slice(offset, offset + limit)
    const next = offset + limit < items.length ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null
    return { items: slice, nextCursor: next }
  }

  function searchContacts(listId, p) {
    let items = contacts.filter((c) => c.listId === listId)
    const q = (p.get('q') ?? '').trim()
    if (q) {
      const digits = q.replace(/\D/g, '')
      const phoneLike = /^[\d\s()+.-]+$/.test(q) && digits.length >= 2
      const words = fold(q).split(/\s+/).filter(Boolean)
      const fq = fold(q)
      items = items.filter((c) => {
        if (phoneLike) return c.phones.some((ph) => ph.e164.includes(digits.replace(/^0/, '')))
        const nameWords = fold(c.name).split(/\s+/)
        if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) return true
        return Boolean(c.email && c.email.toLowerCase().startsWith(fq))
      })
    }
    if (p.get('name')) {
      const words = fold(p.get('name')).split(/\s+/)
      items = items.filter((c) => words.every((w) => fold(c.name).split(/\s+/).some((n) => n.startsWith(w))))
    }
    if (p.get('phone')) {
      const digits = p.get('phone').replace(/\D/g, '')
      items = items.filter((c) => c.phones.some((ph) => ph.e164.includes(digits)))
    }
    if (p.get('email')) items = items.filter((c) => (c.email ?? '').toLowerCase().startsWith(p.get('email').toLowerCase()))
    if (p.get('type')) items = items.filter((c) => c.phones[0]?.type === p.get('type'))
    if (p.get('dnc') === 'true' || p.get('dnc') === 'false') items = items.filter((c) => dncSet.has(c.phones[0]?.e164) === (p.get('dnc') === 'true'))
    const field = Number(p.get('field'))
    if (field >= 1 && field <= 5 && p.get('value')) {
      const v = fold(p.get('value'))
      items = items.filter((c) => fold(c.custom[field - 1]).includes(v))
    }
    const sort = p.get('sort') ?? 'id'
    const key = sort.replace(/^-/, '')
    const coll = new Intl.Collator('pt-BR', { sensitivity: 'base' })
    const val = { id: (c) => c.id, name: (c) => c.name, phone: (c) => c.phones[0]?.e164, email: (c) => c.email }[key]
    if (!val) return null
    items = [...items].sort((a, b) => {
      const x = val(a)
      const y = val(b)
      if (x == null || y == null) return x == null && y == null ? a.id - b.id : x == null ? 1 : -1
      const d = typeof x === 'number' ? x - y : coll.compare(x, y)
      return d || a.id - b.id
    })
    if (sort.startsWith('-')) items.reverse()
    return items
  }

  function validateList(body, partial) {
    const known = ['name', 'description', 'customLabels']
    for (const k of Object.keys(body)) if (!known.includes(k)) return [k, `Unknown field ${k}`]
    if ((!partial || 'name' in body) && (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 120)) return ['name', 'O nome deve ter de 1 a 120 caracteres.']
    if ('description' in body && body.description !== null && (typeof body.description !== 'string' || body.description.length > 1000)) return ['description', 'Descrição longa demais.']
    if ('customLabels' in body) {
      if (!Array.isArray(body.customLabels) || body.customLabels.length > 5) return ['customLabels', 'Até 5 rótulos.']
      const bad = body.customLabels.findIndex((l) => l !== null && (typeof l !== 'string' || l.length > 60))
      if (bad >= 0) return [`customLabels.${bad}`, 'Rótulo longo demais.']
    }
    return null
  }

  /** Contact body → {data} or {error: [status, code, message, field]}. */
  function contactFrom(body, list, partial, current) {
    const known = ['name', 'phones', 'email', 'custom', 'region', 'allowInternational']
    for (const k of Object.keys(body)) if (!known.includes(k)) return { error: [422, 'validation', `Unknown field ${k}`, k] }
    const data = {}
    if ('name' in body) {
      if (body.name !== null && (typeof body.name !== 'string' || body.name.length > 200)) return { error: [422, 'validation', 'Nome longo demais.', 'name'] }
      data.name = body.name?.trim() || null
    }
    if (!partial || 'phones' in body) {
      if (!Array.isArray(body.phones) || body.phones.length < 1 || body.phones.length > 3) return { error: [422, 'validation', 'Informe de 1 a 3 telefones.', 'phones'] }
      const phones = []
      for (const [i, text] of body.phones.entries()) {
        const p = parsePhone(text, { region: body.region ?? 'BR', allowInternational: body.allowInternational ?? false })
        if (p.error === 'foreign')
          return { error: [422, 'validation', `Telefone ${i + 1}: ${p.reason}. Marque "aceitar números internacionais" para incluí-lo.`, 'phones'] }
        if (p.error) return { error: [422, 'validation', `Telefone ${i + 1}: ${p.reason}.`, 'phones'] }
        if (phones.some((x) => x.e164 === p.e164)) return { error: [422, 'validation', `Telefone ${i + 1} repetido.`, 'phones'] }
        phones.push({ number: text, e164: p.e164, type: p.type })
      }
      const clash = contacts.find((c) => c.listId === list.id && c !== current && c.phones[0]?.e164 === phones[0].e164)
      if (clash)
        return { error: [409, 'conflict', current ? 'Outro contato desta lista já tem este telefone como primeiro.' : 'Esta lista já tem um contato com este telefone.', 'phones'] }
      data.phones = phones
    }
    if ('email' in body) {
      if (body.email !== null && (typeof body.email !== 'string' || (body.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email)))) return { error: [422, 'validation', 'E-mail inválido.', 'email'] }
      data.email = body.email?.trim() || null
    }
    if ('custom' in body) {
      if (!Array.isArray(body.custom) || body.custom.length > 5) return { error: [422, 'validation', 'Até 5 campos.', 'custom'] }
      data.custom = Array.from({ length: 5 }, (_, i) => body.custom[i] ?? null)
    }
    return { data }
  }

  async function readMultipart(req, res) {
    const body = await readBody(req, res, 64 << 20)
    if (!body) return null
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      fail(res, 415, 'unsupported_media_type', 'Send multipart/form-data')
      return null
    }
    const parts = parseMultipart(body, req.headers['content-type'])
    const file = parts?.find((p) => p.name === 'file')
    if (!file) {
      fail(res, 422, 'validation', 'O campo file é obrigatório.', 'file')
      return null
    }
    if (file.data.subarray(0, 4096).includes(0)) {
      fail(res, 422, 'validation', 'O arquivo não parece ser um CSV (há bytes nulos).', 'file')
      return null
    }
    let options = {}
    const opt = parts.find((p) => p.name === 'options')
    if (opt) {
      try {
        options = JSON.parse(opt.data.toString('utf8'))
      } catch {
        fail(res, 400, 'bad_request', 'options is not JSON', 'options')
        return null
      }
    }
    return { file, options }
  }

  function startImport(res, kind, list, parsed) {
    const { file, options } = parsed
    if (options.region && !/^[A-Z]{2}$/.test(options.region)) return fail(res, 422, 'validation', 'A região deve ter duas letras maiúsculas (ex.: BR).', 'options.region')
    if (options.onDuplicate && !['skip', 'update'].includes(options.onDuplicate)) return fail(res, 422, 'validation', 'onDuplicate deve ser skip ou update.', 'options.onDuplicate')
    const job = newJob(kind, list?.id ?? null, file.filename || 'arquivo.csv', file.data.length)
    run(job, file.data, options)
    broadcast('job', 'created', job.id)
    return send(res, 202, publicJob(job), { Location: `/api/v1/jobs/${job.id}` })
  }

  // ---------------------------------------------------------------- routes
  /** For the campaigns mock: a list, the contacts of lists, the DNC list (an IVR opt-out adds to it). */
  handle.list = (id) => {
    const l = lists.find((x) => x.id === id)
    return l ? publicList(l) : null
  }
  handle.contactsOf = (listIds) => contacts.filter((c) => listIds.includes(c.listId))
  handle.isDnc = (e164) => dncSet.has(e164)
  handle.addDnc = (e164, note) => {
    if (dncSet.has(e164)) return
    const d = addDnc(e164, 'ivr', note)
    dnc.sort((x, y) => y.createdAt.localeCompare(x.createdAt))
    broadcast('dnc', 'created', d.id)
  }
  return handle

  async function handle(req, res, url, path) {
    const isContacts = path === '/contact-lists' || path.startsWith('/contact-lists/') || path.startsWith('/contacts/')
    const isDnc = path === '/dnc' || path.startsWith('/dnc/')
    const isJobs = path === '/jobs' || path.startsWith('/jobs/')
    if (!isContacts && !isDnc && !isJobs) return false
    if (authenticate(req, res, { write: req.method !== 'GET' })) await route(req, res, url, path)
    return true
  }

  async function route(req, res, url, path) {
    const m = req.method
    let match

    // ---- contact lists
    if (path === '/contact-lists') {
      if (m === 'GET') {
        const q = fold(url.searchParams.get('q') ?? '')
        const items = lists
          .filter((l) => !q || fold(l.name).includes(q))
          .sort((x, y) => y.id - x.id)
          .map(publicList)
        const page = pageOf(items, url)
        return page ? send(res, 200, page) : fail(res, 400, 'bad_request', 'Bad cursor', 'cursor')
      }
      if (m === 'POST') {
        const body = await readJson(req, res)
        if (!body) return true
        const bad = validateList(body, false)
        if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
        if (lists.some((l) => fold(l.name) === fold(body.name))) return fail(res, 409, 'conflict', 'Já existe uma lista com este nome.', 'name')
        const l = addList(body.name.trim(), body.description?.trim() || null, body.customLabels)
        broadcast('contact-list', 'created', l.id)
        return send(res, 201, publicList(l), { Location: `/api/v1/contact-lists/${l.id}` })
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }
    if (path === '/contact-lists/template.csv') {
      if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="modelo-contatos.csv"' })
      return res.end(
        csvFile([
          ['Nome', 'Telefone', 'Celular', 'E-mail', 'Campo 1', 'Campo 2'],
          ['João da Silva', '(11) 3456-7890', '(11) 98765-4321', 'joao@exemplo.com.br', '123.456.789-00', 'R$ 150,00'],
          ['Maria Souza', '', '(21) 99876-5432', '', '', ''],
        ]),
      )
    }
    if (path === '/contact-lists/import-preview') {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      const parsed = await readMultipart(req, res)
      if (!parsed) return true
      const buf = parsed.file.data.subarray(0, 262_144)
      const { encoding, delimiter, records, header, mapping } = analyse(buf, { hasHeader: true }, [])
      // The last record of a cut sample may be incomplete: leave it out when the sample was cut.
      const rows = (parsed.file.data.length >= 262_144 ? records.slice(0, -1) : records).slice(0, 10).map((r) => r.fields)
      return send(res, 200, { encoding, delimiter, header, rows, mapping })
    }
    if ((match = path.match(/^\/contact-lists\/(\d+)(\/contacts|\/contacts\/delete|\/import|\/export)?$/))) {
      const list = lists.find((l) => l.id === Number(match[1]))
      if (!list) return fail(res, 404, 'not_found', 'Lista não encontrada.')
      const sub = match[2]
      if (!sub) {
        if (m === 'GET') return send(res, 200, publicList(list))
        if (m === 'PATCH') {
          const body = await readJson(req, res)
          if (!body) return true
          const bad = validateList(body, true)
          if (bad) return fail(res, 422, 'validation', bad[1], bad[0])
          if (body.name && lists.some((l) => l !== list && fold(l.name) === fold(body.name))) return fail(res, 409, 'conflict', 'Já existe uma lista com este nome.', 'name')
          if ('name' in body) list.name = body.name.trim()
          if ('description' in body) list.description = body.description?.trim() || null
          if ('customLabels' in body) list.customLabels = Array.from({ length: 5 }, (_, i) => body.customLabels[i] || null)
          list.updatedAt = now()
          broadcast('contact-list', 'updated', list.id)
          return send(res, 200, publicList(list))
        }
        if (m === 'DELETE') {
          const usedBy = list.campaign ?? h.listUsedBy?.(list.id)
          if (usedBy) return fail(res, 409, 'conflict', `A lista é usada pela campanha "${usedBy}": tire-a da campanha antes de excluí-la.`)
          if (jobs.some((j) => j.listId === list.id && (j.status === 'queued' || j.status === 'running')))
            return fail(res, 409, 'conflict', 'Há uma importação em andamento nesta lista: espere terminar ou cancele-a antes de excluir.')
          lists.splice(lists.indexOf(list), 1)
          for (let i = contacts.length - 1; i >= 0; i--) if (contacts[i].listId === list.id) contacts.splice(i, 1)
          broadcast('contact-list', 'deleted', list.id)
          return send(res, 204)
        }
        return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      }
      if (sub === '/contacts') {
        if (m === 'GET') {
          const items = searchContacts(list.id, url.searchParams)
          if (!items) return fail(res, 400, 'bad_request', 'Bad sort', 'sort')
          const page = pageOf(items, url)
          if (!page) return fail(res, 400, 'bad_request', 'Bad cursor', 'cursor')
          return send(res, 200, { ...page, items: page.items.map(publicContact) })
        }
        if (m === 'POST') {
          const body = await readJson(req, res)
          if (!body) return true
          const r = contactFrom(body, list, false, null)
          if (r.error) return fail(res, r.error[0], r.error[1], r.error[2], r.error[3])
          const c = addContact(list.id, r.data)
          list.updatedAt = now()
          broadcast('contact', 'created', c.id)
          return send(res, 201, publicContact(c))
        }
        return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      }
      if (sub === '/contacts/delete') {
        if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        const body = await readJson(req, res)
        if (!body) return true
        if (!Array.isArray(body.ids) || body.ids.length > 10_000 || body.ids.some((x) => !Number.isInteger(x)))
          return fail(res, 422, 'validation', 'ids: até 10000 números inteiros.', 'ids')
        const ids = new Set(body.ids)
        let deleted = 0
        for (let i = contacts.length - 1; i >= 0; i--)
          if (contacts[i].listId === list.id && ids.has(contacts[i].id)) {
            contacts.splice(i, 1)
            deleted += 1
          }
        list.updatedAt = now()
        broadcast('contact', 'deleted', list.id)
        return send(res, 200, { deleted })
      }
      if (sub === '/import') {
        if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        const parsed = await readMultipart(req, res)
        if (!parsed) return true
        return startImport(res, 'contact-import', list, parsed)
      }
      if (sub === '/export') {
        if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        const labels = list.customLabels.map((l, i) => l ?? `Campo ${i + 1}`)
        const rows = [['Nome', 'Telefone 1', 'Telefone 2', 'Telefone 3', 'E-mail', ...labels, 'Não ligar']]
        for (const c of contacts)
          if (c.listId === list.id)
            rows.push([c.name, ...[0, 1, 2].map((i) => (c.phones[i] ? formatPhone(c.phones[i].e164) : '')), c.email, ...c.custom, dncSet.has(c.phones[0]?.e164) ? 'sim' : ''])
        const slug = fold(list.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'lista'
        res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${slug}.csv"` })
        return res.end(csvFile(rows))
      }
    }
    if ((match = path.match(/^\/contacts\/(\d+)$/))) {
      const c = contacts.find((x) => x.id === Number(match[1]))
      if (!c) return fail(res, 404, 'not_found', 'Contato não encontrado.')
      if (m === 'GET') return send(res, 200, publicContact(c))
      if (m === 'PATCH') {
        const body = await readJson(req, res)
        if (!body) return true
        const list = lists.find((l) => l.id === c.listId)
        const r = contactFrom(body, list, true, c)
        if (r.error) return fail(res, r.error[0], r.error[1], r.error[2], r.error[3])
        Object.assign(c, r.data, { updatedAt: now() })
        list.updatedAt = now()
        broadcast('contact', 'updated', c.id)
        return send(res, 200, publicContact(c))
      }
      if (m === 'DELETE') {
        contacts.splice(contacts.indexOf(c), 1)
        broadcast('contact', 'deleted', c.id)
        return send(res, 204)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }

    // ---- DNC
    if (path === '/dnc') {
      if (m === 'GET') {
        const digits = (url.searchParams.get('q') ?? '').replace(/\D/g, '').replace(/^0/, '')
        const page = pageOf(dnc.filter((d) => !digits || d.e164.includes(digits)), url)
        return page ? send(res, 200, page) : fail(res, 400, 'bad_request', 'Bad cursor', 'cursor')
      }
      if (m === 'POST') {
        const body = await readJson(req, res)
        if (!body) return true
        if (typeof body.number !== 'string') return fail(res, 422, 'validation', 'Informe o número.', 'number')
        if (body.note != null && (typeof body.note !== 'string' || body.note.length > 500)) return fail(res, 422, 'validation', 'Observação longa demais.', 'note')
        const p = parsePhone(body.number, { region: body.region ?? 'BR', allowInternational: true })
        if (p.error) return fail(res, 422, 'validation', `Número inválido (${p.reason}): confira o DDD e os dígitos.`, 'number')
        if (dncSet.has(p.e164)) return fail(res, 409, 'conflict', 'Este número já está na lista Não Me Perturbe.', 'number')
        const d = addDnc(p.e164, 'manual', body.note?.trim() || null)
        dnc.sort((x, y) => y.createdAt.localeCompare(x.createdAt))
        broadcast('dnc', 'created', d.id)
        return send(res, 201, d)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed')
    }
    if (path === '/dnc/check') {
      const p = parsePhone(url.searchParams.get('number') ?? '', { allowInternational: true })
      if (p.error) return fail(res, 422, 'validation', p.reason, 'number')
      return send(res, 200, { e164: p.e164, dnc: dncSet.has(p.e164) })
    }
    if (path === '/dnc/import') {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      const parsed = await readMultipart(req, res)
      if (!parsed) return true
      return startImport(res, 'dnc-import', null, parsed)
    }
    if ((match = path.match(/^\/dnc\/(\d+)$/))) {
      if (m !== 'DELETE') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      const i = dnc.findIndex((d) => d.id === Number(match[1]))
      if (i < 0) return fail(res, 404, 'not_found', 'Número não encontrado.')
      dncSet.delete(dnc[i].e164)
      dnc.splice(i, 1)
      broadcast('dnc', 'deleted', match[1])
      return send(res, 204)
    }

    // ---- jobs
    if (path === '/jobs') {
      if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      const p = url.searchParams
      const items = jobs
        .filter((j) => !p.get('kind') || j.kind === p.get('kind'))
        .filter((j) => !p.get('listId') || j.listId === Number(p.get('listId')))
        .map(publicJob)
      const page = pageOf(items, url)
      return page ? send(res, 200, page) : fail(res, 400, 'bad_request', 'Bad cursor', 'cursor')
    }
    if ((match = path.match(/^\/jobs\/(\d+)(\/cancel|\/report)?$/))) {
      const job = jobs.find((j) => j.id === Number(match[1]))
      if (!job) return fail(res, 404, 'not_found', 'Importação não encontrada.')
      if (!match[2]) return m === 'GET' ? send(res, 200, publicJob(job)) : fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (match[2] === '/cancel') {
        if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
        if (job.status === 'queued' || job.status === 'running') {
          job.cancel?.()
          clearTimeout(job.timer)
          Object.assign(job, { status: 'cancelled', finishedAt: now() })
          broadcastMessage({ type: 'job', job: publicJob(job) })
        }
        return send(res, 200, publicJob(job))
      }
      if (m !== 'GET') return fail(res, 405, 'method_not_allowed', 'Method not allowed')
      if (!job.report) return fail(res, 404, 'not_found', 'Esta importação não rejeitou linhas.')
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="linhas-rejeitadas-${job.id}.csv"` })
      return res.end(job.report)
    }
    return fail(res, 404, 'not_found', `No route for ${m} ${url.pathname}`)
  }
}
