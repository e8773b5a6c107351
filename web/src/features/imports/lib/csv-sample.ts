/**
 * Client-side reading of the sample (the first 256 KiB of the file) for when the person
 * overrides the encoding or the delimiter the server detected: the preview is redrawn with
 * their choice without another round trip. The server still reads the whole file itself.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252'
export type CsvDelimiter = ',' | ';' | '\t'

export const ENCODINGS: readonly CsvEncoding[] = ['utf-8', 'windows-1252']
export const DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t']

/** Decodes bytes as the given encoding; a UTF-8 byte order mark is dropped. */
export function decodeSample(bytes: Uint8Array, encoding: CsvEncoding): string {
  const text = new TextDecoder(encoding).decode(bytes)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text.replace(/^\u00ef\u00bb\u00bf/, '')
}

/**
 * Parses up to `maxRecords` CSV records: quoted fields may hold the delimiter, "" for a quote and
 * line breaks; CRLF, LF or CR end a record; blank lines are skipped (as the server does).
 */
export function parseCsv(text: string, delimiter: CsvDelimiter, maxRecords = Infinity): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  const endRecord = () => {
    record.push(field)
    if (!(record.length === 1 && record[0] === '' && !fieldStarted)) records.push(record)
    record = []
    field = ''
    fieldStarted = false
  }
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
      continue
    }
    if (c === '"' && field === '') {
      quoted = true
      fieldStarted = true
    } else if (c === delimiter) {
      record.push(field)
      field = ''
      fieldStarted = true
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRecord()
    } else {
      field += c
      fieldStarted = true
    }
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0 || fieldStarted)) endRecord()
  return records
}

/** Header and up to `maxRows` data rows of the sample, read with the given encoding and delimiter. */
export function readSample(bytes: Uint8Array, encoding: CsvEncoding, delimiter: CsvDelimiter, maxRows = 10) {
  const records = parseCsv(decodeSample(bytes, encoding), delimiter, maxRows + 1)
  return { header: records[0] ?? [], rows: records.slice(1) }
}
