import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db, makeCampaign } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

const title = (name: string) => screen.findByRole('heading', { name, level: 1 }, { timeout: 5000 })
const counter = (id: string) => screen.getByTestId(`counter-${id}-value`)

describe('Campanha', () => {
  it('lists what keeps a draft from starting, with Iniciar disabled and a link to fix each setting', async () => {
    // The audio is still being written on one node and no trunk was chosen.
    db.campaigns.push(makeCampaign({ id: 7, name: 'Aviso de corte', audioId: 2, trunkIds: [] }))
    renderApp('/campanhas/7', { userId: ADMIN })
    await title('Aviso de corte')
    const readiness = screen.getByTestId('readiness')
    expect(within(readiness).getByText('Faltam 2 itens para iniciar')).toBeInTheDocument()
    expect(within(readiness).getByText('O áudio "Cobrança D+5" ainda não foi entregue a todos os servidores: aguarde ou veja em Áudios.')).toBeInTheDocument()
    expect(within(readiness).getByText('Escolha ao menos um tronco (etapa Discagem).')).toBeInTheDocument()
    const fixes = within(readiness).getAllByRole('link', { name: 'Corrigir' })
    expect(fixes.map((a) => a.getAttribute('href'))).toEqual(['/campanhas/7/editar?etapa=basico', '/campanhas/7/editar?etapa=discagem'])
    expect(screen.getByRole('button', { name: 'Iniciar' })).toBeDisabled()
    for (const action of ['Editar', 'Excluir', 'Cancelar campanha']) expect(screen.getByRole(action === 'Editar' ? 'link' : 'button', { name: action })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Pausar' })).not.toBeInTheDocument()
  })

  it('shows the daemon’s 409 when it refuses to start', async () => {
    db.campaigns.push(makeCampaign({ id: 8, name: 'Lembrete de vacina' }))
    server.use(
      http.post('*/api/v1/campaigns/8/start', () =>
        HttpResponse.json({ error: { code: 'conflict', message: 'O servidor asterisk-rj-02 está desconectado: confira-o em Servidores antes de iniciar.' } }, { status: 409 }),
      ),
    )
    const { user } = renderApp('/campanhas/8', { userId: ADMIN })
    await title('Lembrete de vacina')
    await user.click(screen.getByRole('button', { name: 'Iniciar' }))
    expect(await screen.findByTestId('command-error')).toHaveTextContent('O servidor asterisk-rj-02 está desconectado: confira-o em Servidores antes de iniciar.')
    expect(screen.getByTestId('campaign-status')).toHaveTextContent('Rascunho')
  })

  it('starts a ready draft', async () => {
    db.campaigns.push(makeCampaign({ id: 9, name: 'Pesquisa NPS' }))
    const { user } = renderApp('/campanhas/9', { userId: ADMIN })
    await title('Pesquisa NPS')
    expect(screen.queryByTestId('readiness')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Iniciar' }))
    await waitFor(() => expect(screen.getByTestId('campaign-status')).toHaveTextContent('Em execução'))
    expect(screen.getByRole('button', { name: 'Pausar' })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Editar' })).not.toBeInTheDocument()
  })

  it('lets an operator pause and resume a running campaign, but not start, cancel, edit or delete it', async () => {
    const { user } = renderApp('/campanhas/1', { userId: OPERATOR })
    await title('Cobrança março')
    expect(screen.getByTestId('campaign-status')).toHaveTextContent('Em execução')
    for (const name of ['Iniciar', 'Cancelar campanha', 'Excluir']) expect(screen.queryByRole('button', { name })).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Editar' })).not.toBeInTheDocument()

    // Live counters, the calls up and the call log.
    expect(counter('contacts')).toHaveTextContent('3')
    expect(counter('remaining')).toHaveTextContent('1')
    expect(counter('up')).toHaveTextContent('1')
    expect(counter('attempts')).toHaveTextContent('4')
    expect(counter('answered')).toHaveTextContent('2')
    expect(counter('dncSkipped')).toHaveTextContent('1')
    expect(counter('asr')).toHaveTextContent('50%')
    expect(counter('acd')).toHaveTextContent('21,5 s')
    const live = await screen.findByRole('table', { name: 'Chamadas em curso' })
    const call = await within(live).findByRole('row', { name: /\+1 650-253-0000/ })
    expect(within(call).getByText('Chamando')).toBeInTheDocument()
    expect(within(call).getByText('vivo-sp')).toBeInTheDocument()
    const log = screen.getByRole('table', { name: 'Resultados recentes' })
    const rows = await within(log).findAllByTestId('attempt-row')
    expect(rows.map((r) => r.dataset.disposition)).toEqual(['answered', 'busy'])
    expect(within(rows[0]!).getByText('Atendida')).toBeInTheDocument()
    expect(within(rows[0]!).getByText('1')).toBeInTheDocument()
    expect(within(rows[0]!).getByText('2ª tentativa · tel. 1')).toBeInTheDocument()
    expect(within(rows[1]!).getByText('Ocupado')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Pausar' }))
    await waitFor(() => expect(screen.getByTestId('campaign-status')).toHaveTextContent('Pausada'))
    await user.click(screen.getByRole('button', { name: 'Retomar' }))
    await waitFor(() => expect(screen.getByTestId('campaign-status')).toHaveTextContent('Em execução'))
    expect(db.campaigns.find((c) => c.id === 1)?.status).toBe('running')
  })

  it('cancels after a confirmation (admin)', async () => {
    const { user } = renderApp('/campanhas/1', { userId: ADMIN })
    await title('Cobrança março')
    await user.click(screen.getByRole('button', { name: 'Cancelar campanha' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancelar a campanha?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar campanha' }))
    await waitFor(() => expect(screen.getByTestId('campaign-status')).toHaveTextContent('Cancelada'))
    expect(screen.getByRole('button', { name: 'Excluir' })).toBeInTheDocument()
  })
})
