// Helpers to write CSV files as Brazilian tools do (shared by the e2e scripts).

// Windows-1252 bytes 0x80–0x9F; 0xA0–0xFF are the same as Latin-1 (U+00A0–U+00FF).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

/** Encodes text as Windows-1252 (what Excel in Brazil writes); characters it lacks become '?'. */
export function encodeCp1252(text) {
  const out = Buffer.alloc(text.length)
  let n = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)
    const high = CP1252_HIGH.indexOf(ch)
    out[n++] = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : high >= 0 ? 0x80 + high : 0x3f
  }
  return out.subarray(0, n)
}

/** Parses a `;` CSV (quotes, CRLF) into rows of fields; a UTF-8 BOM is dropped. */
export function parseSemicolonCsv(text) {
  const s = text.replace(/^\ufeff/, '')
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ';') {
      row.push(field)
      field = ''
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++
      row.push(field)
      if (!(row.length === 1 && row[0] === '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
