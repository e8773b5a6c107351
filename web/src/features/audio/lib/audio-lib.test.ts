import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api/errors'
import { i18n } from '@/lib/i18n'
import { audioChanges, uploadSchema } from './audio-form'
import { formatAudioDuration, formatClock, formatSampleRate } from './audio-format'
import { deliverySummaryText, summarizeDelivery } from './delivery'
import { nameFromFileName } from './file-name'
import { bucketPeaks, FULL_SCALE_PEAK, progressOf, scalePeaks, waveformPath } from './peaks'
import { describeUploadError } from './upload-errors'
import { deliveredOn, makeAudio, makePbxNode } from '@/testing/mocks/db'

describe('durations', () => {
  it('reads like a player: m:ss, and h:mm:ss past an hour', () => {
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(999)).toBe('0:00') // elapsed time floors
    expect(formatClock(2016)).toBe('0:02')
    expect(formatClock(59_999)).toBe('0:59')
    expect(formatClock(62_000)).toBe('1:02')
    expect(formatClock(600_000)).toBe('10:00')
    expect(formatClock(3_723_000)).toBe('1:02:03')
    expect(formatClock(Number.NaN)).toBe('0:00')
    expect(formatClock(-5)).toBe('0:00')
  })

  it('rounds a length, and a short sound is never shown as 0:00', () => {
    expect(formatAudioDuration(2016)).toBe('0:02')
    expect(formatAudioDuration(42_600)).toBe('0:43')
    expect(formatAudioDuration(300)).toBe('0:01')
    expect(formatAudioDuration(3_600_000)).toBe('1:00:00')
    expect(formatAudioDuration(0)).toBe('0:00')
  })

  it('formats sample rates for each language', () => {
    expect(formatSampleRate(44_100, 'pt-BR')).toBe('44,1 kHz')
    expect(formatSampleRate(8000, 'pt-BR')).toBe('8 kHz')
    expect(formatSampleRate(22_050, 'en')).toBe('22.05 kHz')
  })
})

describe('waveform', () => {
  it('keeps the loudest peak of each slice', () => {
    expect(bucketPeaks([0.1, 0.5, 0.2, 0.9, 0.3, 0.4], 3)).toEqual([0.5, 0.9, 0.4])
    expect(bucketPeaks([0.1, 0.5, 0.2, 0.9, 0.3, 0.4, 0.7], 2)).toEqual([0.5, 0.9])
    expect(bucketPeaks(Array.from({ length: 800 }, (_, i) => (i === 799 ? 1 : 0)), 64).at(-1)).toBe(1)
  })

  it('stretches fewer peaks than bars, and draws nothing from nothing', () => {
    expect(bucketPeaks([0.2, 0.6], 4)).toEqual([0.2, 0.2, 0.6, 0.6])
    expect(bucketPeaks([], 3)).toEqual([0, 0, 0])
    expect(bucketPeaks([0.5], 0)).toEqual([])
  })

  it('clamps values outside 0–1 and ignores garbage', () => {
    expect(bucketPeaks([-1, 2, Number.NaN], 3)).toEqual([0, 1, 0])
  })

  it('scales to full scale (-3 dBFS), so quiet audio stays small and nothing overflows', () => {
    expect(scalePeaks([FULL_SCALE_PEAK, FULL_SCALE_PEAK / 2])).toEqual([1, 0.5])
    expect(scalePeaks([0.01, 0])).toEqual([0.01 / FULL_SCALE_PEAK, 0])
    const loud = scalePeaks([1, 0.5])
    expect(loud).toEqual([1, 0.5])
    expect(Math.max(...scalePeaks([0.9, 0.2]))).toBe(1)
  })

  it('draws one centred bar per slot, silence as a thin line', () => {
    const d = waveformPath([FULL_SCALE_PEAK, 0, FULL_SCALE_PEAK / 2, 0], { width: 40, height: 20, bars: 4, fill: 0.5, minHeight: 1 })
    const bars = d.split('M').filter(Boolean)
    expect(bars).toHaveLength(4)
    // full height at x 2.5 (slot 10, bar 5 wide, centred), a 1-unit line for silence, half height
    expect(bars[0]).toBe('2.5 0h5v20h-5z')
    expect(bars[1]).toBe('12.5 9.5h5v1h-5z')
    expect(bars[2]).toBe('22.5 5h5v10h-5z')
  })

  it('turns the position into the played fraction', () => {
    expect(progressOf(500, 2000)).toBe(0.25)
    expect(progressOf(3000, 2000)).toBe(1)
    expect(progressOf(100, 0)).toBe(0)
    expect(progressOf(Number.NaN, 1000)).toBe(0)
  })
})

describe('upload names and forms', () => {
  it('starts from the file name without its extension', () => {
    expect(nameFromFileName('Cobrança D+5.mp3')).toBe('Cobrança D+5')
    expect(nameFromFileName('msg.final.v2.WAV')).toBe('msg.final.v2')
    expect(nameFromFileName('C:\\gravações\\espera  violão .ogg')).toBe('espera violão')
    expect(nameFromFileName('.mp3')).toBe('.mp3')
    expect(nameFromFileName('semextensao')).toBe('semextensao')
    expect(nameFromFileName(`${'á'.repeat(130)}.flac`)).toHaveLength(120)
  })

  it('refuses an empty name, slashes and two files of one kind with the same name', () => {
    const item = (name: string, kind: 'campaign' | 'moh' = 'campaign') => ({ key: name + kind, name, kind, description: '' })
    const result = uploadSchema.safeParse({ items: [item('Aviso'), item('aviso '), item('Aviso', 'moh'), item(' '), item('a/b')] })
    expect(result.success).toBe(false)
    const issues = result.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`)
    expect(issues).toEqual(
      expect.arrayContaining(['items.1.name validation.audioNameRepeated', 'items.3.name validation.audioNameRequired', 'items.4.name validation.audioNameChars']),
    )
    expect(issues.some((i) => i.startsWith('items.2.'))).toBe(false) // same name, other kind: fine
  })

  it('sends only what changed when editing', () => {
    const audio = makeAudio({ id: 1, name: 'Aviso', description: 'antiga' })
    expect(audioChanges(audio, { name: 'Aviso', description: 'antiga' })).toEqual({})
    expect(audioChanges(audio, { name: ' Aviso novo ', description: '' })).toEqual({ name: 'Aviso novo', description: null })
  })
})

describe('upload errors', () => {
  const t = i18n.t.bind(i18n)
  const err = (status: number, code: ConstructorParameters<typeof ApiError>[0]['code'], message: string, field?: string) =>
    new ApiError({ status, code, message, field })

  it('shows the server’s reason for a file it could not use, as a sentence', () => {
    expect(describeUploadError(t, err(422, 'validation', 'o áudio tem 8 canais: envie uma gravação mono ou estéreo', 'file'))).toEqual({
      field: null,
      message: 'O áudio tem 8 canais: envie uma gravação mono ou estéreo.',
    })
    expect(describeUploadError(t, err(422, 'validation', '', 'file')).message).toMatch(/^O arquivo não pôde ser usado como áudio/)
  })

  it('puts a taken name on the name field', () => {
    expect(describeUploadError(t, err(409, 'conflict', 'Já existe um áudio com este nome.', 'name'))).toEqual({
      field: 'name',
      message: 'Já existe um áudio deste tipo com este nome. Escolha outro nome.',
    })
  })

  it('explains a file too large and a network failure', () => {
    expect(describeUploadError(t, err(413, 'payload_too_large', 'Request body too large')).message).toMatch(/grande demais para o servidor/)
    expect(describeUploadError(t, err(0, 'network', 'x')).message).toMatch(/Sem comunicação com o servidor/)
  })
})

describe('delivery summary', () => {
  const sp = makePbxNode({ id: 1, name: 'sp' })
  const rj = makePbxNode({ id: 2, name: 'rj', mediaMode: 'http', soundsDir: null })
  const audio = makeAudio({ id: 9 })
  const delivered = [deliveredOn(sp, audio), deliveredOn(rj, audio)]

  it('is “none” without enabled nodes and “delivered” when every node has it', () => {
    expect(summarizeDelivery([])).toEqual({ state: 'none' })
    expect(summarizeDelivery(delivered)).toEqual({ state: 'delivered', total: 2 })
  })

  it('puts a failure first (someone must act), then a delivery under way', () => {
    const pending = [{ ...delivered[0]!, state: 'pending' as const }, delivered[1]!]
    expect(summarizeDelivery(pending)).toEqual({ state: 'pending', delivered: 1, total: 2 })
    const failed = [{ ...delivered[0]!, state: 'pending' as const }, { ...delivered[1]!, state: 'failed' as const }]
    expect(summarizeDelivery(failed)).toEqual({ state: 'failed', failed: 1, total: 2 })
  })

  it('reads as a sentence in Portuguese', () => {
    const tt = i18n.getFixedT('pt-BR')
    expect(deliverySummaryText(tt, { state: 'delivered', total: 2 })).toBe('Entregue em 2/2 servidores')
    expect(deliverySummaryText(tt, { state: 'delivered', total: 1 })).toBe('Entregue em 1/1 servidor')
    expect(deliverySummaryText(tt, { state: 'pending', delivered: 0, total: 2 })).toBe('Entregando…')
    expect(deliverySummaryText(tt, { state: 'failed', failed: 2, total: 3 })).toBe('Falha em 2 servidores')
    expect(deliverySummaryText(tt, { state: 'none' })).toBe('Nenhum servidor')
  })

  it('music on hold needs a sounds directory even on a URL node (the mock follows the daemon)', () => {
    const moh = makeAudio({ id: 10, kind: 'moh' })
    expect(deliveredOn(rj, moh)).toMatchObject({ mode: 'directory', state: 'failed' })
    expect(deliveredOn(sp, moh)).toMatchObject({ state: 'delivered', location: '/var/lib/asterisk/sounds/torpedo/moh/audio-10' })
    expect(deliveredOn(rj, audio)).toMatchObject({ mode: 'http', state: 'delivered', location: audio.mediaUrl })
  })
})
