import { screen, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { apiError } from '@/testing/mocks/handlers'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

describe('login page', () => {
  it('shows a Portuguese error when the server answers 401', async () => {
    const { user } = renderApp('/login')
    await user.type(await screen.findByLabelText('E-mail'), 'admin@torpedo.local')
    await user.type(screen.getByLabelText('Senha'), 'senha-errada-000')
    await user.click(screen.getByRole('button', { name: 'Entrar' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('E-mail ou senha incorretos')
    // Still on the login page, password cleared for the next try.
    expect(screen.getByLabelText('Senha')).toHaveValue('')
  })

  it('tells how long to wait when rate limited (429 + Retry-After)', async () => {
    server.use(
      http.post('*/api/v1/auth/login', () =>
        apiError(429, 'rate_limited', 'Too many attempts', undefined, { 'Retry-After': '42' }),
      ),
    )
    const { user } = renderApp('/login')
    await user.type(await screen.findByLabelText('E-mail'), 'admin@torpedo.local')
    await user.type(screen.getByLabelText('Senha'), 'qualquer-coisa')
    await user.click(screen.getByRole('button', { name: 'Entrar' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Muitas tentativas de acesso. Aguarde 42 segundos e tente novamente.',
    )
  })

  it('validates the fields before calling the server', async () => {
    const { user } = renderApp('/login')
    await user.type(await screen.findByLabelText('E-mail'), 'nao-e-email')
    await user.click(screen.getByRole('button', { name: 'Entrar' }))

    expect(await screen.findByText('Informe um e-mail válido (ex.: nome@empresa.com.br).')).toBeInTheDocument()
    expect(screen.getByText('Informe a senha.')).toBeInTheDocument()
  })

  it('logs in and lands on the first section the user can see', async () => {
    const { user, router } = renderApp('/login')
    await user.type(await screen.findByLabelText('E-mail'), 'admin@torpedo.local')
    await user.type(screen.getByLabelText('Senha'), 'admin-senha-123')
    await user.click(screen.getByRole('button', { name: 'Entrar' }))

    expect(await screen.findByRole('heading', { name: 'Campanhas', level: 1 })).toBeInTheDocument()
    await waitFor(() => expect(router.state.location.pathname).toBe('/campanhas'))
  })

  it('sends a logged-out visitor to the login page, remembering where they wanted to go', async () => {
    const { router } = renderApp('/auditoria')
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
    expect(router.state.location.search).toBe('?next=%2Fauditoria')
  })
})
