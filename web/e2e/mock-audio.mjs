// The audio library for e2e/mock-server.mjs: an in-memory stand-in for the daemon's /audio
// endpoints of api/openapi.yaml. Not the product: there is no real decoder. Uploads are "decoded"
// from their headers (WAV: fmt/data chunks; MP3: MPEG-1 Layer III frames; FLAC: STREAMINFO;
// OGG Vorbis: first and last pages; raw GSM by name and size) and refused like the daemon refuses
// them (not audio, more than 2 channels, too long, empty), after a short "conversion" delay.
// What /file serves is a WAV made here: a PCM 16-bit upload mixed to mono, otherwise a sound
// synthesised from the waveform (a voice-like buzz for campaign messages, chords for music on
// hold), so playback works in a browser and what is heard follows what is drawn.
//
// Delivery to the PBX nodes (`delivery`, POST /audio/{id}/deliver) follows the daemon's rules:
// `directory` nodes (and music on hold on any node) get `<soundsDir>/campaign/audio-<id>.wav`
// and `.wav16` (`moh/audio-<id>/` for music on hold) after a short delay, `http` nodes fetch
// `mediaUrl` (refused when TORPEDO_PUBLIC_URL is loopback and the node is not). Files are really
// written only under the system's temporary directory (so e2e/audio-upload.mjs can look at them
// against the mock too); anywhere else the mock only pretends.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { makeMp3, mp3GranuleBits, pcm16Peaks, readMp3, readWavHeader, wavFromSamples } from './audio-fixtures.mjs'
import { parseMultipart } from './mock-contacts.mjs'

const MAX_BYTES = 50 << 20 // the mock's TORPEDO_AUDIO_MAX_MB
const LIMIT_SECONDS = { campaign: 600, moh: 3600 }
const PEAKS = 800
// As the daemon's: 64 hex characters (the URL's only credential).
const mediaToken = () => randomBytes(32).toString('hex')
// How long "writing" a node's files takes: long enough to see "Entregando…".
const DELIVERY_DELAY_MS = 1500
const TMP = resolve(tmpdir())
const isLoopback = (host) => host === 'localhost' || host === '::1' || host.startsWith('127.') || host === 'ip6-localhost'

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

const r3 = (v) => Math.round(v * 1000) / 1000

/** A voice's envelope: syllables in words, words in sentences, with breaths between. */
function speechPeaks(seed, n = PEAKS) {
  const rand = prng(seed)
  const out = []
  while (out.length < n) {
    const words = 3 + Math.floor(rand() * 6)
    for (let w = 0; w < words && out.length < n; w++) {
      const syllables = 1 + Math.floor(rand() * 3)
      for (let s = 0; s < syllables; s++) {
        const len = 5 + Math.floor(rand() * 6)
        const loud = 0.35 + rand() * 0.35
        for (let i = 0; i < len; i++) out.push(r3(Math.sin(((i + 0.5) / len) * Math.PI) * loud * (0.85 + rand() * 0.15)))
      }
      for (let i = 0, gap = 1 + Math.floor(rand() * 3); i < gap; i++) out.push(r3(0.01 + rand() * 0.02))
    }
    for (let i = 0, pause = 8 + Math.floor(rand() * 10); i < pause; i++) out.push(r3(0.005 + rand() * 0.01))
  }
  out.length = n
  const max = Math.max(...out)
  return out.map((v) => r3((v / max) * 0.708))
}

/** Music's envelope: steady, with beats and phrases. */
function musicPeaks(seed, n = PEAKS) {
  const rand = prng(seed)
  const out = []
  for (let i = 0; i < n; i++) {
    const phrase = 0.75 + 0.25 * Math.sin((i / n) * Math.PI * 6 + seed)
    const beat = 0.8 + 0.2 * Math.abs(Math.sin(i * 0.55))
    out.push(r3(Math.min(0.708, (0.42 + rand() * 0.12) * phrase * beat + 0.12)))
  }
  const fade = 12
  for (let i = 0; i < fade; i++) {
    out[i] = r3((out[i] * (i + 1)) / fade)
    out[n - 1 - i] = r3((out[n - 1 - i] * (i + 1)) / fade)
  }
  return out
}

/** Samples (Int16, mono) following `peaks` over `seconds`: a voice-like buzz or chords. */
function synthesize(peaks, seconds, kind, rate = 16000) {
  const frames = Math.max(1, Math.round(seconds * rate))
  const out = new Int16Array(frames)
  const chords = [
    [261.63, 329.63, 392.0],
    [220.0, 261.63, 329.63],
    [174.61, 220.0, 261.63],
    [196.0, 246.94, 293.66],
  ]
  let phase = 0
  for (let i = 0; i < frames; i++) {
    const t = i / rate
    const pos = (i / frames) * peaks.length
    const k = Math.min(peaks.length - 1, Math.floor(pos))
    const next = Math.min(peaks.length - 1, k + 1)
    const amp = peaks.length ? peaks[k] + (peaks[next] - peaks[k]) * (pos - k) : 0
    let x
    if (kind === 'moh') {
      const chord = chords[Math.floor(t / 2) % chords.length]
      const note = chord[Math.floor(t * 4) % 3]
      x = 0.5 * Math.sin(2 * Math.PI * note * t) + 0.25 * Math.sin(2 * Math.PI * chord[0] * t) + 0.15 * Math.sin(4 * Math.PI * note * t)
    } else {
      const f0 = 165 + 25 * Math.sin(t * 3.1) + 10 * Math.sin(t * 7.3)
      phase += (2 * Math.PI * f0) / rate
      x = 0.55 * Math.sin(phase) + 0.25 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase) + 0.08 * Math.sin(5 * phase)
    }
    out[i] = Math.round(Math.max(-1, Math.min(1, x * amp)) * 32767)
  }
  return out
}

function mixToMono(buf, wav) {
  const frames = Math.floor(wav.dataBytes / (2 * wav.channels))
  const out = new Int16Array(frames)
  for (let f = 0; f < frames; f++) {
    let sum = 0
    for (let c = 0; c < wav.channels; c++) sum += buf.readInt16LE(wav.dataOffset + (f * wav.channels + c) * 2)
    out[f] = Math.round(sum / wav.channels)
  }
  return out
}

/** Peaks of an MP3 from how many bits each granule spends: silence costs (almost) none. */
function mp3Peaks(buf) {
  const bits = mp3GranuleBits(buf)
  const per = Math.max(1, Math.ceil(bits.length / PEAKS))
  const out = []
  for (let i = 0; i < bits.length; i += per) out.push(Math.max(...bits.slice(i, i + per)))
  const max = Math.max(0, ...out)
  return out.map((v) => r3(max > 0 ? (v / max) * 0.708 : 0))
}

function readFlac(buf) {
  if (buf.length < 42 || buf.toString('latin1', 0, 4) !== 'fLaC') return null
  const b = buf.subarray(8 + 10) // STREAMINFO after the 4-byte block header
  const sampleRate = (b[0] << 12) | (b[1] << 4) | (b[2] >> 4)
  const channels = ((b[2] >> 1) & 7) + 1
  const total = (b[3] & 0x0f) * 2 ** 32 + b.readUInt32BE(4)
  return { format: 'FLAC', sampleRate, channels, durationMs: sampleRate ? Math.round((total / sampleRate) * 1000) : 0 }
}

function readOgg(buf) {
  if (buf.length < 64 || buf.toString('latin1', 0, 4) !== 'OggS') return null
  const id = buf.indexOf('\x01vorbis', 0, 'latin1')
  if (id < 0) return { format: 'OGG', sampleRate: 48000, channels: 2, durationMs: 0 }
  const channels = buf[id + 11]
  const sampleRate = buf.readUInt32LE(id + 12)
  const last = buf.lastIndexOf('OggS', buf.length - 1, 'latin1')
  const granule = Number(buf.readBigUInt64LE(last + 6))
  return { format: 'OGG (Vorbis)', sampleRate, channels, durationMs: sampleRate ? Math.round((granule / sampleRate) * 1000) : 0 }
}

class Refused extends Error {}

/** What the daemon's decoder would say about `data`: {format, ext, sampleRate, channels, durationMs, peaks, pcm?}. */
function decode(data, fileName, kind) {
  let info = null
  const wav = readWavHeader(data)
  if (wav) {
    if (wav.truncated) throw new Refused('o arquivo está truncado: o cabeçalho anuncia mais áudio do que o arquivo contém; envie o arquivo completo')
    const pcm = wav.codec === 1 && wav.bitsPerSample === 16 && wav.channels <= 2
    info = { format: wav.format, ext: 'wav', sampleRate: wav.sampleRate, channels: wav.channels, durationMs: wav.durationMs, peaks: pcm ? pcm16Peaks(data, wav, PEAKS) : null, pcm: pcm ? mixToMono(data, wav) : null }
  } else if (readMp3(data)) {
    const mp3 = readMp3(data)
    info = { ...mp3, ext: 'mp3', peaks: mp3Peaks(data) }
  } else if (readFlac(data)) info = { ...readFlac(data), ext: 'flac' }
  else if (readOgg(data)) info = { ...readOgg(data), ext: 'ogg' }
  else if (/\.gsm$/i.test(fileName) && data.length > 0 && data.length % 33 === 0)
    info = { format: 'GSM 6.10 (bruto, do Asterisk)', ext: 'gsm', sampleRate: 8000, channels: 1, durationMs: Math.round(((data.length / 33) * 160) / 8) }
  if (!info)
    throw new Refused(
      'não é um arquivo de áudio reconhecido (aceitos: WAV, MP3, OGG, FLAC e GSM do Asterisk); confira se é mesmo uma gravação e não outro arquivo renomeado',
    )
  if (info.channels < 1) throw new Refused('o arquivo não tem nenhum canal de áudio')
  if (info.channels > 2) throw new Refused(`o áudio tem ${info.channels} canais: envie uma gravação mono ou estéreo`)
  if (info.sampleRate < 4000 || info.sampleRate > 192000)
    throw new Refused(`taxa de amostragem de ${info.sampleRate} Hz fora do aceito (4 000 a 192000 Hz)`)
  if (!(info.durationMs > 0)) throw new Refused('o áudio está vazio (duração zero)')
  const minutes = (s) => `${Math.floor(Math.round(s) / 60)} min ${Math.round(s) % 60} s`
  if (info.durationMs / 1000 > LIMIT_SECONDS[kind])
    throw new Refused(`o áudio dura ${minutes(info.durationMs / 1000)}, mais que o máximo de ${minutes(LIMIT_SECONDS[kind])}`)
  if (!info.peaks) info.peaks = kind === 'moh' ? musicPeaks(info.durationMs) : speechPeaks(info.durationMs)
  return info
}

const TYPES = { mp3: 'audio/mpeg', ogg: 'audio/ogg', flac: 'audio/flac', wav: 'audio/wav' }

/**
 * h: the mock server's helpers, plus `pbxNodes()` (its nodes: id, name, amiHost, enabled,
 * mediaMode, soundsDir) and `publicUrl` (TORPEDO_PUBLIC_URL: the daemon's default is its own
 * address), and optionally `usedBy(id)` (what else uses an audio, e.g. a queue: deleting it
 * answers 409). The returned handler also has `nodesChanged()`, to call after a node is created,
 * changed or deleted, `serveMedia(req, res, url)` for the public GET /media/{token}/{id}.wav and
 * `find(id)` ({id, name, kind} or null).
 */
export function createAudioApi(h) {
  const { authenticate, send, fail, readJson, readBody, broadcast, now } = h
  const pbxNodes = h.pbxNodes ?? (() => [])
  const publicUrl = (h.publicUrl ?? '').replace(/\/+$/, '')
  let nextId = 1
  const audios = [] // Audio + {original: Buffer|null, ext, pcm: Int16Array|null, usedBy: string|null, wav: {16000?: Buffer, 8000?: Buffer}}
  const iso = (msAgo) => new Date(Date.now() - msAgo).toISOString()
  const DAY = 86_400_000

  const mediaUrlOf = (a) => (publicUrl ? `${publicUrl}/media/${a.mediaToken}/${a.id}.wav` : null)

  // ---- delivery to the nodes (see the header)
  const written = new Map() // `${audioId}:${nodeId}` -> {location, state, error, updatedAt, real, sizes}
  const timers = new Map() // same key -> timeout of a delivery under way
  const rowKey = (a, node) => `${a.id}:${node.id}`
  const throughDirectory = (node, a) => node.mediaMode !== 'http' || a.kind === 'moh'
  const placement = (soundsDir, a) => (a.kind === 'moh' ? join(soundsDir, 'moh', `audio-${a.id}`) : join(soundsDir, 'campaign'))
  const isReal = (dir) => resolve(dir).startsWith(TMP + sep)
  const sizeOf = (file) => (existsSync(file) ? statSync(file).size : -1)

  function writeFiles(a, node) {
    const location = placement(node.soundsDir, a)
    const base = join(location, `audio-${a.id}`)
    const real = isReal(location)
    try {
      let sizes = null
      if (real) {
        mkdirSync(location, { recursive: true })
        writeFileSync(`${base}.wav`, wavOf(a, 8000))
        writeFileSync(`${base}.wav16`, wavOf(a, 16000))
        sizes = [sizeOf(`${base}.wav`), sizeOf(`${base}.wav16`)]
      }
      written.set(rowKey(a, node), { location, state: 'delivered', error: null, updatedAt: now(), real, sizes })
    } catch (err) {
      written.set(rowKey(a, node), {
        location,
        state: 'failed',
        error: `Não foi possível gravar em ${location} (${err.code ?? err.message}). Verifique se o diretório existe, está montado e aceita escrita pelo usuário do Torpedo.`,
        updatedAt: now(),
        real,
        sizes: null,
      })
    }
  }

  function removeFiles(row, audioId) {
    if (!row?.real) return
    const base = join(row.location, `audio-${audioId}`)
    rmSync(`${base}.wav`, { force: true })
    rmSync(`${base}.wav16`, { force: true })
    if (row.location.endsWith(`audio-${audioId}`)) rmSync(row.location, { recursive: true, force: true })
  }

  /** Writes `a` to `node` in a moment, then tells the pages (a `change` message). */
  function schedule(a, node) {
    const key = rowKey(a, node)
    if (timers.has(key)) return
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key)
        const current = pbxNodes().find((n) => n.id === node.id)
        if (!audios.includes(a) || !current?.enabled || !current.soundsDir || !throughDirectory(current, a)) return
        writeFiles(a, current)
        broadcast('audio', 'updated', a.id)
      }, DELIVERY_DELAY_MS),
    )
  }

  /** One node's entry of `delivery`, as the daemon judges it. */
  function judge(a, node) {
    const d = { nodeId: node.id, nodeName: node.name, playback: null, error: null, updatedAt: null }
    if (!throughDirectory(node, a)) {
      const url = mediaUrlOf(a) ?? ''
      const host = publicUrl ? new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') : ''
      if (!url) return { ...d, mode: 'http', state: 'failed', location: '', error: 'Defina TORPEDO_PUBLIC_URL com um endereço que o Asterisk alcance.' }
      if (isLoopback(host) && !isLoopback(node.amiHost))
        return {
          ...d,
          mode: 'http',
          state: 'failed',
          location: url,
          error: `TORPEDO_PUBLIC_URL (${publicUrl}) só é alcançável nesta máquina, e o Asterisk de ${node.name} está em ${node.amiHost}: defina TORPEDO_PUBLIC_URL com um endereço que ele alcance.`,
        }
      return { ...d, mode: 'http', state: 'delivered', location: url, playback: url }
    }
    if (!node.soundsDir)
      return {
        ...d,
        mode: 'directory',
        state: 'failed',
        location: '',
        error:
          a.kind === 'moh'
            ? 'A música de espera precisa de um diretório de sons neste servidor: informe-o em Servidores.'
            : 'Este servidor não tem diretório de sons: informe-o em Servidores, ou escolha a entrega por URL.',
      }
    const location = placement(node.soundsDir, a)
    const row = written.get(rowKey(a, node))
    if (!row || row.location !== location) {
      schedule(a, node)
      return { ...d, mode: 'directory', state: 'pending', location }
    }
    if (row.state !== 'delivered') return { ...d, mode: 'directory', state: 'failed', location, error: row.error, updatedAt: row.updatedAt }
    const base = join(location, `audio-${a.id}`)
    if (row.real && (sizeOf(`${base}.wav`) !== row.sizes[0] || sizeOf(`${base}.wav16`) !== row.sizes[1])) {
      written.delete(rowKey(a, node))
      schedule(a, node)
      return { ...d, mode: 'directory', state: 'pending', location, error: `Os arquivos não estão mais em ${location}; entregando de novo.` }
    }
    return { ...d, mode: 'directory', state: 'delivered', location, playback: base, updatedAt: row.updatedAt }
  }

  const deliveryOf = (a) => pbxNodes().filter((n) => n.enabled).map((n) => judge(a, n))

  /** After a node change: forget (and remove) what no longer applies, deliver the rest anew. */
  function nodesChanged() {
    const nodes = pbxNodes()
    for (const [key, row] of written) {
      const [audioId, nodeId] = key.split(':').map(Number)
      const a = audios.find((x) => x.id === audioId)
      const node = nodes.find((n) => n.id === nodeId)
      if (a && node?.soundsDir && throughDirectory(node, a) && placement(node.soundsDir, a) === row.location) continue
      removeFiles(row, audioId)
      written.delete(key)
    }
    for (const a of audios) deliveryOf(a)
  }

  const toPublic = (full) => {
    const { original: _o, ext: _e, pcm: _p, usedBy: _u, wav: _w, mediaToken: _t, ...a } = full
    return { ...a, mediaUrl: mediaUrlOf(full), delivery: deliveryOf(full) }
  }

  function add(fields, extra) {
    const a = { id: nextId++, description: null, ...fields, wav: {}, usedBy: null, pcm: null, original: null, mediaToken: mediaToken(), ...extra }
    audios.push(a)
    return a
  }

  // ---- seed: a collections call center's messages and a few songs for the queues
  const seeds = [
    ['Cobrança D+5 — voz feminina', 'campaign', 'Lembrete amigável de parcela vencida há 5 dias. Locução: Carla.', 'MP3', 44100, 2, 38_400, 12 * DAY, 'campanha "Cobrança D+5 — março"'],
    ['Cobrança D+15 — proposta de acordo', 'campaign', 'Oferece desconto à vista e transfere para a fila Negociação.', 'WAV (PCM 16 bits)', 48000, 2, 52_900, 9 * DAY, null],
    ['Lembrete de consulta — Clínica Vida', 'campaign', null, 'MP3', 22050, 1, 24_100, 6 * DAY, null],
    ['Pesquisa NPS — pergunta 1', 'campaign', 'De 0 a 10, quanto você recomendaria… (tecle a nota)', 'WAV (PCM 16 bits)', 8000, 1, 11_600, 4 * DAY, null],
    ['Aviso de corte — 24 h', 'campaign', 'Urgente: regularize até amanhã para evitar a suspensão.', 'MP3', 44100, 1, 19_800, 2 * DAY, null],
    ['Espera — violão instrumental', 'moh', 'Trilha livre de direitos, volume normalizado.', 'MP3', 44100, 2, 200_300, 20 * DAY, 'fila "Negociação"'],
    ['Espera — piano suave', 'moh', null, 'WAV (PCM 16 bits)', 44100, 2, 145_000, 15 * DAY, null],
    ['Espera — institucional com avisos', 'moh', 'Música com locução dos canais digitais a cada 40 s.', 'MP3', 32000, 1, 96_500, 1 * DAY, null],
  ]
  for (const [name, kind, description, format, sampleRate, channels, durationMs, ago, usedBy] of seeds) {
    const seconds = durationMs / 1000
    const bytesPerSecond = format === 'MP3' ? (channels === 2 ? 16_000 : 8_000) : sampleRate * channels * 2
    add(
      { name, kind, description, format, durationMs, sampleRate, channels, sizeBytes: Math.round(seconds * bytesPerSecond), sha256: '', peaks: [], createdAt: iso(ago), updatedAt: iso(ago) },
      { usedBy, ext: format === 'MP3' ? 'mp3' : 'wav' },
    )
  }
  for (const a of audios) {
    a.peaks = a.kind === 'moh' ? musicPeaks(a.id * 7919) : speechPeaks(a.id * 7919)
    a.sha256 = createHash('sha256').update(a.name).digest('hex')
  }
  audios.sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id - x.id)

  function wavOf(a, rate) {
    if (!a.wav[rate]) {
      // A PCM upload is served as it is (mixed to mono); anything else is synthesised from its waveform.
      a.wav[rate] = a.pcm ? wavFromSamples(a.pcm, a.sampleRate, 1) : wavFromSamples(synthesize(a.peaks, a.durationMs / 1000, a.kind, rate), rate, 1)
    }
    return a.wav[rate]
  }

  function originalOf(a) {
    if (a.original) return a.original
    // Seeds: an MP3 that beeps where the waveform is loud, or the WAV.
    if (a.ext === 'mp3') return makeMp3({ seconds: a.durationMs / 1000, beep: (t) => (a.peaks[Math.floor((t / (a.durationMs / 1000)) * a.peaks.length)] ?? 0) > 0.1 })
    return wavOf(a, 16000)
  }

  /** Bytes with Range support (browsers seek in <audio> with it). */
  function sendBytes(req, res, bytes, type, fileName) {
    const headers = {
      'Content-Type': type,
      'Accept-Ranges': 'bytes',
      'Content-Disposition': `inline; filename="${fileName}"`,
      'Cache-Control': 'private, max-age=3600',
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
    if (range && (range[1] || range[2])) {
      let start = range[1] ? Number(range[1]) : Math.max(0, bytes.length - Number(range[2]))
      let end = range[1] && range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1
      if (start >= bytes.length || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` })
        return res.end()
      }
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${bytes.length}`, 'Content-Length': end - start + 1 })
      return res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1))
    }
    res.writeHead(200, { ...headers, 'Content-Length': bytes.length })
    return res.end(req.method === 'HEAD' ? undefined : bytes)
  }

  const fold = (s) =>
    String(s ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()

  function checkName(raw) {
    const name = String(raw ?? '').trim()
    if (!name) return [null, 'Informe o nome do áudio.']
    if (Buffer.byteLength(name) > 120) return [null, 'Nome longo demais (máximo 120 caracteres).']
    if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return [null, 'O nome não pode ter caracteres de controle.']
    if (/[\\/]/.test(name)) return [null, 'O nome não pode ter barras (/ ou \\): use só letras, números e espaços.']
    return [name, null]
  }

  const page = (items, url) => {
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50))
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0
    return { items: items.slice(offset, offset + limit).map(toPublic), nextCursor: offset + limit < items.length ? String(offset + limit) : null }
  }

  async function route(req, res, url, path, actor) {
    const m = req.method
    if (path === '/audio') {
      if (m === 'GET') {
        const kind = url.searchParams.get('kind')
        if (kind && kind !== 'campaign' && kind !== 'moh') return fail(res, 422, 'validation', 'kind deve ser campaign ou moh.', 'kind')
        const q = fold(url.searchParams.get('q') ?? '').trim()
        return send(res, 200, page(audios.filter((a) => (!kind || a.kind === kind) && (!q || fold(a.name).includes(q))), url))
      }
      if (m === 'POST') {
        if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data'))
          return fail(res, 415, 'unsupported_media_type', 'Envie o arquivo como multipart/form-data, no campo "file".')
        const body = await readBody(req, res, MAX_BYTES)
        if (!body) return
        const parts = parseMultipart(body, req.headers['content-type'])
        const field = (n) => parts?.find((p) => p.name === n && p.filename === undefined)?.data.toString('utf8')
        const file = parts?.find((p) => p.name === 'file')
        if (!file) return fail(res, 422, 'validation', 'Envie o arquivo no campo "file".', 'file')
        if (file.data.length === 0) return fail(res, 422, 'validation', 'O arquivo está vazio: escolha o arquivo de novo.', 'file')
        const kind = (field('kind') ?? 'campaign').trim()
        if (kind !== 'campaign' && kind !== 'moh') return fail(res, 422, 'validation', 'Tipo inválido: use campaign (mensagem de campanha) ou moh (música de espera).', 'kind')
        const [name, nameError] = checkName(field('name') ?? (file.filename ?? '').replace(/\.[^.]*$/, ''))
        if (nameError) return fail(res, 422, 'validation', nameError, 'name')
        const description = field('description')?.trim() || null
        if (description && description.length > 1000) return fail(res, 422, 'validation', 'Descrição longa demais (máximo 1000 caracteres).', 'description')
        if (audios.some((a) => a.kind === kind && a.name === name)) return fail(res, 409, 'conflict', 'Já existe um áudio com este nome.', 'name')
        // Decoding and transcoding take a moment on the daemon.
        await new Promise((r) => setTimeout(r, 900 + Math.min(2500, file.data.length / 2000)))
        let info
        try {
          info = decode(file.data, file.filename ?? '', kind)
        } catch (err) {
          if (err instanceof Refused) return fail(res, 422, 'validation', `Não foi possível usar este áudio: ${err.message}.`, 'file')
          throw err
        }
        if (audios.some((a) => a.kind === kind && a.name === name)) return fail(res, 409, 'conflict', 'Já existe um áudio com este nome.', 'name')
        const t = now()
        const a = add(
          {
            name,
            kind,
            description,
            format: info.format,
            durationMs: info.durationMs,
            sampleRate: info.sampleRate,
            channels: info.channels,
            sizeBytes: file.data.length,
            sha256: createHash('sha256').update(file.data).digest('hex'),
            peaks: info.peaks,
            createdAt: t,
            updatedAt: t,
          },
          { original: Buffer.from(file.data), ext: info.ext, pcm: info.pcm ?? null },
        )
        audios.sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id - x.id)
        h.record?.(req, actor, 'audio.create', 'audio', a.id, { name, kind, format: a.format, durationMs: a.durationMs })
        broadcast('audio', 'created', a.id)
        return send(res, 201, toPublic(a), { Location: `/api/v1/audio/${a.id}` })
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed', undefined, { Allow: 'GET, POST' })
    }

    let match = /^\/audio\/(\d+)$/.exec(path)
    if (match) {
      const a = audios.find((x) => x.id === Number(match[1]))
      if (!a) return fail(res, 404, 'not_found', 'Áudio não encontrado.')
      if (m === 'GET') return send(res, 200, toPublic(a))
      if (m === 'PATCH') {
        const body = await readJson(req, res)
        if (!body) return
        const unknown = Object.keys(body).find((k) => k !== 'name' && k !== 'description')
        if (unknown) return fail(res, 422, 'validation', `Campo desconhecido: ${unknown}.`, unknown)
        let name = a.name
        if ('name' in body) {
          const [n, err] = checkName(body.name)
          if (err) return fail(res, 422, 'validation', err, 'name')
          name = n
        }
        if (audios.some((x) => x.id !== a.id && x.kind === a.kind && x.name === name)) return fail(res, 409, 'conflict', 'Já existe um áudio com este nome.', 'name')
        if ('description' in body) {
          if (body.description !== null && typeof body.description !== 'string') return fail(res, 422, 'validation', 'description deve ser texto ou null.', 'description')
          if ((body.description ?? '').length > 1000) return fail(res, 422, 'validation', 'Descrição longa demais (máximo 1000 caracteres).', 'description')
          a.description = body.description?.trim() || null
        }
        a.name = name
        a.updatedAt = now()
        h.record?.(req, actor, 'audio.update', 'audio', a.id, { name })
        broadcast('audio', 'updated', a.id)
        return send(res, 200, toPublic(a))
      }
      if (m === 'DELETE') {
        const usedBy = a.usedBy ?? h.usedBy?.(a.id) ?? null
        if (usedBy) return fail(res, 409, 'conflict', `Este áudio é usado por ${usedBy}: troque o áudio lá antes de excluí-lo.`)
        audios.splice(audios.indexOf(a), 1)
        // And from the nodes' sounds directories.
        for (const [key, row] of written) {
          if (!key.startsWith(`${a.id}:`)) continue
          removeFiles(row, a.id)
          written.delete(key)
          clearTimeout(timers.get(key))
          timers.delete(key)
        }
        h.record?.(req, actor, 'audio.delete', 'audio', a.id, { name: a.name })
        broadcast('audio', 'deleted', a.id)
        return send(res, 204)
      }
      return fail(res, 405, 'method_not_allowed', 'Method not allowed', undefined, { Allow: 'GET, PATCH, DELETE' })
    }

    match = /^\/audio\/(\d+)\/revoke-url$/.exec(path)
    if (match) {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed', undefined, { Allow: 'POST' })
      const a = audios.find((x) => x.id === Number(match[1]))
      if (!a) return fail(res, 404, 'not_found', 'Áudio não encontrado.')
      a.mediaToken = mediaToken()
      a.updatedAt = now()
      h.record?.(req, actor, 'audio.revoke-url', 'audio', a.id, { name: a.name })
      broadcast('audio', 'updated', a.id)
      return send(res, 200, toPublic(a))
    }

    match = /^\/audio\/(\d+)\/deliver$/.exec(path)
    if (match) {
      if (m !== 'POST') return fail(res, 405, 'method_not_allowed', 'Method not allowed', undefined, { Allow: 'POST' })
      const a = audios.find((x) => x.id === Number(match[1]))
      if (!a) return fail(res, 404, 'not_found', 'Áudio não encontrado.')
      // Writes again now to every enabled node that takes files, failed ones included.
      await new Promise((r) => setTimeout(r, 400))
      for (const node of pbxNodes()) {
        if (!node.enabled || !node.soundsDir || !throughDirectory(node, a)) continue
        clearTimeout(timers.get(rowKey(a, node)))
        timers.delete(rowKey(a, node))
        writeFiles(a, node)
      }
      broadcast('audio', 'updated', a.id)
      return send(res, 200, toPublic(a))
    }

    match = /^\/audio\/(\d+)\/file$/.exec(path)
    if (match) {
      if (m !== 'GET' && m !== 'HEAD') return fail(res, 405, 'method_not_allowed', 'Method not allowed', undefined, { Allow: 'GET' })
      const a = audios.find((x) => x.id === Number(match[1]))
      if (!a) return fail(res, 404, 'not_found', 'Áudio não encontrado.')
      const variant = url.searchParams.get('variant') ?? 'wav16'
      if (variant === 'wav16') return sendBytes(req, res, wavOf(a, 16000), 'audio/wav', `audio-${a.id}.wav`)
      if (variant === 'wav8') return sendBytes(req, res, wavOf(a, 8000), 'audio/wav', `audio-${a.id}.wav`)
      if (variant === 'original') {
        const ext = a.original ? a.ext : a.ext === 'mp3' ? 'mp3' : 'wav'
        return sendBytes(req, res, originalOf(a), TYPES[ext] ?? 'application/octet-stream', `audio-${a.id}.${ext}`)
      }
      return fail(res, 422, 'validation', 'variant deve ser wav16, wav8 ou original.', 'variant')
    }
    return fail(res, 404, 'not_found', `No route for ${m} ${url.pathname}`)
  }

  async function handle(req, res, url, path) {
    if (path !== '/audio' && !path.startsWith('/audio/')) return false
    const auth = authenticate(req, res, { write: req.method !== 'GET' && req.method !== 'HEAD' })
    if (auth) await route(req, res, url, path, auth.user)
    return true
  }

  /** The public GET /media/{token}/{id}.wav that Asterisk fetches: no session, the token is the credential. */
  function serveMedia(req, res, url) {
    const match = /^\/media\/([0-9a-f]{64})\/(\d+)\.wav$/.exec(url.pathname)
    const a = match && audios.find((x) => x.mediaToken === match[1] && x.id === Number(match[2]))
    if (!a) return fail(res, 404, 'not_found', 'Mídia não encontrada.')
    return sendBytes(req, res, wavOf(a, 8000), 'audio/wav', `${a.id}.wav`)
  }

  handle.nodesChanged = nodesChanged
  handle.serveMedia = serveMedia
  /** {id, name, kind} of an audio, or null (the telephony mock checks a queue's audio with it). */
  /** An audio as GET /audio/{id} answers it (with its delivery), or null. */
  handle.publicAudio = (id) => {
    const a = audios.find((x) => x.id === id)
    return a ? toPublic(a) : null
  }
  handle.find = (id) => {
    const a = audios.find((x) => x.id === id)
    return a ? { id: a.id, name: a.name, kind: a.kind } : null
  }
  return handle
}
