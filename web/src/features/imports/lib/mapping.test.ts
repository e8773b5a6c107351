import { describe, expect, it } from 'vitest'
import type { ImportPreview } from '@/lib/api/client'
import {
  buildImportOptions,
  columnLetter,
  guessMapping,
  headerKey,
  initialSettings,
  mappingFromPreview,
  repeatedColumns,
  sampleTable,
  setFieldColumn,
  settingsErrors,
  withLabelMatches,
  CONTACT_FIELDS,
  DNC_FIELDS,
} from './mapping'

const preview: ImportPreview = {
  encoding: 'windows-1252',
  delimiter: ';',
  header: ['Nome', 'Telefone', 'Celular', 'E-mail', 'Plano'],
  rows: [
    ['João da Silva', '(11) 98765-4321', '', 'joao@x.com.br', 'Ouro'],
    ['Maria', '11 3456-7890', '+55 21 99876-5432', '', 'Prata', 'sobrando'],
  ],
  mapping: { name: 0, phone1: 1, phone2: 2, email: 3, bogus: 9, custom9: 4 },
}

describe('columns', () => {
  it('letters columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('shows the header as titles, or as the first data row when there is none', () => {
    const withHeader = sampleTable(preview.header, preview.rows, true)
    expect(withHeader.titles).toEqual(['Nome', 'Telefone', 'Celular', 'E-mail', 'Plano', ''])
    expect(withHeader.width).toBe(6)
    expect(withHeader.rows).toHaveLength(2)
    const without = sampleTable(preview.header, preview.rows, false)
    expect(without.titles.every((t) => t === '')).toBe(true)
    expect(without.rows[0]).toEqual(preview.header)
    expect(without.rows).toHaveLength(3)
    expect(sampleTable(['a'], Array.from({ length: 12 }, () => ['x']), false).rows).toHaveLength(10)
  })
})

describe('mapping state', () => {
  it('keeps only known fields and existing columns from the server mapping', () => {
    expect(mappingFromPreview(preview.mapping, CONTACT_FIELDS, 5)).toEqual({ name: 0, phone1: 1, phone2: 2, email: 3 })
    expect(mappingFromPreview(preview.mapping, DNC_FIELDS, 5)).toEqual({ phone1: 1 })
    expect(mappingFromPreview({ phone1: 7 }, DNC_FIELDS, 5)).toEqual({})
  })

  it('guesses like the server: labels, synonyms, phones left to right', () => {
    expect(headerKey('  E-MAIL ')).toBe('email')
    expect(headerKey('Nome do Cliente')).toBe('nomedocliente')
    expect(guessMapping(['Nome', 'Telefone', 'Celular', 'E-mail', 'Plano'], [null, 'Plano'])).toEqual({
      name: 0,
      phone1: 1,
      phone2: 2,
      email: 3,
      custom2: 4,
    })
    // An explicit "Telefone 1" wins phone1; the generic column takes the next free slot.
    expect(guessMapping(['Fone', 'Telefone 1', 'Razão Social', 'Campo 3'])).toEqual({ phone1: 1, phone2: 0, name: 2, custom3: 3 })
    expect(guessMapping(['x', 'y'])).toEqual({})
  })

  it('adds the list’s custom field labels the preview could not know', () => {
    const header = ['Nome', 'Telefone', 'cpf', 'Valor em aberto', 'Plano']
    expect(withLabelMatches({ name: 0, phone1: 1 }, header, ['CPF', null, 'Valor em Aberto'], CONTACT_FIELDS)).toEqual({
      name: 0,
      phone1: 1,
      custom1: 2,
      custom3: 3,
    })
    // A column another field took, or a field already mapped, is left alone; DNC imports have no custom fields.
    expect(withLabelMatches({ phone1: 2 }, header, ['CPF'], CONTACT_FIELDS)).toEqual({ phone1: 2 })
    expect(withLabelMatches({ custom1: 4 }, header, ['CPF'], CONTACT_FIELDS)).toEqual({ custom1: 4 })
    expect(withLabelMatches({ phone1: 1 }, header, ['CPF'], DNC_FIELDS)).toEqual({ phone1: 1 })
    expect(initialSettings(preview, CONTACT_FIELDS, [null, null, null, null, 'Plano']).mapping.custom5).toBe(4)
  })

  it('sets, clears and spots repeated columns', () => {
    let m = setFieldColumn({}, 'phone1', 1)
    m = setFieldColumn(m, 'phone2', 1)
    expect(repeatedColumns(m)).toEqual(new Set([1]))
    m = setFieldColumn(m, 'phone2', null)
    expect(m).toEqual({ phone1: 1 })
    expect(repeatedColumns(m).size).toBe(0)
  })

  it('requires the phone column and a region', () => {
    const s = initialSettings(preview, CONTACT_FIELDS)
    expect(settingsErrors(s)).toEqual([])
    expect(settingsErrors({ ...s, mapping: setFieldColumn(s.mapping, 'phone1', null), region: 'br' })).toEqual(['phoneRequired', 'region'])
  })
})

describe('buildImportOptions', () => {
  it('sends the mapping and options, but not the detected encoding and delimiter', () => {
    const s = initialSettings(preview, CONTACT_FIELDS)
    expect(buildImportOptions('contact-import', { ...s, onDuplicate: 'update', addNinthDigit: true }, preview)).toEqual({
      region: 'BR',
      allowInternational: false,
      addNinthDigit: true,
      onDuplicate: 'update',
      hasHeader: true,
      mapping: { name: 0, phone1: 1, phone2: 2, phone3: null, email: 3, custom1: null, custom2: null, custom3: null, custom4: null, custom5: null },
    })
  })

  it('sends encoding and delimiter the person overrode', () => {
    const s = { ...initialSettings(preview, CONTACT_FIELDS), encoding: 'utf-8' as const, delimiter: ',' as const, hasHeader: false }
    const o = buildImportOptions('contact-import', s, preview)
    expect(o.encoding).toBe('utf-8')
    expect(o.delimiter).toBe(',')
    expect(o.hasHeader).toBe(false)
  })

  it('keeps a DNC import to the phone column and the number options', () => {
    const s = { ...initialSettings(preview, CONTACT_FIELDS), allowInternational: true, region: 'PT' }
    expect(buildImportOptions('dnc-import', s, preview)).toEqual({
      region: 'PT',
      allowInternational: true,
      hasHeader: true,
      mapping: { phone1: 1 },
    })
  })
})
