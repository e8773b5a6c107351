import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1

describe('Usuários page', () => {
  it('lists users with role and status badges', async () => {
    renderApp('/usuarios', { userId: ADMIN })
    const table = await screen.findByRole('table', { name: 'Usuários' })
    const row = (await within(table).findByText('João Operador')).closest('tr')!
    expect(within(row).getAllByText('joao@callcenter.com.br').length).toBeGreaterThan(0)
    expect(within(row).getByText('Operador')).toBeInTheDocument()
    expect(within(row).getByText('Ativo')).toBeInTheDocument()

    const inactive = within(table).getByText('Beatriz Inativa').closest('tr')!
    expect(within(inactive).getByText('Inativo')).toBeInTheDocument()
    const admin = within(table).getByText('Ana Administradora').closest('tr')!
    expect(within(admin).getByText('Administrador')).toBeInTheDocument()
    expect(within(admin).getByText('você')).toBeInTheDocument()
    // You cannot delete yourself.
    expect(within(admin).getByRole('button', { name: 'Excluir Ana Administradora' })).toBeDisabled()
  })

  it('refuses a short password when creating a user, without calling the server', async () => {
    let posted = false
    server.use(
      http.post('*/api/v1/users', () => {
        posted = true
        return HttpResponse.json({}, { status: 500 })
      }),
    )
    const { user } = renderApp('/usuarios', { userId: ADMIN })
    await user.click(await screen.findByRole('button', { name: 'Novo usuário' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo usuário' })
    await user.type(within(dialog).getByLabelText('Nome'), 'Carla Supervisora')
    await user.type(within(dialog).getByLabelText('E-mail'), 'carla@callcenter.com.br')
    await user.type(within(dialog).getByLabelText('Senha'), 'curta')
    await user.click(within(dialog).getByRole('button', { name: 'Criar usuário' }))

    expect(await within(dialog).findByText('A senha deve ter pelo menos 10 caracteres.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Senha')).toHaveAttribute('aria-invalid', 'true')
    expect(posted).toBe(false)
  })

  it('puts the server’s 409 on the e-mail field in Portuguese', async () => {
    const { user } = renderApp('/usuarios', { userId: ADMIN })
    await user.click(await screen.findByRole('button', { name: 'Novo usuário' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo usuário' })
    await user.type(within(dialog).getByLabelText('Nome'), 'Outro João')
    await user.type(within(dialog).getByLabelText('E-mail'), 'joao@callcenter.com.br')
    await user.type(within(dialog).getByLabelText('Senha'), 'senha-bem-longa-1')
    await user.click(within(dialog).getByRole('button', { name: 'Criar usuário' }))

    expect(
      await within(dialog).findByText('Este e-mail já está cadastrado para outro usuário. Use outro e-mail.'),
    ).toBeInTheDocument()
  })

  it('creates a user (with the CSRF header) and shows it in the table', async () => {
    const { user } = renderApp('/usuarios', { userId: ADMIN })
    await user.click(await screen.findByRole('button', { name: 'Novo usuário' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo usuário' })
    await user.type(within(dialog).getByLabelText('Nome'), 'Carla Supervisora')
    await user.type(within(dialog).getByLabelText('E-mail'), 'carla@callcenter.com.br')
    await user.type(within(dialog).getByLabelText('Senha'), 'senha-bem-longa-1')
    await user.click(within(dialog).getByRole('button', { name: 'Criar usuário' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const table = screen.getByRole('table', { name: 'Usuários' })
    expect(await within(table).findByText('Carla Supervisora')).toBeInTheDocument()
    expect(db.users.find((u) => u.email === 'carla@callcenter.com.br')?.role).toBe('user')
  })

  it('sends an operator who opens /usuarios to a page they can see', async () => {
    const { router } = renderApp('/usuarios', { userId: 2 })
    expect(await screen.findByRole('heading', { name: 'Campanhas', level: 1 })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/campanhas')
  })

  it('goes to the login page when the session expires (401)', async () => {
    server.use(http.get('*/api/v1/users', () => HttpResponse.json({ error: { code: 'unauthorized', message: 'expired' } }, { status: 401 })))
    const { router } = renderApp('/usuarios', { userId: ADMIN })
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
  })
})
