// Audio files made here, without any encoder or network: a PCM WAV with tones, and a real MP3
// (MPEG-1 Layer III) built frame by frame. Used by e2e/audio-upload.mjs (uploads) and
// e2e/mock-server.mjs (what its /audio/{id}/file serves, and how it "decodes" uploads).

// ---------------------------------------------------------------- WAV
/** A canonical 44-byte-header PCM WAV around `samples` (Int16Array, interleaved). */
export function wavFromSamples(samples, sampleRate, channels = 1) {
  const dataBytes = samples.length * 2
  const buf = Buffer.alloc(44 + dataBytes)
  buf.write('RIFF', 0, 'ascii')
  buf.writeUInt32LE(36 + dataBytes, 4)
  buf.write('WAVE', 8, 'ascii')
  buf.write('fmt ', 12, 'ascii')
  buf.writeUInt32LE(16, 16)
  buf.writeUInt16LE(1, 20) // PCM
  buf.writeUInt16LE(channels, 22)
  buf.writeUInt32LE(sampleRate, 24)
  buf.writeUInt32LE(sampleRate * channels * 2, 28)
  buf.writeUInt16LE(channels * 2, 32)
  buf.writeUInt16LE(16, 34)
  buf.write('data', 36, 'ascii')
  buf.writeUInt32LE(dataBytes, 40)
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i], 44 + i * 2)
  return buf
}

/**
 * A voice-like test recording: a 220 Hz buzz with harmonics, shaped by `envelope(t)` (0–1, t in
 * seconds). Default envelope: "syllables" of ~0.25 s with short pauses, so the waveform has shape.
 */
export function makeToneWav({ seconds = 2, sampleRate = 16000, channels = 1, envelope = syllables } = {}) {
  const frames = Math.round(seconds * sampleRate)
  const samples = new Int16Array(frames * channels)
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate
    const x = Math.sin(2 * Math.PI * 220 * t) * 0.6 + Math.sin(2 * Math.PI * 440 * t) * 0.25 + Math.sin(2 * Math.PI * 660 * t) * 0.15
    const v = Math.round(Math.max(-1, Math.min(1, x * envelope(t) * 0.8)) * 32767)
    for (let c = 0; c < channels; c++) samples[i * channels + c] = v
  }
  return wavFromSamples(samples, sampleRate, channels)
}

export function syllables(t) {
  const period = 0.32
  const phase = (t % period) / period
  const word = 0.55 + 0.45 * Math.abs(Math.sin(t * 2.1))
  return phase < 0.78 ? Math.sin((phase / 0.78) * Math.PI) * word : 0
}

/** What a WAV header says: {format, sampleRate, channels, bitsPerSample, durationMs, dataOffset, dataBytes}, or null. */
export function readWavHeader(buf) {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null
  let pos = 12
  let fmt = null
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4)
    const size = buf.readUInt32LE(pos + 4)
    const body = pos + 8
    if (id === 'fmt ' && body + 16 <= buf.length) {
      fmt = {
        codec: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        blockAlign: buf.readUInt16LE(body + 12),
        bitsPerSample: buf.readUInt16LE(body + 14),
      }
    } else if (id === 'data' && fmt) {
      const dataBytes = Math.min(size, buf.length - body)
      const frames = fmt.blockAlign > 0 ? Math.floor(dataBytes / fmt.blockAlign) : 0
      const codecName = { 1: `PCM ${fmt.bitsPerSample} bits`, 3: 'ponto flutuante 32 bits', 6: 'A-law', 7: 'µ-law', 49: 'GSM 6.10' }[fmt.codec]
      return {
        format: codecName ? `WAV (${codecName})` : 'WAV',
        ...fmt,
        frames,
        durationMs: fmt.sampleRate > 0 ? Math.round((frames / fmt.sampleRate) * 1000) : 0,
        dataOffset: body,
        dataBytes,
        truncated: size > buf.length - body,
      }
    }
    pos = body + size + (size & 1)
  }
  return null
}

/** Up to `buckets` peak values (0–1) of 16-bit PCM data, channels mixed. */
export function pcm16Peaks(buf, { dataOffset, dataBytes, channels }, buckets = 800) {
  const frames = Math.floor(dataBytes / (2 * channels))
  const per = Math.max(1, Math.ceil(frames / buckets))
  const peaks = []
  let peak = 0
  for (let f = 0; f < frames; f++) {
    let sum = 0
    for (let c = 0; c < channels; c++) sum += buf.readInt16LE(dataOffset + (f * channels + c) * 2)
    peak = Math.max(peak, Math.abs(sum / channels) / 32768)
    if ((f + 1) % per === 0) {
      peaks.push(peak)
      peak = 0
    }
  }
  if (frames % per !== 0) peaks.push(peak)
  const max = Math.max(0, ...peaks)
  // The daemon normalises to -3 dBFS: peaks are relative to that.
  return peaks.map((p) => (max > 0 ? Math.round((p / max) * 0.708 * 1000) / 1000 : 0))
}

// ---------------------------------------------------------------- MP3
/**
 * A real MP3: MPEG-1 Layer III, 32 kHz, 32 kbit/s, mono, no CRC; each 144-byte frame holds two
 * granules of 576 spectral lines. A "beep" granule has a single line set (line 15 ≈ 430 Hz),
 * Huffman-coded in the count1 region with table B (4 bits per quadruple, the value's bits
 * inverted, then one sign bit per non-zero value); a silent granule codes nothing
 * (part2_3_length 0). No scalefactors (scalefac_compress 0), no bit reservoir
 * (main_data_begin 0); the rest of each frame is zero padding. Any decoder plays it: an ~430 Hz
 * tone where `beep(t)` is true, silence elsewhere.
 */
export function makeMp3({ seconds = 2, beep = (t) => t % 0.5 < 0.3 } = {}) {
  const SAMPLE_RATE = 32000
  const FRAME_BYTES = 144 // 144 * bitrate / sample rate
  const LINE = 15
  const frames = Math.max(1, Math.round((seconds * SAMPLE_RATE) / 1152))
  const out = Buffer.alloc(frames * FRAME_BYTES)
  for (let f = 0; f < frames; f++) {
    const w = bitWriter(out, f * FRAME_BYTES)
    // header: sync, MPEG-1, Layer III, no CRC | 32 kbit/s, 32 kHz, no padding | mono, original
    for (const b of [0xff, 0xfb, 0x18, 0xc4]) w.put(b, 8)
    const granules = [0, 1].map((g) => beep((f * 1152 + g * 576) / SAMPLE_RATE))
    // Quadruples 0…3 cover lines 0…15: three empty ones, then (0,0,0,1) and its sign bit.
    const quads = Math.floor(LINE / 4) + 1
    const bits = (on) => (on ? quads * 4 + 1 : 0)
    // side information (17 bytes)
    w.put(0, 9) // main_data_begin
    w.put(0, 5) // private bits
    w.put(0, 4) // scfsi
    for (const on of granules) {
      w.put(bits(on), 12) // part2_3_length
      w.put(0, 9) // big_values
      w.put(on ? 206 : 0, 8) // global_gain
      w.put(0, 4) // scalefac_compress
      w.put(0, 1) // window_switching_flag
      w.put(0, 15) // table_select ×3
      w.put(0, 4) // region0_count
      w.put(0, 3) // region1_count
      w.put(0, 1) // preflag
      w.put(0, 1) // scalefac_scale
      w.put(1, 1) // count1table_select: table B
    }
    // main data
    for (const on of granules) {
      if (!on) continue
      for (let q = 0; q < quads; q++) {
        const value = q === quads - 1 ? 1 << (3 - (LINE % 4)) : 0 // v,w,x,y as 4 bits
        w.put(15 - value, 4)
      }
      w.put(0, 1) // sign: positive
    }
  }
  return out
}

function bitWriter(buf, start) {
  let pos = start * 8
  return {
    put(value, n) {
      for (let i = n - 1; i >= 0; i--) {
        if ((value >> i) & 1) buf[pos >> 3] |= 0x80 >> (pos & 7)
        pos++
      }
    },
  }
}

const MP3_BITRATES = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
const MP3_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

/** The Layer III frame header at `pos`, or null: {mpeg1, sampleRate, channels, samples, size, side}. */
function mp3Header(buf, pos) {
  if (pos + 4 > buf.length || buf[pos] !== 0xff || (buf[pos + 1] & 0xe0) !== 0xe0) return null
  const version = (buf[pos + 1] >> 3) & 3 // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
  if (version === 1 || ((buf[pos + 1] >> 1) & 3) !== 1) return null // Layer III only
  const mpeg1 = version === 3
  const bitrate = MP3_BITRATES[mpeg1 ? 1 : 2][buf[pos + 2] >> 4]
  const sampleRate = MP3_RATES[version][(buf[pos + 2] >> 2) & 3]
  if (!bitrate || !sampleRate) return null
  const padding = (buf[pos + 2] >> 1) & 1
  const size = Math.floor(((mpeg1 ? 144 : 72) * bitrate * 1000) / sampleRate) + padding
  const crc = (buf[pos + 1] & 1) === 0
  return { mpeg1, sampleRate, channels: buf[pos + 3] >> 6 === 3 ? 1 : 2, samples: mpeg1 ? 1152 : 576, size, side: pos + 4 + (crc ? 2 : 0) }
}

/** The frames of an MP3 (after an optional ID3v2 tag and a little junk), in order. */
export function* mp3Frames(buf) {
  let pos = 0
  if (buf.length >= 10 && buf.toString('latin1', 0, 3) === 'ID3')
    pos = 10 + ((buf[6] & 0x7f) << 21) + ((buf[7] & 0x7f) << 14) + ((buf[8] & 0x7f) << 7) + (buf[9] & 0x7f)
  // The first frame: a header whose next frame also starts with a header.
  const limit = Math.min(buf.length, pos + 4096)
  while (pos < limit) {
    const h = mp3Header(buf, pos)
    if (h && (pos + h.size >= buf.length || mp3Header(buf, pos + h.size))) break
    pos++
  }
  for (let h = mp3Header(buf, pos); h && pos + h.size <= buf.length + 1; h = mp3Header(buf, pos)) {
    yield { ...h, pos }
    pos += h.size
  }
}

/** What an MP3 is: {format, sampleRate, channels, durationMs, frames}, or null when no run of frames is found. */
export function readMp3(buf) {
  let frames = 0
  let samples = 0
  let first = null
  for (const f of mp3Frames(buf)) {
    first ??= f
    frames++
    samples += f.samples
  }
  if (frames < 2) return null
  return { format: 'MP3', sampleRate: first.sampleRate, channels: first.channels, frames, durationMs: Math.round((samples / first.sampleRate) * 1000) }
}

/**
 * Loudness of each granule of an MP3, from the bits it spends (part2_3_length): silence costs
 * (almost) none. Good enough for the mock's waveform; a real decoder measures samples.
 */
export function mp3GranuleBits(buf) {
  const out = []
  for (const f of mp3Frames(buf)) {
    const read = (bit, n) => {
      let v = 0
      for (let i = 0; i < n; i++) v = (v << 1) | ((buf[f.side + ((bit + i) >> 3)] >> (7 - ((bit + i) & 7))) & 1)
      return v
    }
    // MPEG-1: 9+5|3+4|8 bits, then 59 bits per granule and channel; MPEG-2: 8+1|2 bits, then 63.
    const head = f.mpeg1 ? (f.channels === 1 ? 18 : 20) : f.channels === 1 ? 9 : 10
    const per = f.mpeg1 ? 59 : 63
    for (let g = 0; g < (f.mpeg1 ? 2 : 1); g++) {
      let sum = 0
      for (let c = 0; c < f.channels; c++) sum += read(head + (g * f.channels + c) * per, 12)
      out.push(sum)
    }
  }
  return out
}

/** A text file renamed .wav: what a person sends by mistake. */
export const NOT_AUDIO = Buffer.from('Olá! Isto é um texto qualquer, salvo com a extensão errada.\r\nNão é uma gravação.\r\n', 'utf8')
