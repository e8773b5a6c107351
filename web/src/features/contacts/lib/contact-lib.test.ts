import { describe, expect, it } from 'vitest'
import type { Contact, ContactList } from '@/lib/api/client'
import { contactChanges, createContactBody, EMPTY_CONTACT, formFieldForServerField, serverFieldBase, valuesFromContact } from './contact-form'
import { contactsQueryParams, hasActiveFilters, nextSort, NO_FILTERS, sortingToSort, sortToSorting, toggleSelection } from './contact-query'
import { createListBody, EMPTY_LIST, listChanges, usedCustomFields, valuesFromList } from './list-form'

const contact: Contact = {
  id: 9,
  listId: 1,
  name: 'João da Silva',
  phones: [
    { number: '(11) 98765-4321', e164: '+5511987654321', type: 'mobile' },
    { number: '11 3456-7890', e164: '+551134567890', type: 'fixed' },
  ],
  email: null,
  custom: ['123.456.789-00', null, null, null, null],
  dnc: false,
  createdAt: '2025-03-01T12:00:00Z',
  updatedAt: '2025-03-01T12:00:00Z',
}

describe('contacts query parameters', () => {
  it('leaves out empty and default values', () => {
    expect(contactsQueryParams(NO_FILTERS)).toEqual({})
    expect(contactsQueryParams({ q: '  joao ', sort: 'id' })).toEqual({ q: 'joao' })
  })

  it('sends type, dnc, custom field with value and sort', () => {
    expect(contactsQueryParams({ q: '', type: 'mobile', dnc: false, field: 2, value: ' ouro ', sort: '-name' })).toEqual({
      type: 'mobile',
      dnc: false,
      field: 2,
      value: 'ouro',
      sort: '-name',
    })
  })

  it('ignores a custom field without a value, or out of range', () => {
    expect(contactsQueryParams({ q: '', field: 2, value: '  ', sort: 'id' })).toEqual({})
    expect(contactsQueryParams({ q: '', field: 6, value: 'x', sort: 'id' })).toEqual({})
  })

  it('says whether filters narrow the list (sorting does not)', () => {
    expect(hasActiveFilters({ q: '', sort: '-email' })).toBe(false)
    expect(hasActiveFilters({ q: '', dnc: true, sort: 'id' })).toBe(true)
  })
})

describe('sorting', () => {
  it('cycles ascending, descending, import order', () => {
    expect(nextSort('id', 'name')).toBe('name')
    expect(nextSort('name', 'name')).toBe('-name')
    expect(nextSort('-name', 'name')).toBe('id')
    expect(nextSort('-name', 'phone')).toBe('phone')
  })

  it('maps the sort parameter to the table state and back', () => {
    expect(sortToSorting('id')).toEqual([])
    expect(sortToSorting('-phone')).toEqual([{ id: 'phone', desc: true }])
    expect(sortingToSort([{ id: 'email', desc: false }])).toBe('email')
    expect(sortingToSort([{ id: 'email', desc: true }])).toBe('-email')
    expect(sortingToSort([{ id: 'unknown', desc: true }])).toBe('id')
    expect(sortingToSort([])).toBe('id')
  })
})

describe('row selection', () => {
  const ids = ['10', '11', '12', '13', '14']
  it('toggles one row on a plain click', () => {
    expect(toggleSelection({}, ids, 1, null, false)).toEqual({ '11': true })
    expect(toggleSelection({ '11': true }, ids, 1, 1, false)).toEqual({})
  })

  it('selects or clears the range from the previous click with Shift', () => {
    expect(toggleSelection({ '11': true }, ids, 3, 1, true)).toEqual({ '11': true, '12': true, '13': true })
    expect(toggleSelection({ '11': true }, ids, 0, 1, true)).toEqual({ '10': true, '11': true })
    // Shift on a selected row clears the range.
    expect(toggleSelection({ '10': true, '11': true, '12': true, '13': true }, ids, 3, 1, true)).toEqual({ '10': true })
    // Without a previous click, Shift is a plain click.
    expect(toggleSelection({}, ids, 2, null, true)).toEqual({ '12': true })
  })
})

describe('contact form', () => {
  it('fills the form with formatted phones and empty strings', () => {
    const v = valuesFromContact(contact)
    expect(v.phones).toEqual([{ value: '+55 11 98765-4321' }, { value: '+55 11 3456-7890' }])
    expect(v.email).toBe('')
    expect(v.custom).toEqual(['123.456.789-00', '', '', '', ''])
    expect(v.allowInternational).toBe(false)
  })

  it('builds a POST body with nulls for blanks and without empty phones', () => {
    const body = createContactBody({ ...EMPTY_CONTACT, name: ' Ana ', phones: [{ value: '11987654321' }, { value: ' ' }] })
    expect(body).toEqual({
      name: 'Ana',
      phones: ['11987654321'],
      email: null,
      custom: [null, null, null, null, null],
      allowInternational: false,
    })
  })

  it('PATCHes only what changed', () => {
    const v = valuesFromContact(contact)
    expect(contactChanges(contact, v)).toEqual({})
    expect(contactChanges(contact, { ...v, email: 'joao@x.com.br', custom: ['123.456.789-00', 'Ouro', '', '', ''] })).toEqual({
      email: 'joao@x.com.br',
      custom: ['123.456.789-00', 'Ouro', null, null, null],
    })
    expect(contactChanges(contact, { ...v, phones: [v.phones[1]!] })).toEqual({ phones: ['+55 11 3456-7890'], allowInternational: false })
  })

  it('finds the form field a server error names', () => {
    expect(formFieldForServerField('phones')).toBe('phones.0.value')
    // The daemon names the phone in its message.
    expect(formFieldForServerField('phones', 'Telefone 2: número inválido.')).toBe('phones.1.value')
    expect(formFieldForServerField('phones', 'Telefone 3 repetido.')).toBe('phones.2.value')
    expect(formFieldForServerField('phones', 'Informe de 1 a 3 telefones.')).toBe('phones.0.value')
    expect(formFieldForServerField('phones.2')).toBe('phones.2.value')
    expect(formFieldForServerField('phones[1]')).toBe('phones.1.value')
    expect(formFieldForServerField('custom.4')).toBe('custom.4')
    expect(formFieldForServerField('email')).toBe('email')
    expect(formFieldForServerField('phones.7')).toBeNull()
    expect(formFieldForServerField('region')).toBeNull()
    expect(formFieldForServerField(undefined)).toBeNull()
    expect(serverFieldBase('phones.1')).toBe('phones')
    expect(serverFieldBase('custom[0]')).toBe('custom')
  })
})

describe('list form', () => {
  const list: ContactList = {
    id: 1,
    name: 'Cobrança março',
    description: null,
    customLabels: ['CPF', null, 'Valor', null, null],
    contactCount: 10,
    createdAt: '2025-03-01T12:00:00Z',
    updatedAt: '2025-03-01T12:00:00Z',
  }

  it('creates with trimmed values and nulls', () => {
    expect(createListBody({ ...EMPTY_LIST, name: ' Nova ', customLabels: [' CPF ', '', '', '', ''] })).toEqual({
      name: 'Nova',
      description: null,
      customLabels: ['CPF', null, null, null, null],
    })
  })

  it('PATCHes only what changed', () => {
    const v = valuesFromList(list)
    expect(listChanges(list, v)).toEqual({})
    expect(listChanges(list, { ...v, description: 'Clientes em atraso' })).toEqual({ description: 'Clientes em atraso' })
    expect(listChanges(list, { ...v, customLabels: ['CPF', 'Plano', 'Valor', '', ''] })).toEqual({
      customLabels: ['CPF', 'Plano', 'Valor', null, null],
    })
  })

  it('lists the custom fields in use', () => {
    expect(usedCustomFields(list)).toEqual([
      { index: 0, label: 'CPF' },
      { index: 2, label: 'Valor' },
    ])
  })
})
