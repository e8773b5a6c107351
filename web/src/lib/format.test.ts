import { afterEach, describe, expect, it } from 'vitest'
import { changeLanguage } from '@/lib/i18n'
import { formatBytes, formatNumber } from './format'

describe('number formats', () => {
  afterEach(async () => {
    await changeLanguage('pt-BR')
  })

  it('groups thousands the Brazilian way by default', () => {
    expect(formatNumber(12345)).toBe('12.345')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(12_400)).toBe('12 KB')
    expect(formatBytes(3_240_000)).toBe('3,2 MB')
    expect(formatBytes(1_100_000_000)).toBe('1,1 GB')
  })

  it('follows the chosen language', async () => {
    await changeLanguage('en')
    expect(formatNumber(12345)).toBe('12,345')
    expect(formatBytes(3_240_000)).toBe('3.2 MB')
  })
})
