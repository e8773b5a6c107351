/**
 * The waveform drawn from the server's `peaks` (values 0–1, up to 800 over the whole audio).
 * The daemon normalises every audio to -3 dBFS (a peak of about 0.71), so 0.71 fills the height;
 * a quieter recording (or silence) is drawn smaller instead of being blown up to full height.
 */
export const FULL_SCALE_PEAK = 0.708

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0)

/** `bars` values (0–1): the loudest peak of each slice; fewer peaks than bars are stretched. */
export function bucketPeaks(peaks: readonly number[], bars: number): number[] {
  const n = Math.max(0, Math.floor(bars))
  if (n === 0) return []
  if (peaks.length === 0) return Array.from({ length: n }, () => 0)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * peaks.length) / n)
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / n))
    let max = 0
    for (let j = from; j < to && j < peaks.length; j++) max = Math.max(max, clamp01(peaks[j]!))
    out.push(max)
  }
  return out
}

/** Bar heights (0–1 of the drawing's height): relative to full scale, at most 1. */
export function scalePeaks(values: readonly number[]): number[] {
  const loudest = Math.max(FULL_SCALE_PEAK, ...values)
  return values.map((v) => clamp01(v) / loudest)
}

export interface WaveformGeometry {
  width: number
  height: number
  bars: number
  /** Fraction (0–1) of each bar's slot that is drawn; the rest is the gap. */
  fill?: number
  /** Silence still shows as a thin line. */
  minHeight?: number
}

/**
 * One SVG path of vertical bars centred on the middle line (mirrored, as audio editors draw
 * them): bar i spans its slot's width × `fill`, its height is the scaled peak × height.
 */
export function waveformPath(peaks: readonly number[], { width, height, bars, fill = 0.6, minHeight = 1 }: WaveformGeometry): string {
  const values = scalePeaks(bucketPeaks(peaks, bars))
  const slot = width / bars
  const w = round(slot * fill)
  const mid = height / 2
  return values
    .map((v, i) => {
      const h = Math.max(minHeight, v * height)
      const x = round(i * slot + (slot - w) / 2)
      return `M${x} ${round(mid - h / 2)}h${w}v${round(h)}h${-w}z`
    })
    .join('')
}

const round = (v: number) => Math.round(v * 100) / 100

/** Playback position (0–1) from elapsed and total milliseconds. */
export function progressOf(positionMs: number, durationMs: number): number {
  if (!(durationMs > 0) || !Number.isFinite(positionMs)) return 0
  return Math.min(1, Math.max(0, positionMs / durationMs))
}
