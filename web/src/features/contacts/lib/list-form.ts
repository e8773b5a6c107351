import { z } from 'zod'
import type { ContactList } from '@/lib/api/client'
import type { CreateContactListInput } from '../api/create-contact-list'
import type { UpdateContactListInput } from '../api/update-contact-list'

/** i18n scope of this form's server-error texts (`contactLists.serverErrors.<field>.<code>`). */
export const LIST_ERROR_SCOPE = 'contactLists.serverErrors'

export const listSchema = z.object({
  name: z.string().trim().min(1, 'validation.listNameRequired').max(120, 'validation.listNameMax'),
  description: z.string().trim().max(1000, 'validation.descriptionMax'),
  customLabels: z.array(z.string().trim().max(60, 'validation.labelMax')).length(5),
})

export type ListFormValues = z.infer<typeof listSchema>

export const EMPTY_LIST: ListFormValues = { name: '', description: '', customLabels: ['', '', '', '', ''] }

export function valuesFromList(list: ContactList): ListFormValues {
  return {
    name: list.name,
    description: list.description ?? '',
    customLabels: Array.from({ length: 5 }, (_, i) => list.customLabels[i] ?? ''),
  }
}

const labelsOf = (v: ListFormValues) => v.customLabels.map((l) => l.trim() || null)

export function createListBody(v: ListFormValues): CreateContactListInput {
  return { name: v.name.trim(), description: v.description.trim() || null, customLabels: labelsOf(v) }
}

/** PATCH body with only what changed. */
export function listChanges(list: ContactList, v: ListFormValues): UpdateContactListInput {
  const body: UpdateContactListInput = {}
  if (v.name.trim() !== list.name) body.name = v.name.trim()
  if ((v.description.trim() || null) !== (list.description ?? null)) body.description = v.description.trim() || null
  const labels = labelsOf(v)
  if (labels.some((l, i) => l !== (list.customLabels[i] ?? null))) body.customLabels = labels
  return body
}

/** Labels of the custom fields in use: [{index: 0, label: 'CPF'}, …]. */
export function usedCustomFields(list: Pick<ContactList, 'customLabels'>) {
  return list.customLabels.flatMap((label, index) => (label ? [{ index, label }] : []))
}
