import type { Path } from 'react-hook-form'
import { z } from 'zod'
import type { Codec, NumberFormat, Schemas, Trunk, TrunkTransport } from '@/lib/api/client'
import { callerIdSchema, codecsSchema, sameList } from './extension-form'
import { objectNameSchema } from './queue-form'
import { DEFAULT_CODECS, isHost, isIpMatch, joinList, PREFIX_DIGITS, SIP_USER, splitList, trunkSecretProblem } from './rules'

export type CreateTrunkInput = Schemas['TrunkCreate']
export type UpdateTrunkInput = Schemas['TrunkUpdate']

export const TRUNK_ERROR_SCOPE = 'telephony.trunks.serverErrors'
export const TRANSPORTS = ['udp', 'tcp', 'tls'] as const satisfies readonly TrunkTransport[]
export const NUMBER_FORMATS = ['e164_plus', 'e164', 'national', 'national_prefix'] as const satisfies readonly NumberFormat[]

const intIn = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message)

/**
 * The trunk form. `storedSecret`: the trunk being edited has a password on the server, which
 * an empty field keeps (unless "Remover a senha" is ticked). The rules across fields are the
 * daemon's: a password needs a user, registering needs both, and without a password the
 * carrier's addresses are needed (authentication by IP); `national_prefix` needs the prefix.
 */
export function trunkSchema(storedSecret: boolean) {
  return z
    .object({
      name: objectNameSchema,
      host: z
        .string()
        .trim()
        .min(1, 'validation.trunkHostRequired')
        .refine((v) => v === '' || isHost(v), 'validation.trunkHost'),
      port: intIn(1, 65535, 'validation.portRangeSip'),
      transport: z.enum(TRANSPORTS),
      username: z
        .string()
        .trim()
        .refine((v) => v === '' || SIP_USER.test(v), 'validation.sipUser'),
      // Not trimmed: what the carrier gave, as it is (spaces are refused anyway).
      secret: z.string().superRefine((v, ctx) => {
        const problem = v === '' ? null : trunkSecretProblem(v)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
      removeSecret: z.boolean(),
      registerOutbound: z.boolean(),
      ipMatch: z.string().superRefine((v, ctx) => {
        const items = splitList(v)
        if (items.length > 32) ctx.addIssue({ code: 'custom', message: 'validation.ipMatchMax' })
        else if (items.some((i) => !isIpMatch(i))) ctx.addIssue({ code: 'custom', message: 'validation.ipMatch' })
      }),
      codecs: codecsSchema,
      maxChannels: intIn(1, 10000, 'validation.maxChannelsRange'),
      maxCps: z.number({ error: 'validation.maxCps' }).min(0.1, 'validation.maxCps').max(1000, 'validation.maxCps'),
      callerId: callerIdSchema,
      numberFormat: z.enum(NUMBER_FORMATS),
      dialPrefix: z
        .string()
        .trim()
        .refine((v) => v === '' || PREFIX_DIGITS.test(v), 'validation.dialPrefix'),
      allowedPrefixes: z.string().superRefine((v, ctx) => {
        const items = splitList(v)
        if (items.length > 200) ctx.addIssue({ code: 'custom', message: 'validation.allowedPrefixesMax' })
        else if (items.some((i) => !PREFIX_DIGITS.test(i))) ctx.addIssue({ code: 'custom', message: 'validation.allowedPrefixes' })
      }),
      enabled: z.boolean(),
    })
    .superRefine((v, ctx) => {
      const hasSecret = v.secret !== '' || (storedSecret && !v.removeSecret)
      if (v.numberFormat === 'national_prefix' && v.dialPrefix === '')
        ctx.addIssue({ code: 'custom', path: ['dialPrefix'], message: 'validation.dialPrefixRequired' })
      if (v.registerOutbound && (v.username === '' || !hasSecret))
        ctx.addIssue({ code: 'custom', path: ['registerOutbound'], message: 'validation.registerNeedsAuth' })
      if (hasSecret && v.username === '') ctx.addIssue({ code: 'custom', path: ['username'], message: 'validation.secretNeedsUser' })
      if (!hasSecret && splitList(v.ipMatch).length === 0)
        ctx.addIssue({ code: 'custom', path: ['ipMatch'], message: 'validation.ipMatchRequired' })
    })
}

export type TrunkFormValues = z.infer<ReturnType<typeof trunkSchema>>

export const TRUNK_FIELDS = [
  'name',
  'host',
  'port',
  'transport',
  'username',
  'secret',
  'registerOutbound',
  'ipMatch',
  'codecs',
  'maxChannels',
  'maxCps',
  'callerId',
  'numberFormat',
  'dialPrefix',
  'allowedPrefixes',
  'enabled',
] as const satisfies readonly Path<TrunkFormValues>[]

export const EMPTY_TRUNK: TrunkFormValues = {
  name: '',
  host: '',
  port: 5060,
  transport: 'udp',
  username: '',
  secret: '',
  removeSecret: false,
  registerOutbound: false,
  ipMatch: '',
  codecs: [...DEFAULT_CODECS],
  maxChannels: 30,
  maxCps: 10,
  callerId: '',
  numberFormat: 'e164',
  dialPrefix: '',
  allowedPrefixes: '',
  enabled: true,
}

export function valuesFromTrunk(tr: Trunk): TrunkFormValues {
  return {
    name: tr.name,
    host: tr.host,
    port: tr.port,
    transport: tr.transport,
    username: tr.username ?? '',
    secret: '',
    removeSecret: false,
    registerOutbound: tr.registerOutbound,
    ipMatch: joinList(tr.ipMatch),
    codecs: [...tr.codecs] as Codec[],
    maxChannels: tr.maxChannels,
    maxCps: tr.maxCps,
    callerId: tr.callerId ?? '',
    numberFormat: tr.numberFormat,
    dialPrefix: tr.dialPrefix ?? '',
    allowedPrefixes: joinList(tr.allowedPrefixes),
    enabled: tr.enabled,
  }
}

export function createTrunkBody(v: TrunkFormValues): CreateTrunkInput {
  return {
    name: v.name,
    host: v.host,
    port: v.port,
    transport: v.transport,
    username: v.username || null,
    secret: v.secret || null,
    registerOutbound: v.registerOutbound,
    ipMatch: splitList(v.ipMatch),
    codecs: v.codecs,
    maxChannels: v.maxChannels,
    maxCps: v.maxCps,
    callerId: v.callerId || null,
    numberFormat: v.numberFormat,
    dialPrefix: v.dialPrefix || null,
    allowedPrefixes: splitList(v.allowedPrefixes),
    enabled: v.enabled,
  }
}

/**
 * PATCH body with only what changed. The password is write-only: an empty field keeps the
 * current one (nothing sent), a typed one replaces it, "Remover a senha" sends `secret: null`.
 */
export function trunkChanges(tr: Trunk, v: TrunkFormValues): UpdateTrunkInput {
  const body: UpdateTrunkInput = {}
  if (v.name !== tr.name) body.name = v.name
  if (v.host !== tr.host) body.host = v.host
  if (v.port !== tr.port) body.port = v.port
  if (v.transport !== tr.transport) body.transport = v.transport
  if ((v.username || null) !== tr.username) body.username = v.username || null
  if (v.secret) body.secret = v.secret
  else if (v.removeSecret && tr.hasSecret) body.secret = null
  if (v.registerOutbound !== tr.registerOutbound) body.registerOutbound = v.registerOutbound
  const ipMatch = splitList(v.ipMatch)
  if (!sameList(ipMatch, tr.ipMatch)) body.ipMatch = ipMatch
  if (!sameList(v.codecs, tr.codecs)) body.codecs = v.codecs
  if (v.maxChannels !== tr.maxChannels) body.maxChannels = v.maxChannels
  if (v.maxCps !== tr.maxCps) body.maxCps = v.maxCps
  if ((v.callerId || null) !== tr.callerId) body.callerId = v.callerId || null
  if (v.numberFormat !== tr.numberFormat) body.numberFormat = v.numberFormat
  if ((v.dialPrefix || null) !== tr.dialPrefix) body.dialPrefix = v.dialPrefix || null
  const allowed = splitList(v.allowedPrefixes)
  if (!sameList(allowed, tr.allowedPrefixes)) body.allowedPrefixes = allowed
  if (v.enabled !== tr.enabled) body.enabled = v.enabled
  return body
}
