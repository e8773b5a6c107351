import type { Codec } from '@/lib/api/client'

/**
 * The daemon's rules for telephony values (src/telephony/validate.cpp), so that forms refuse
 * what the server would refuse, before sending it. Each check returns an i18n key under
 * `validation.` (shown by formMessage) or null.
 */

export const CODECS = ['ulaw', 'alaw', 'gsm', 'g722', 'g729', 'opus', 'ilbc', 'slin16'] as const satisfies readonly Codec[]
export const DEFAULT_CODECS: Codec[] = ['ulaw', 'alaw']

export const EXTENSION_NUMBER = /^[0-9]{2,8}$/
/** Queue and trunk names: they become Asterisk section names (`[suporte]`, `[trunk-vivo]`). */
export const OBJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/
export const RESERVED_NAMES: readonly string[] = ['general', 'globals']
export const PHONE_DIGITS = /^\+?[0-9]{2,20}$/
export const PREFIX_DIGITS = /^[0-9]{1,8}$/
export const SIP_USER = /^[A-Za-z0-9._+-]{1,64}$/

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
const IPV6_HOST = /^\[?[0-9A-Fa-f:.]{2,45}\]?$/
const IPV4_MATCH = /^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\/([0-9]|[12][0-9]|3[0-2]))?$/
const IPV6_MATCH = /^[0-9A-Fa-f:]{2,39}(\/([0-9]{1,2}|1[01][0-9]|12[0-8]))?$/

/** A display name as Asterisk may show it in a caller ID: 1–64 characters; letters of any language, digits, space . - _ ' */
export function displayNameProblem(value: string): string | null {
  if (value === '') return 'validation.displayNameRequired'
  let characters = 0
  for (const c of value) {
    characters += 1
    const code = c.codePointAt(0) ?? 0
    if (code >= 0x80) {
      if (code <= 0x9f) return 'validation.displayNameChars'
      continue
    }
    if (!/[A-Za-z0-9 ._'-]/.test(c)) return 'validation.displayNameChars'
  }
  if (characters > 64) return 'validation.displayNameMax'
  return null
}

export function isHost(value: string): boolean {
  return value.length <= 253 && (HOSTNAME.test(value) || (value.includes(':') && IPV6_HOST.test(value)))
}

export function isIpMatch(value: string): boolean {
  return IPV4_MATCH.test(value) || (value.includes(':') && IPV6_MATCH.test(value))
}

/** A trunk's password as the daemon takes it: 8–128 printable ASCII characters, none Asterisk reads as syntax. */
export function trunkSecretProblem(value: string): string | null {
  if (value.length < 8 || value.length > 128) return 'validation.trunkSecretLength'
  for (const c of value) {
    const code = c.codePointAt(0) ?? 0
    if (code <= 0x20 || code >= 0x7f) return 'validation.trunkSecretChars'
    if (';\\"[]#'.includes(c)) return 'validation.trunkSecretSyntax'
  }
  return null
}

/** "200.1.2.3, 200.1.2.0/24" (commas, spaces or new lines) → ["200.1.2.3", "200.1.2.0/24"]. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((v) => v.trim())
    .filter(Boolean)
}

export const joinList = (items: readonly string[]) => items.join(', ')

/** Codecs in the order of CODECS (the order Asterisk prefers them in). */
export function sortCodecs(codecs: readonly Codec[]): Codec[] {
  return CODECS.filter((c) => codecs.includes(c))
}
