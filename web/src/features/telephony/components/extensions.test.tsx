import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

/** The first load of a lazily loaded page can take a while on a busy machine. */
const row = (name: RegExp | string) => screen.findByRole('row', { name }, { timeout: 5000 })

/** Collects the JSON bodies sent with `method` to `path`. */
function captureBodies(method: string, path: RegExp) {
  const bodies: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === method && path.test(new URL(request.url).pathname)) void request.clone().json().then((b) => bodies.push(b))
  })
  return bodies
}

afterEach(() => server.events.removeAllListeners())

describe('Ramais', () => {
  it('lists extensions with their SIP user, queues and live registration', async () => {
    renderApp('/ramais', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Ramais', level: 1 }, { timeout: 5000 })).toBeInTheDocument()
    const ana = await row('1001 Ana Souza')
    expect(within(ana).getByTestId('endpoint')).toHaveTextContent('r1001-k3x9q2')
    expect(within(ana).getByText('suporte')).toBeInTheDocument()
    expect(await within(ana).findByText('Registrado')).toBeInTheDocument()
    const bruno = await row('1002 Bruno Lima')
    expect(within(bruno).getByText('Identificação 551140041234')).toBeInTheDocument()
    expect(within(bruno).getByText('Não registrado')).toBeInTheDocument()
    const carla = await row('1003 Carla Dias')
    expect(within(carla).getAllByText('Desativado').length).toBeGreaterThan(0)
    // Admins get the actions and "Aplicar no Asterisk".
    expect(within(ana).getByRole('button', { name: 'Editar o ramal 1001' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Aplicar no Asterisk/ })).toBeInTheDocument()
  })

  it('says when Asterisk could not be asked, rather than guess', async () => {
    server.use(http.get('*/api/v1/pbx/live', () => HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 })))
    renderApp('/ramais', { userId: ADMIN })
    const ana = await row('1001 Ana Souza')
    expect(await within(ana).findByText('Não foi possível consultar o Asterisk agora; a situação volta a ser atualizada em instantes.')).toBeInTheDocument()
    expect(within(ana).queryByText('Sem servidor')).not.toBeInTheDocument()
  })

  it('shows operators the list without any action', async () => {
    renderApp('/ramais', { userId: OPERATOR })
    const ana = await row('1001 Ana Souza')
    expect(within(ana).queryByRole('button', { name: /Editar/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Novo ramal' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Aplicar no Asterisk/ })).not.toBeInTheDocument()
  })

  it('tells a new admin what to do when there is none', async () => {
    db.extensions = []
    db.queues = []
    renderApp('/ramais', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Cadastre o primeiro ramal' }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Criar ramal' })).toBeInTheDocument()
  })

  it('validates the form like the daemon, then shows the generated secret once', async () => {
    const bodies = captureBodies('POST', /\/extensions$/)
    const { user } = renderApp('/ramais', { userId: ADMIN })
    await row('1001 Ana Souza')
    await user.click(screen.getByRole('button', { name: 'Novo ramal' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo ramal' })
    await user.type(within(dialog).getByLabelText('Número do ramal'), '1')
    await user.type(within(dialog).getByLabelText('Nome'), 'Ana "Gerente"')
    await user.type(within(dialog).getByLabelText('Número de identificação (opcional)'), '11 4004')
    await user.click(within(dialog).getByRole('checkbox', { name: 'G.711 µ-law (ulaw)' }))
    await user.click(within(dialog).getByRole('checkbox', { name: 'G.711 A-law (alaw)' }))
    await user.click(within(dialog).getByRole('button', { name: 'Criar ramal' }))
    expect(await within(dialog).findByText('Use de 2 a 8 dígitos (ex.: 1001).')).toBeInTheDocument()
    expect(within(dialog).getByText(/Use só letras, números, espaço, ponto, hífen, sublinhado e apóstrofo/)).toBeInTheDocument()
    expect(within(dialog).getByText('Use só dígitos, com + opcional no início (ex.: 551140041234).')).toBeInTheDocument()
    expect(within(dialog).getByText('Escolha ao menos um codec.')).toBeInTheDocument()
    expect(bodies).toHaveLength(0)

    await user.clear(within(dialog).getByLabelText('Número do ramal'))
    await user.type(within(dialog).getByLabelText('Número do ramal'), '1010')
    await user.clear(within(dialog).getByLabelText('Nome'))
    await user.type(within(dialog).getByLabelText('Nome'), "Maria D'Ávila")
    await user.clear(within(dialog).getByLabelText('Número de identificação (opcional)'))
    await user.click(within(dialog).getByRole('checkbox', { name: 'G.722 (HD)' }))
    await user.click(within(dialog).getByRole('checkbox', { name: 'G.711 A-law (alaw)' }))
    await user.click(within(dialog).getByRole('button', { name: 'Criar ramal' }))

    const created = await screen.findByRole('dialog', { name: 'Ramal 1010 criado' })
    const secret = within(created).getByTestId('sip-secret') as HTMLInputElement
    expect(secret.value).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(within(created).getByTestId('sip-endpoint')).toHaveValue(db.extensions.at(-1)!.endpoint)
    expect(within(created).getByText('Anote agora: a senha não será mostrada de novo.')).toBeInTheDocument()
    expect(bodies).toEqual([{ number: '1010', name: "Maria D'Ávila", callerId: null, codecs: ['alaw', 'g722'], enabled: true }])

    await user.click(within(created).getByRole('button', { name: 'Copiar senha' }))
    expect(await navigator.clipboard.readText()).toBe(secret.value)
    await user.click(within(created).getByRole('button', { name: 'Já anotei' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await row('1010 Maria D\'Ávila')).toBeInTheDocument()
    // Opened again, the dialog starts over: the secret is gone for good.
    await user.click(screen.getByRole('button', { name: 'Novo ramal' }))
    const again = await screen.findByRole('dialog', { name: 'Novo ramal' })
    expect(within(again).queryByTestId('sip-secret')).not.toBeInTheDocument()
  })

  it('shows the daemon’s 422 message under the field it names, and a taken number', async () => {
    server.use(
      http.post('*/api/v1/extensions', async ({ request }) => {
        const body = (await request.json()) as { number: string }
        if (body.number === '2000')
          return HttpResponse.json({ error: { code: 'validation', message: 'Nome longo demais (máximo 64 caracteres).', field: 'name' } }, { status: 422 })
        return HttpResponse.json({ error: { code: 'conflict', message: 'Já existe um ramal com este número.', field: 'number' } }, { status: 409 })
      }),
    )
    const { user } = renderApp('/ramais', { userId: ADMIN })
    await row('1001 Ana Souza')
    await user.click(screen.getByRole('button', { name: 'Novo ramal' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo ramal' })
    await user.type(within(dialog).getByLabelText('Número do ramal'), '2000')
    await user.type(within(dialog).getByLabelText('Nome'), 'Ana')
    await user.click(within(dialog).getByRole('button', { name: 'Criar ramal' }))
    expect(await within(dialog).findByText('Nome longo demais (máximo 64 caracteres).')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Nome')).toHaveAttribute('aria-invalid', 'true')
    await user.clear(within(dialog).getByLabelText('Número do ramal'))
    await user.type(within(dialog).getByLabelText('Número do ramal'), '1001')
    await user.click(within(dialog).getByRole('button', { name: 'Criar ramal' }))
    expect(await within(dialog).findByText('Já existe um ramal com este número. Escolha outro.')).toBeInTheDocument()
  })

  it('edits only what changed', async () => {
    const bodies = captureBodies('PATCH', /\/extensions\/2$/)
    const { user } = renderApp('/ramais', { userId: ADMIN })
    const bruno = await row('1002 Bruno Lima')
    await user.click(within(bruno).getByRole('button', { name: 'Editar o ramal 1002' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar ramal' })
    await user.clear(within(dialog).getByLabelText('Número de identificação (opcional)'))
    await user.click(within(dialog).getByRole('switch', { name: 'Ramal ativo' }))
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies).toEqual([{ callerId: null, enabled: false }])
  })

  it('makes a new password after confirming and shows it once', async () => {
    const { user } = renderApp('/ramais', { userId: ADMIN })
    const bruno = await row('1002 Bruno Lima')
    await user.click(within(bruno).getByRole('button', { name: 'Gerar nova senha do ramal 1002' }))
    const confirm = await screen.findByRole('dialog', { name: 'Gerar nova senha?' })
    expect(within(confirm).getByText(/deixa de valer/)).toBeInTheDocument()
    await user.click(within(confirm).getByRole('button', { name: 'Gerar nova senha' }))
    const shown = await screen.findByRole('dialog', { name: 'Nova senha do ramal 1002' })
    expect(within(shown).getByTestId('sip-secret')).toHaveValue(db.extensions[1]!.secret)
    expect(within(shown).getByTestId('sip-endpoint')).toHaveValue('r1002-p8d2m5')
  })

  it('shows why an extension in a queue cannot be deleted', async () => {
    const { user } = renderApp('/ramais', { userId: ADMIN })
    const ana = await row('1001 Ana Souza')
    await user.click(within(ana).getByRole('button', { name: 'Excluir o ramal 1001' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Excluir ramal?' })
    await user.click(within(confirm).getByRole('button', { name: 'Excluir ramal' }))
    expect(await within(confirm).findByText('O ramal 1001 é membro da(s) fila(s) "suporte": tire-o de lá antes de excluí-lo.')).toBeInTheDocument()
    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }))

    const bruno = await row('1002 Bruno Lima')
    await user.click(within(bruno).getByRole('button', { name: 'Excluir o ramal 1002' }))
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Excluir ramal' }))
    await waitFor(() => expect(screen.queryByRole('row', { name: '1002 Bruno Lima' })).not.toBeInTheDocument())
  })
})
