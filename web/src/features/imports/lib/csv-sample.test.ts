import { describe, expect, it } from 'vitest'
import { decodeSample, parseCsv, readSample } from './csv-sample'

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, quotes and line breaks; CRLF; skips blank lines', () => {
    const text = 'Nome;Obs\r\n"Silva; João";"disse ""oi""\r\nduas linhas"\r\n\r\nAna;\n'
    expect(parseCsv(text, ';')).toEqual([
      ['Nome', 'Obs'],
      ['Silva; João', 'disse "oi"\r\nduas linhas'],
      ['Ana', ''],
    ])
  })

  it('stops after maxRecords and reads a last line without a line break', () => {
    expect(parseCsv('a,b\nc,d\ne,f', ',', 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseCsv('a\tb\nc\td', '\t')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
  })
})

describe('readSample', () => {
  it('decodes Windows-1252 and drops a UTF-8 BOM', () => {
    const cp1252 = new Uint8Array([0x4a, 0x6f, 0xe3, 0x6f, 0x3b, 0x31, 0x0d, 0x0a, 0x41, 0x3b, 0x32]) // "João;1\r\nA;2"
    expect(readSample(cp1252, 'windows-1252', ';')).toEqual({ header: ['João', '1'], rows: [['A', '2']] })
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Nome,Fone\nJosé,1')])
    expect(decodeSample(bom, 'utf-8')).toBe('Nome,Fone\nJosé,1')
    expect(readSample(bom, 'utf-8', ',').header).toEqual(['Nome', 'Fone'])
  })
})
