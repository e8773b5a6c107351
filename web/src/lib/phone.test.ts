import { describe, expect, it } from 'vitest'
import { formatPhone, looksLikePhone, phoneDigits, splitE164 } from './phone'

describe('formatPhone', () => {
  it('writes Brazilian mobiles and fixed lines with the DDD and a hyphen', () => {
    expect(formatPhone('+5511987654321')).toBe('+55 11 98765-4321')
    expect(formatPhone('+551134567890')).toBe('+55 11 3456-7890')
    expect(formatPhone('+5521998765432')).toBe('+55 21 99876-5432')
  })

  it('writes North American numbers as libphonenumber does', () => {
    expect(formatPhone('+16502530000')).toBe('+1 650-253-0000')
  })

  it('knows one-, two- and three-digit country codes', () => {
    expect(formatPhone('+351912345678')).toBe('+351 912 345 678')
    expect(formatPhone('+5491123456789')).toBe('+54 911 2345 6789')
    expect(formatPhone('+74951234567')).toBe('+7 495 123 4567')
    expect(splitE164('+244923456789')).toEqual(['244', '923456789'])
  })

  it('leaves anything that is not E.164 as it is', () => {
    expect(formatPhone('(11) 98765-4321')).toBe('(11) 98765-4321')
    expect(formatPhone('+55')).toBe('+55')
    expect(formatPhone('')).toBe('')
    expect(formatPhone(null)).toBe('')
  })
})

describe('phone text helpers', () => {
  it('keeps only digits', () => {
    expect(phoneDigits('+55 (11) 98765-4321')).toBe('5511987654321')
  })

  it('tells a phone search from a name search', () => {
    expect(looksLikePhone('(11) 9876')).toBe(true)
    expect(looksLikePhone('+55 11')).toBe(true)
    expect(looksLikePhone('joao')).toBe(false)
    expect(looksLikePhone('ana@x.com')).toBe(false)
    expect(looksLikePhone('1')).toBe(false)
  })
})
