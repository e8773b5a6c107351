import { describe, expect, it } from 'vitest'
import { en } from './en'
import { ptBR } from './pt-BR'
import { changeLanguage, i18n, LANGUAGE_STORAGE_KEY } from './index'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('i18n', () => {
  it('has the same keys in Portuguese and English', () => {
    expect(keys(en).sort()).toEqual(keys(ptBR).sort())
  })

  it('defaults to pt-BR and persists the chosen language', async () => {
    expect(i18n.language).toBe('pt-BR')
    expect(i18n.t('nav.audio')).toBe('Áudios')
    await changeLanguage('en')
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en')
    expect(i18n.t('nav.audio')).toBe('Audio files')
    expect(document.documentElement.lang).toBe('en')
  })

  it('finds keys that contain dots (audit actions)', () => {
    expect(i18n.t('audit.actions.auth.login_failed')).toBe('Falha de login')
  })
})
