/**
 * Display of phone numbers stored as E.164 ("+5511987654321"), the way libphonenumber's
 * international format writes them — what the server uses in exports: "+55 11 98765-4321".
 * Only display: the server parses and validates every number.
 */

/** ITU country calling codes of one and two digits; every other code has three. */
const ONE_DIGIT = new Set(['1', '7'])
const TWO_DIGITS = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
])

/** Splits "+5511987654321" into ["55", "11987654321"]; null when it is not E.164. */
export function splitE164(e164: string): [country: string, national: string] | null {
  const m = /^\+(\d{4,15})$/.exec(e164.trim())
  if (!m) return null
  const digits = m[1]!
  const len = ONE_DIGIT.has(digits[0]!) ? 1 : TWO_DIGITS.has(digits.slice(0, 2)) ? 2 : 3
  if (digits.length <= len) return null
  return [digits.slice(0, len), digits.slice(len)]
}

/** "98765" + "4321": the subscriber number with a hyphen before the last four digits. */
function hyphenated(subscriber: string) {
  return subscriber.length > 4 ? `${subscriber.slice(0, -4)}-${subscriber.slice(-4)}` : subscriber
}

/** Groups of three, ending with one or two groups of four so that no group is shorter than three. */
function grouped(national: string) {
  const fours = national.length < 6 ? 0 : national.length % 3
  const head = national.length - 4 * fours
  const parts: string[] = []
  for (let i = 0; i < head; i += 3) parts.push(national.slice(i, Math.min(i + 3, head)))
  for (let i = head; i < national.length; i += 4) parts.push(national.slice(i, i + 4))
  return parts.join(' ')
}

function formatNational(country: string, national: string): string {
  if (country === '55' && (national.length === 10 || national.length === 11)) {
    // Brazil: DDD + 8 (fixed line) or 9 (mobile) digits.
    return `${national.slice(0, 2)} ${hyphenated(national.slice(2))}`
  }
  if (country === '1' && national.length === 10) {
    // North America: area code, exchange, line.
    return `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`
  }
  if (country === '351' && national.length === 9) return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`
  return grouped(national)
}

/** "+5511987654321" → "+55 11 98765-4321"; anything that is not E.164 is returned as given. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return ''
  const split = splitE164(e164)
  if (!split) return e164
  const [country, national] = split
  return `+${country} ${formatNational(country, national)}`
}

/** Only the digits of what someone typed: "(11) 98765-4321" → "11987654321". */
export function phoneDigits(text: string): string {
  return text.replace(/\D+/g, '')
}

/** Whether a search text looks like (part of) a phone number rather than a name or e-mail. */
export function looksLikePhone(text: string): boolean {
  const t = text.trim()
  return /^[+\d\s().-]+$/.test(t) && phoneDigits(t).length >= 2
}
