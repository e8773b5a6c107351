import type { ImportField, ImportOptions, ImportPreview, JobKind } from '@/lib/api/client'
import type { CsvDelimiter, CsvEncoding } from './csv-sample'

/** Every field a column can fill, in the order the wizard shows them. */
export const CONTACT_FIELDS: readonly ImportField[] = [
  'name',
  'phone1',
  'phone2',
  'phone3',
  'email',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
  'custom5',
]
/** A DNC import only reads the phone column. */
export const DNC_FIELDS: readonly ImportField[] = ['phone1']

export function fieldsFor(kind: JobKind): readonly ImportField[] {
  return kind === 'dnc-import' ? DNC_FIELDS : CONTACT_FIELDS
}

/** Field → 0-based column. */
export type Mapping = Partial<Record<ImportField, number>>

/** "A", "B", … "Z", "AA", "AB": how spreadsheets name columns. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * What the preview table shows: the column titles and the sample rows. Without a header line,
 * the first line is data and the columns are only lettered.
 */
export function sampleTable(header: string[], rows: string[][], hasHeader: boolean, maxRows = 10) {
  const data = hasHeader ? rows : [header, ...rows]
  const width = Math.max(header.length, ...data.map((r) => r.length), 0)
  const titles = Array.from({ length: width }, (_, i) => (hasHeader ? (header[i] ?? '').trim() : ''))
  return { titles, rows: data.slice(0, maxRows), width }
}

/** The server's automatic mapping, kept to the fields this import has and the columns that exist. */
export function mappingFromPreview(mapping: ImportPreview['mapping'], fields: readonly ImportField[], width: number): Mapping {
  const out: Mapping = {}
  for (const f of fields) {
    const col = mapping[f]
    if (Number.isInteger(col) && col! >= 0 && col! < width) out[f] = col
  }
  return out
}

/** Lower case, accents removed, anything but letters and digits dropped: "E-mail" → "email". */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '')
}

type Kind = 'name' | 'phone' | 'phone1' | 'phone2' | 'phone3' | 'email' | `custom${1 | 2 | 3 | 4 | 5}`

/** The same names the server recognises (see the importer's header mapping). */
const SYNONYMS: Record<string, Kind> = (() => {
  const m: Record<string, Kind> = {}
  const add = (kind: Kind, names: string[]) => names.forEach((n) => (m[n] = kind))
  add('name', ['nome', 'name', 'nomecompleto', 'fullname', 'cliente', 'nomedocliente', 'contato', 'razaosocial', 'devedor', 'nomedevedor', 'destinatario'])
  add('phone', [
    'telefone', 'fone', 'celular', 'phone', 'mobile', 'tel', 'cel', 'numero', 'whatsapp', 'telefoneprincipal', 'phonenumber',
    'number', 'dddtelefone', 'telefonecelular', 'telefonefixo', 'telefoneresidencial', 'telefonecomercial', 'contatotelefonico',
  ])
  for (const i of [1, 2, 3] as const)
    add(`phone${i}`, ['telefone', 'fone', 'celular', 'phone', 'tel', 'cel', 'numero', 'mobile'].map((p) => `${p}${i}`))
  add('email', ['email', 'mail', 'correioeletronico', 'emailaddress', 'enderecodeemail'])
  for (const i of [1, 2, 3, 4, 5] as const)
    add(`custom${i}`, ['campo', 'custom', 'extra', 'campoextra', 'personalizado', 'info'].map((p) => `${p}${i}`))
  return m
})()

/**
 * Guesses the mapping from header names, as the server does: the list's custom field labels,
 * then known names (Portuguese and English, any case and accents); generic phone columns
 * ("Telefone", "Celular") fill phone 1, 2, 3 from left to right.
 */
export function guessMapping(header: string[], customLabels: readonly (string | null)[] = []): Mapping {
  const m: Mapping = {}
  const set = (f: ImportField, col: number) => {
    if (m[f] === undefined) m[f] = col
  }
  const labelKeys = customLabels.map((l) => (l ? headerKey(l) : ''))
  const genericPhones: number[] = []
  header.forEach((text, col) => {
    const k = headerKey(text)
    if (!k) return
    let matchedLabel = false
    labelKeys.forEach((lk, i) => {
      if (lk && lk === k) {
        set(`custom${i + 1}` as ImportField, col)
        matchedLabel = true
      }
    })
    if (matchedLabel) return
    const kind = SYNONYMS[k]
    if (!kind) return
    if (kind === 'phone') genericPhones.push(col)
    else set(kind, col)
  })
  for (const col of genericPhones) {
    const free = (['phone1', 'phone2', 'phone3'] as const).find((f) => m[f] === undefined)
    if (free) m[free] = col
  }
  return m
}

/** Sets (or clears, with null) the column of one field. */
export function setFieldColumn(mapping: Mapping, field: ImportField, column: number | null): Mapping {
  const next = { ...mapping }
  if (column === null) delete next[field]
  else next[field] = column
  return next
}

/** Columns chosen for more than one field (allowed, but usually a slip). */
export function repeatedColumns(mapping: Mapping): Set<number> {
  const seen = new Set<number>()
  const repeated = new Set<number>()
  for (const col of Object.values(mapping)) {
    if (col === undefined) continue
    if (seen.has(col)) repeated.add(col)
    seen.add(col)
  }
  return repeated
}

export interface ImportSettings {
  encoding: CsvEncoding
  delimiter: CsvDelimiter
  hasHeader: boolean
  region: string
  allowInternational: boolean
  addNinthDigit: boolean
  onDuplicate: 'skip' | 'update'
  mapping: Mapping
}

/**
 * The preview does not know the list, so its automatic mapping misses columns named like the
 * list's custom fields ("CPF", "Valor em aberto"); the import does match them (absent fields are
 * mapped from the header). Adds those matches, on columns no other field took.
 */
export function withLabelMatches(mapping: Mapping, header: string[], customLabels: readonly (string | null)[], fields: readonly ImportField[]): Mapping {
  const next = { ...mapping }
  const used = new Set(Object.values(next))
  customLabels.forEach((label, i) => {
    const field = `custom${i + 1}` as ImportField
    if (!label || !fields.includes(field) || next[field] !== undefined) return
    const col = header.findIndex((h, c) => !used.has(c) && headerKey(h) === headerKey(label))
    if (col >= 0) {
      next[field] = col
      used.add(col)
    }
  })
  return next
}

export function initialSettings(
  preview: ImportPreview,
  fields: readonly ImportField[],
  customLabels: readonly (string | null)[] = [],
): ImportSettings {
  const { width } = sampleTable(preview.header, preview.rows, true)
  return {
    encoding: preview.encoding,
    delimiter: preview.delimiter,
    hasHeader: true,
    region: 'BR',
    allowInternational: false,
    addNinthDigit: false,
    onDuplicate: 'skip',
    mapping: withLabelMatches(mappingFromPreview(preview.mapping, fields, width), preview.header, customLabels, fields),
  }
}

/** What is wrong with the settings, as i18n keys under `imports.preview.errors`; empty when they can be sent. */
export function settingsErrors(settings: ImportSettings): string[] {
  const errors: string[] = []
  if (settings.mapping.phone1 === undefined) errors.push('phoneRequired')
  if (!/^[A-Z]{2}$/.test(settings.region)) errors.push('region')
  return errors
}

/**
 * The `options` field of the import request. Encoding and delimiter are sent only when the
 * person changed what the server detected in the sample: otherwise the server detects them on the
 * whole file (an accent after the first 256 KiB still decides the encoding).
 */
export function buildImportOptions(
  kind: JobKind,
  settings: ImportSettings,
  detected: Pick<ImportPreview, 'encoding' | 'delimiter'>,
): ImportOptions {
  const fields = fieldsFor(kind)
  const mapping: NonNullable<ImportOptions['mapping']> = {}
  // Every field is sent: a column, or null for "Não importar", so that the server imports
  // exactly what the person saw in the preview, never a column guessed from the header.
  for (const f of fields) {
    const col = settings.mapping[f]
    mapping[f] = col === undefined ? null : col
  }
  const options: ImportOptions = {
    region: settings.region,
    allowInternational: settings.allowInternational,
    hasHeader: settings.hasHeader,
    mapping,
  }
  if (kind === 'contact-import') {
    options.addNinthDigit = settings.addNinthDigit
    options.onDuplicate = settings.onDuplicate
  }
  if (settings.encoding !== detected.encoding) options.encoding = settings.encoding
  if (settings.delimiter !== detected.delimiter) options.delimiter = settings.delimiter
  return options
}
