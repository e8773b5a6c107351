import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

function captureBodies(method: string, path: RegExp) {
  const bodies: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === method && path.test(new URL(request.url).pathname)) void request.clone().json().then((b) => bodies.push(b))
  })
  return bodies
}

afterEach(() => server.events.removeAllListeners())

describe('Filas', () => {
  it('lists queues with their strategy, members and what Asterisk shows now', async () => {
    renderApp('/filas', { userId: OPERATOR })
    const suporte = await screen.findByRole('row', { name: 'suporte' }, { timeout: 5000 })
    expect(within(suporte).getByText('Rodízio')).toBeInTheDocument()
    expect(within(suporte).getByText('Toca 20 s · nova tentativa em 5 s')).toBeInTheDocument()
    expect(within(suporte).getByText('Espera: Espera — violão')).toBeInTheDocument()
    expect(within(within(suporte).getByTestId('queue-members')).getByText('1001')).toBeInTheDocument()
    // Live: asterisk-sp-01 is connected (2 callers waiting, 1001 free); asterisk-rj-02 is not.
    expect(await within(suporte).findByText('2 em espera')).toBeInTheDocument()
    const members = within(suporte).getByRole('list', { name: 'Membros da fila suporte em asterisk-sp-01' })
    expect(within(members).getByTestId('live-member')).toHaveAttribute('data-status', 'free')
    expect(within(members).getByText(/Ana Souza: Livre/)).toBeInTheDocument()
    expect(within(suporte).getByText(/Servidor desconectado/).closest('p')).toHaveTextContent('asterisk-rj-02: Servidor desconectado')
    expect(within(suporte).queryByRole('button', { name: /Editar/ })).not.toBeInTheDocument()
  })

  it('explains an empty page and points to Ramais', async () => {
    db.queues = []
    renderApp('/filas', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Crie a primeira fila' }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Ir para Ramais' })).toHaveAttribute('href', '/ramais')
  })

  it('creates a queue with members, each with its penalty and paused', async () => {
    const bodies = captureBodies('POST', /\/queues$/)
    const { user } = renderApp('/filas', { userId: ADMIN })
    await screen.findByRole('row', { name: 'suporte' }, { timeout: 5000 })
    await user.click(screen.getByRole('button', { name: 'Nova fila' }))
    const dialog = await screen.findByRole('dialog', { name: 'Nova fila' })

    await user.type(within(dialog).getByLabelText('Nome da fila'), 'globals')
    await user.clear(within(dialog).getByLabelText('Tempo de toque (s)'))
    await user.click(within(dialog).getByRole('button', { name: 'Criar fila' }))
    expect(await within(dialog).findByText('Este nome é reservado pelo Asterisk; escolha outro.')).toBeInTheDocument()
    expect(within(dialog).getByText('Informe de 1 a 600 segundos.')).toBeInTheDocument()
    await user.clear(within(dialog).getByLabelText('Nome da fila'))
    await user.type(within(dialog).getByLabelText('Nome da fila'), 'Cobrança')
    await user.click(within(dialog).getByRole('button', { name: 'Criar fila' }))
    expect(await within(dialog).findByText(/Use de 1 a 40 letras minúsculas sem acento/)).toBeInTheDocument()

    await user.clear(within(dialog).getByLabelText('Nome da fila'))
    await user.type(within(dialog).getByLabelText('Nome da fila'), 'cobranca')
    await user.type(within(dialog).getByLabelText('Tempo de toque (s)'), '25')
    await user.click(within(dialog).getByRole('radio', { name: /Quem atendeu menos/ }))
    expect(within(dialog).getByText('Toca o atendente que atendeu menos chamadas desta fila.')).toBeInTheDocument()

    // Members: tick 1002 and 1001 (kept in the extensions' order), 1001 paused, 1002 with penalty 5.
    const list = within(dialog).getByTestId('members-list')
    await user.click(within(list).getByRole('checkbox', { name: 'Ramal 1002 — Bruno Lima' }))
    await user.click(within(list).getByRole('checkbox', { name: 'Ramal 1001 — Ana Souza' }))
    expect(within(dialog).getByTestId('members-count')).toHaveTextContent('2 selecionados')
    const penalty = within(list).getByRole('spinbutton', { name: 'Penalidade do ramal 1002' })
    await user.clear(penalty)
    await user.type(penalty, '101')
    await user.click(within(list).getByRole('switch', { name: 'Ramal 1001 pausado' }))
    await user.click(within(dialog).getByRole('button', { name: 'Criar fila' }))
    expect(await within(dialog).findByText('A penalidade vai de 0 a 100.')).toBeInTheDocument()
    await user.clear(penalty)
    await user.type(penalty, '5')
    await user.click(within(dialog).getByRole('button', { name: 'Criar fila' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies).toEqual([
      {
        name: 'cobranca',
        strategy: 'fewestcalls',
        timeoutS: 25,
        retryS: 5,
        maxCallers: 0,
        wrapupS: 0,
        mohAudioId: null,
        announceAudioId: null,
        members: [
          { extensionId: 1, penalty: 0, paused: true },
          { extensionId: 2, penalty: 5, paused: false },
        ],
      },
    ])
    const row = await screen.findByRole('row', { name: 'cobranca' }, { timeout: 5000 })
    expect(within(row).getByText('2 membros')).toBeInTheDocument()
  })

  it('replaces the members list when one is taken out, and shows a taken name', async () => {
    const bodies = captureBodies('PATCH', /\/queues\/1$/)
    db.queues.push({ ...db.queues[0]!, id: 2, name: 'vendas', members: [] })
    const { user } = renderApp('/filas', { userId: ADMIN })
    const suporte = await screen.findByRole('row', { name: 'suporte' }, { timeout: 5000 })
    await user.click(within(suporte).getByRole('button', { name: 'Editar a fila suporte' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar fila' })
    await user.clear(within(dialog).getByLabelText('Nome da fila'))
    await user.type(within(dialog).getByLabelText('Nome da fila'), 'vendas')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    expect(await within(dialog).findByText('Já existe uma fila com este nome. Escolha outro.')).toBeInTheDocument()
    await user.clear(within(dialog).getByLabelText('Nome da fila'))
    await user.type(within(dialog).getByLabelText('Nome da fila'), 'suporte')
    await user.click(within(within(dialog).getByTestId('members-list')).getByRole('checkbox', { name: 'Ramal 1001 — Ana Souza' }))
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies.at(-1)).toEqual({ members: [] })
    expect(await within(suporte).findByText('Sem membros: ninguém atende esta fila.')).toBeInTheDocument()
  })
})
