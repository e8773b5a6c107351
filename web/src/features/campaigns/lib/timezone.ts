import type { CampaignTimezone } from '@/lib/api/client'
import { currentLanguage } from '@/lib/i18n'

/** Brazil's four zones, west to east is UTC−5 … UTC−2; none has daylight saving time (since 2019). */
export const TIMEZONES = ['America/Sao_Paulo', 'America/Manaus', 'America/Rio_Branco', 'America/Noronha'] as const satisfies readonly CampaignTimezone[]
export const DEFAULT_TIMEZONE: CampaignTimezone = 'America/Sao_Paulo'

const OFFSET_MINUTES: Record<CampaignTimezone, number> = {
  'America/Noronha': -120,
  'America/Sao_Paulo': -180,
  'America/Manaus': -240,
  'America/Rio_Branco': -300,
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "-03:00" */
export function offsetText(tz: CampaignTimezone): string {
  const m = OFFSET_MINUTES[tz]
  const sign = m < 0 ? '-' : '+'
  return `${sign}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`
}

/** An ISO instant as a `datetime-local` value ("2025-03-10T09:00") on the wall clock of `tz`; "" for null. */
export function toZonedInput(iso: string | null | undefined, tz: CampaignTimezone): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + OFFSET_MINUTES[tz] * 60_000).toISOString().slice(0, 16)
}

/** A `datetime-local` value read on the wall clock of `tz`, as an ISO instant; null for "". */
export function fromZonedInput(value: string, tz: CampaignTimezone): string | null {
  if (!value) return null
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`)
  if (Number.isNaN(ms)) return null
  return new Date(ms - OFFSET_MINUTES[tz] * 60_000).toISOString().replace('.000Z', 'Z')
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** "10/03/2025 09:00" on the campaign's clock (SPEC §1: times are shown in the campaign's time zone). */
export function formatInZone(iso: string | null | undefined, tz: CampaignTimezone, opts: { seconds?: boolean } = {}): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const lang = currentLanguage()
  const key = `${lang}|${tz}|${Boolean(opts.seconds)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: tz,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: opts.seconds ? '2-digit' : undefined,
    })
    formatters.set(key, f)
  }
  return f.format(date).replace(',', '')
}
