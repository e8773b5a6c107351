import type { Path } from 'react-hook-form'
import { z } from 'zod'
import type { Codec, Extension, Schemas } from '@/lib/api/client'
import { CODECS, DEFAULT_CODECS, displayNameProblem, EXTENSION_NUMBER, PHONE_DIGITS } from './rules'

export type CreateExtensionInput = Schemas['ExtensionCreate']
export type UpdateExtensionInput = Schemas['ExtensionUpdate']

/** i18n scope of this form's conflict texts (`<scope>.number.conflict`). */
export const EXTENSION_ERROR_SCOPE = 'telephony.extensions.serverErrors'

export const codecsSchema = z.array(z.enum(CODECS)).min(1, 'validation.codecsRequired')
export const callerIdSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || PHONE_DIGITS.test(v), 'validation.callerId')
export const displayNameSchema = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = displayNameProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const extensionSchema = z.object({
  number: z.string().trim().regex(EXTENSION_NUMBER, 'validation.extensionNumber'),
  name: displayNameSchema,
  callerId: callerIdSchema,
  codecs: codecsSchema,
  enabled: z.boolean(),
})

export type ExtensionFormValues = z.infer<typeof extensionSchema>

export const EXTENSION_FIELDS = ['number', 'name', 'callerId', 'codecs', 'enabled'] as const satisfies readonly Path<ExtensionFormValues>[]

export const EMPTY_EXTENSION: ExtensionFormValues = { number: '', name: '', callerId: '', codecs: [...DEFAULT_CODECS], enabled: true }

export function valuesFromExtension(e: Extension): ExtensionFormValues {
  return { number: e.number, name: e.name, callerId: e.callerId ?? '', codecs: [...e.codecs] as Codec[], enabled: e.enabled }
}

export function createExtensionBody(v: ExtensionFormValues): CreateExtensionInput {
  return { number: v.number, name: v.name, callerId: v.callerId || null, codecs: v.codecs, enabled: v.enabled }
}

export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** PATCH body with only what changed; an emptied caller ID is sent as null (clears it). */
export function extensionChanges(e: Extension, v: ExtensionFormValues): UpdateExtensionInput {
  const body: UpdateExtensionInput = {}
  if (v.number !== e.number) body.number = v.number
  if (v.name !== e.name) body.name = v.name
  if ((v.callerId || null) !== e.callerId) body.callerId = v.callerId || null
  if (!sameList(v.codecs, e.codecs)) body.codecs = v.codecs
  if (v.enabled !== e.enabled) body.enabled = v.enabled
  return body
}
