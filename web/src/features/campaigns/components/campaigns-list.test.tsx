import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db, makeProgress } from '@/testing/mocks/db'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

/** Stands in for the browser's WebSocket: the app's events client opens one per render. */
class FakeSocket {
  static all: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  url: string
  constructor(url: string) {
    this.url = url
    FakeSocket.all.push(this)
  }
  close() {}
  receive(msg: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(msg) }))
  }
}

beforeEach(() => {
  FakeSocket.all = []
  vi.stubGlobal('WebSocket', FakeSocket)
})
afterEach(() => vi.stubGlobal('WebSocket', undefined))

const row = (name: string) => screen.findByRole('row', { name }, { timeout: 5000 })

describe('Campanhas', () => {
  it('lists campaigns with status, progress, calls up, answered and taxa de atendimento, then follows the live feed', async () => {
    renderApp('/campanhas', { userId: ADMIN })
    const running = await row('Cobrança março')
    expect(within(running).getByTestId('campaign-status')).toHaveTextContent('Em execução')
    expect(within(running).getByTestId('campaign-progress-text')).toHaveTextContent('66% · 2 de 3')
    expect(within(running).getByTestId('campaign-up')).toHaveTextContent('1')
    expect(within(running).getByTestId('campaign-answered')).toHaveTextContent('2')
    expect(within(running).getByText('50%')).toBeInTheDocument()
    expect(within(running).getByRole('button', { name: 'Pausar a campanha Cobrança março' })).toBeInTheDocument()
    const draft = await row('Lembrete de consulta — abril')
    expect(within(draft).getByTestId('campaign-status')).toHaveTextContent('Rascunho')
    expect(within(draft).getByTestId('campaign-progress-text')).toHaveTextContent('Não iniciada')
    expect(within(draft).getByRole('button', { name: 'Iniciar a campanha Lembrete de consulta — abril' })).toBeEnabled()
    expect(screen.getByRole('link', { name: 'Nova campanha' })).toHaveAttribute('href', '/campanhas/nova')

    // The server's feed: counters of the running campaign, then its status.
    const ws = FakeSocket.all[0]!
    ws.receive({ type: 'hello', user: { id: ADMIN } })
    const progress = makeProgress({ contacts: 3, completed: 2, dncSkipped: 1, attempts: 6, up: 3, answered: 3, busy: 1, noAnswer: 2, asr: 0.5, callsPerMinute: 6 })
    ws.receive({ type: 'campaign-progress', campaignId: 1, progress })
    await waitFor(() => expect(within(running).getByTestId('campaign-progress-text')).toHaveTextContent('100% · 3 de 3'))
    expect(within(running).getByTestId('campaign-up')).toHaveTextContent('3')
    expect(within(running).getByTestId('campaign-answered')).toHaveTextContent('3')

    // An older snapshot (fewer attempts) crossing the newer one changes nothing.
    ws.receive({ type: 'campaign-progress', campaignId: 1, progress: makeProgress({ contacts: 3, attempts: 5, up: 9 }) })
    expect(within(running).getByTestId('campaign-up')).toHaveTextContent('3')

    const paused = { ...db.campaigns.find((c) => c.id === 1)!, status: 'paused', progress: { ...progress, up: 0 }, updatedAt: new Date().toISOString() }
    ws.receive({ type: 'campaign', campaign: paused, from: 'running', to: 'paused', by: 'joao@callcenter.com.br' })
    await waitFor(() => expect(within(running).getByTestId('campaign-status')).toHaveTextContent('Pausada'))
    expect(within(running).getByRole('button', { name: 'Retomar a campanha Cobrança março' })).toBeInTheDocument()
    expect(within(running).getByTestId('campaign-up')).toHaveTextContent('0')
  })

  it('pauses from the list, and an operator sees neither Iniciar nor "Nova campanha"', async () => {
    const { user } = renderApp('/campanhas', { userId: OPERATOR })
    const running = await row('Cobrança março')
    await user.click(within(running).getByRole('button', { name: 'Pausar a campanha Cobrança março' }))
    await waitFor(() => expect(within(running).getByTestId('campaign-status')).toHaveTextContent('Pausada'))
    expect(db.campaigns.find((c) => c.id === 1)?.status).toBe('paused')
    const draft = await row('Lembrete de consulta — abril')
    expect(within(draft).queryByRole('button')).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Nova campanha' })).not.toBeInTheDocument()
  })

  it('shows the empty state: "Nova campanha" for admins, an explanation for operators', async () => {
    db.campaigns = []
    const admin = renderApp('/campanhas', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Nenhuma campanha ainda' }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.getAllByRole('link', { name: 'Nova campanha' })).toHaveLength(2)
    admin.unmount()
    renderApp('/campanhas', { userId: OPERATOR })
    expect(await screen.findByText(/Quando um administrador criar uma campanha/, undefined, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Nova campanha' })).not.toBeInTheDocument()
  })
})
