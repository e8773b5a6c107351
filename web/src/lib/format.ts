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
