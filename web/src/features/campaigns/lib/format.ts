import { currentLanguage } from '@/lib/i18n'

const percentFormats = new Map<string, Intl.NumberFormat>()
const decimalFormats = new Map<string, Intl.NumberFormat>()

/** 0.4237 → "42,4%" (pt-BR); null → "—". */
export function formatRate(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—'
  const lang = currentLanguage()
  let f = percentFormats.get(lang)
  if (!f) {
    f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 })
    percentFormats.set(lang, f)
  }
  return f.format(value)
}

/** 12.345 → "12,3" (pt-BR), at most `digits` decimals; null → "—". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return '—'
  const lang = currentLanguage()
  const key = `${lang}|${digits}`
  let f = decimalFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })
    decimalFormats.set(key, f)
  }
  return f.format(value)
}

/** "+5511987654321" for E.164 digits given without the plus. */
export const e164 = (digits: string) => (digits.startsWith('+') ? digits : `+${digits}`)
