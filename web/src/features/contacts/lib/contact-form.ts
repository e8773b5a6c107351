import type { Path } from 'react-hook-form'
import { z } from 'zod'
import type { Contact } from '@/lib/api/client'
import { formatPhone } from '@/lib/phone'
import type { CreateContactInput } from '../api/create-contact'
import type { UpdateContactInput } from '../api/update-contact'

/** i18n scope of this form's server-error texts (`contacts.serverErrors.<field>.<code>`). */
export const CONTACT_ERROR_SCOPE = 'contacts.serverErrors'
export const MAX_PHONES = 3
export const CUSTOM_FIELDS = 5

const phone = z.object({
  value: z
    .string()
    .trim()
    .max(64, 'validation.phoneMax')
    .refine((v) => v === '' || /^[+\d\s().\-/]+$/.test(v), 'validation.phoneChars'),
})

export const contactSchema = z.object({
  name: z.string().trim().max(200, 'validation.contactNameMax'),
  phones: z
    .array(phone)
    .min(1)
    .max(MAX_PHONES)
    .superRefine((phones, ctx) => {
      if (!phones[0]?.value.trim()) ctx.addIssue({ code: 'custom', path: [0, 'value'], message: 'validation.phoneRequired' })
    }),
  email: z
    .string()
    .trim()
    .max(254, 'validation.emailInvalid')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.emailInvalid'),
  custom: z.array(z.string().max(1000, 'validation.customMax')).length(CUSTOM_FIELDS),
  allowInternational: z.boolean(),
})

export type ContactFormValues = z.infer<typeof contactSchema>

export const EMPTY_CONTACT: ContactFormValues = {
  name: '',
  phones: [{ value: '' }],
  email: '',
  custom: ['', '', '', '', ''],
  allowInternational: false,
}

export function valuesFromContact(contact: Contact): ContactFormValues {
  const custom = Array.from({ length: CUSTOM_FIELDS }, (_, i) => contact.custom[i] ?? '')
  return {
    name: contact.name ?? '',
    phones: contact.phones.length ? contact.phones.map((p) => ({ value: formatPhone(p.e164) })) : [{ value: '' }],
    email: contact.email ?? '',
    custom,
    // A contact that already has a foreign number keeps it on save.
    allowInternational: contact.phones.some((p) => !p.e164.startsWith('+55')),
  }
}

const phonesOf = (v: ContactFormValues) => v.phones.map((p) => p.value.trim()).filter(Boolean)
const customOf = (v: ContactFormValues) => v.custom.map((c) => c.trim() || null)

/** POST body: blanks become null, empty extra phones are dropped. */
export function createContactBody(v: ContactFormValues): CreateContactInput {
  return {
    name: v.name.trim() || null,
    phones: phonesOf(v),
    email: v.email.trim() || null,
    custom: customOf(v),
    allowInternational: v.allowInternational,
  }
}

/** PATCH body with only what changed (the fields given replace the old ones). */
export function contactChanges(contact: Contact, v: ContactFormValues): UpdateContactInput {
  const before = valuesFromContact(contact)
  const body: UpdateContactInput = {}
  if (v.name.trim() !== before.name) body.name = v.name.trim() || null
  const phones = phonesOf(v)
  if (phones.join('\n') !== phonesOf(before).join('\n')) {
    body.phones = phones
    body.allowInternational = v.allowInternational
  }
  if (v.email.trim() !== before.email) body.email = v.email.trim() || null
  const custom = customOf(v)
  if (custom.some((c, i) => c !== (contact.custom[i] ?? null))) body.custom = custom
  return body
}

/**
 * The form field an API error's `field` names: `phones` (the server says which one in its message,
 * "Telefone 2: número inválido."; else the first), `phones.2` / `phones[2]`, `custom.0`, `name`,
 * `email`. Null when the form has no such field.
 */
export function formFieldForServerField(field: string | undefined, message = ''): Path<ContactFormValues> | null {
  if (!field) return null
  if (field === 'name' || field === 'email') return field
  if (field === 'phones') {
    const n = Number(/^(?:Telefone|Phone) (\d)\b/i.exec(message)?.[1] ?? 1)
    return n >= 1 && n <= MAX_PHONES ? (`phones.${n - 1}.value` as Path<ContactFormValues>) : 'phones.0.value'
  }
  const m = /^(phones|custom)(?:\.|\[)(\d+)\]?(?:\.\w+)?$/.exec(field)
  if (!m) return null
  const i = Number(m[2])
  if (m[1] === 'phones') return i < MAX_PHONES ? (`phones.${i}.value` as Path<ContactFormValues>) : null
  return i < CUSTOM_FIELDS ? (`custom.${i}` as Path<ContactFormValues>) : null
}

/** The base name of a server field, for the error texts: `phones.1` → `phones`. */
export function serverFieldBase(field: string | undefined) {
  return field?.split(/[.[]/)[0]
}

/** How to name a contact in texts: its name, else its first phone. */
export function contactLabel(c: Pick<Contact, 'name' | 'phones'>) {
  return c.name || formatPhone(c.phones[0]?.e164)
}
