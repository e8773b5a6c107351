import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { homePathFor, SECTIONS, visibleSections } from '@/config/sections'
import { renderWithProviders } from '@/testing/test-utils'
import { SidebarNav } from './sidebar'

const links = () =>
  within(screen.getByRole('navigation', { name: 'Navegação principal' }))
    .getAllByRole('link')
    .map((a) => a.textContent)

describe('sidebar', () => {
  it('hides unavailable sections and admin-only items from a plain user', () => {
    renderWithProviders(<SidebarNav role="user" />)
    expect(links()).toEqual(['Campanhas', 'Contatos', 'Não Me Perturbe', 'Áudios', 'Servidores', 'Ramais', 'Filas', 'Troncos', 'Tokens de API', 'Minha conta'])
    for (const hidden of ['Usuários', 'Auditoria', 'Relatórios', 'Dashboard'])
      expect(screen.queryByRole('link', { name: hidden })).not.toBeInTheDocument()
  })

  it('shows Usuários and Auditoria to an admin, but still no unavailable section', () => {
    renderWithProviders(<SidebarNav role="admin" />)
    expect(links()).toEqual([
      'Campanhas', 'Contatos', 'Não Me Perturbe', 'Áudios', 'Servidores', 'Ramais', 'Filas', 'Troncos', 'Usuários', 'Auditoria', 'Tokens de API', 'Minha conta',
    ])
    expect(screen.queryByRole('link', { name: 'Relatórios' })).not.toBeInTheDocument()
  })

  it('shows a section as soon as its feature is flagged available', () => {
    const withReports = SECTIONS.map((s) => (s.id === 'reports' ? { ...s, available: true } : s))
    renderWithProviders(<SidebarNav role="user" sections={withReports} />)
    expect(links()).toEqual(['Campanhas', 'Contatos', 'Não Me Perturbe', 'Áudios', 'Relatórios', 'Servidores', 'Ramais', 'Filas', 'Troncos', 'Tokens de API', 'Minha conta'])
  })

  it('keeps the full product list in one config', () => {
    expect(SECTIONS.map((s) => s.id)).toEqual([
      'campaigns', 'dashboard', 'contacts', 'dnc', 'audio', 'reports', 'servers', 'extensions', 'queues', 'trunks',
      'users', 'audit', 'tokens', 'account',
    ])
    expect(visibleSections('admin').map((s) => s.id)).toEqual([
      'campaigns', 'contacts', 'dnc', 'audio', 'servers', 'extensions', 'queues', 'trunks', 'users', 'audit', 'tokens', 'account',
    ])
    expect(visibleSections('user').map((s) => s.id)).toEqual(['campaigns', 'contacts', 'dnc', 'audio', 'servers', 'extensions', 'queues', 'trunks', 'tokens', 'account'])
    // Campanhas, the heart of the product, comes first and is where "/" leads.
    expect(homePathFor('admin')).toBe('/campanhas')
    expect(homePathFor('user')).toBe('/campanhas')
  })
})
