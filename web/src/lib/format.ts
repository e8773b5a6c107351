import { currentLanguage } from '@/lib/i18n'

const cache = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>()

function formatters(lang: string, withSeconds: boolean) {
  const key = `${lang}|${withSeconds}`
  let f = cache.get(key)
  if (!f) {
    f = [
      new Intl.DateTimeFormat(lang, { day: '2-digit', month: '2-digit', year: 'numeric' }),
      new Intl.DateTimeFormat(lang, {
        hour: '2-digit',
        minute: '2-digit',
        second: withSeconds ? '2-digit' : undefined,
      }),
    ]
    cache.set(key, f)
  }
  return f
}

/** "23/11/2025 22:10" in pt-BR (browser time zone); empty string for null. */
export function formatDateTime(value: string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const [d, t] = formatters(currentLanguage(), opts.seconds ?? false)
  return `${d.format(date)} ${t.format(date)}`
}

/** ["23/11/2025", "22:10"]: date and time apart, for a cell that shows them on two lines. */
export function formatDateTimeParts(value: string | null | undefined): [string, string] {
  if (!value) return ['', '']
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return [value, '']
  const [d, t] = formatters(currentLanguage(), false)
  return [d.format(date), t.format(date)]
}

/**
 * A coarse duration for people: "3 d 4 h", "4 h 12 min", "12 min", "< 1 min".
 * Two units at most; the abbreviations read the same in Portuguese and English.
 */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 60) return '< 1 min'
  const minutes = Math.floor(totalSeconds / 60)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`
  return `${mins} min`
}

/** Seconds from `value` (ISO date-time) to `now`; null when absent or invalid. */
export function secondsSince(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : Math.max(0, (now - t) / 1000)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(lang: string, maximumFractionDigits = 0) {
  const key = `${lang}|${maximumFractionDigits}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits })
    numberFormats.set(key, f)
  }
  return f
}

/** "12.345" in pt-BR, "12,345" in English. */
export function formatNumber(value: number): string {
  return numberFormat(currentLanguage()).format(value)
}

/** A file size for people: "850 B", "12,4 KB", "3,2 MB", "1,1 GB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  return `${numberFormat(currentLanguage(), value < 10 ? 1 : 0).format(value)} ${units[unit]}`
}
