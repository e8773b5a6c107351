/**
 * Clock-style times for audio: "0:07", "2:35", "1:02:03".
 * `formatClock` floors (elapsed time: it reads "0:01" only after a full second has played);
 * `formatAudioDuration` rounds a length, and a short sound of a few hundred milliseconds still
 * reads "0:01", never "0:00".
 */
export function formatClock(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

export function formatAudioDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0:00'
  return formatClock(Math.max(1, Math.round(ms / 1000)) * 1000)
}

const rateFormats = new Map<string, Intl.NumberFormat>()

/** "44,1 kHz", "8 kHz" in pt-BR; "44.1 kHz" in English. */
export function formatSampleRate(hz: number, lang: string): string {
  let f = rateFormats.get(lang)
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })
    rateFormats.set(lang, f)
  }
  return `${f.format((Number.isFinite(hz) ? hz : 0) / 1000)} kHz`
}
