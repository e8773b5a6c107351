import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1

function captureBodies(method: string, path: RegExp) {
  const bodies: unknown[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === method && path.test(new URL(request.url).pathname)) void request.clone().json().then((b) => bodies.push(b))
  })
  return bodies
}

afterEach(() => server.events.removeAllListeners())

type User = ReturnType<typeof renderApp>['user']

const stepHeading = (name: string) => screen.findByRole('heading', { name: new RegExp(`· ${name}$`) }, { timeout: 5000 })

/** Básico with a name, the audio "Lembrete de consulta" and the list "Cobrança março"; then Discagem with vivo-sp. */
async function fillBasicsAndTrunk(user: User, name: string) {
  await stepHeading('Básico')
  await user.type(screen.getByLabelText('Nome da campanha'), name)
  await user.click(screen.getByRole('combobox', { name: 'Mensagem (áudio)' }))
  await user.click(await screen.findByRole('option', { name: /Lembrete de consulta/ }))
  expect(screen.getByTestId('audio-delivery')).toHaveTextContent('Entregue aos servidores (2 de 2).')
  await user.click(await screen.findByRole('checkbox', { name: /Cobrança março/ }))
  expect(screen.getByTestId('lists-total')).toHaveTextContent('1 lista escolhida · 3 contatos no total')
  await user.click(screen.getByRole('button', { name: /Próximo/ }))

  await stepHeading('Discagem')
  await user.click(screen.getByRole('combobox', { name: 'Adicionar outro tronco (failover)' }))
  await user.click(await screen.findByRole('option', { name: /vivo-sp/ }))
  expect(screen.getAllByTestId('trunk-order-item')).toHaveLength(1)
}

describe('Nova campanha', () => {
  it('asks for a name before moving on, then saves the defaults as a draft and opens the campaign', async () => {
    const bodies = captureBodies('POST', /\/campaigns$/)
    const { user, router } = renderApp('/campanhas/nova', { userId: ADMIN })
    await stepHeading('Básico')
    await user.click(screen.getByRole('button', { name: /Próximo/ }))
    expect(await screen.findByText('Dê um nome à campanha.')).toBeInTheDocument()

    await fillBasicsAndTrunk(user, 'Cobrança abril')
    expect(screen.getByLabelText('Chamadas simultâneas (máximo)')).toHaveValue(10)
    const hint = screen.getByTestId('concurrency-hint')
    expect(hint).toHaveTextContent('Recomendado: 10–20 chamadas simultâneas para até 1.000 contatos, 30–50 até 10.000, 50–100 acima disso')
    expect(within(hint).getByText('10–20 chamadas simultâneas para até 1.000 contatos')).toHaveAttribute('aria-current', 'true')
    await user.click(screen.getByRole('button', { name: /Próximo/ }))

    await stepHeading('Atendimento')
    await user.click(screen.getByRole('button', { name: /Próximo/ }))
    await stepHeading('Novas tentativas')
    expect(screen.getByRole('textbox', { name: 'Ocupado' })).toHaveValue('15')
    expect(screen.getByRole('textbox', { name: 'Caixa postal' })).toHaveValue('')
    await user.click(screen.getByRole('button', { name: /Próximo/ }))
    await stepHeading('Horário')
    expect(screen.getAllByTestId('calling-window')).toHaveLength(2)
    await user.click(screen.getByRole('button', { name: /Próximo/ }))

    await stepHeading('Revisão')
    expect(screen.getByTestId('summary-horario')).toHaveTextContent('Seg–Sex 09:00–20:00')
    expect(screen.getByTestId('summary-horario')).toHaveTextContent('Sáb 09:00–14:00')
    expect(screen.queryByTestId('review-missing')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Salvar rascunho' }))

    expect(await screen.findByRole('heading', { name: 'Cobrança abril', level: 1 }, { timeout: 5000 })).toBeInTheDocument()
    const created = db.campaigns.find((c) => c.name === 'Cobrança abril')!
    expect(router.state.location.pathname).toBe(`/campanhas/${created.id}`)
    expect(bodies).toEqual([
      {
        name: 'Cobrança abril',
        audioId: 3,
        listIds: [1],
        trunkIds: [1],
        callerId: null,
        maxConcurrent: 10,
        maxCps: 5,
        ringTimeoutS: 30,
        amdEnabled: false,
        machineAction: 'hangup',
        ivrEnabled: false,
        ivrOptions: {},
        readTimeoutS: 5,
        retryPolicy: { maxAttempts: 3, delaysS: { busy: 900, 'no-answer': 1800, failed: 600, voicemail: null, unknown: 600 }, nextPhoneOn: ['busy', 'no-answer'] },
        schedule: {
          windows: [
            { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '20:00' },
            { weekdays: [6], start: '09:00', end: '14:00' },
          ],
        },
        timezone: 'America/Sao_Paulo',
        allowHolidays: false,
        startsAt: null,
        endsAt: null,
      },
    ])
  })

  it('shows the server’s 422 next to the field it names, on its step', async () => {
    let answers = 0
    server.use(
      http.post('*/api/v1/campaigns', () => {
        answers += 1
        return HttpResponse.json(
          { error: { code: 'validation', message: 'O intervalo deve ser de 60 segundos a 30 dias (em segundos), ou vazio para não tentar de novo.', field: 'retryPolicy.delaysS.busy' } },
          { status: 422 },
        )
      }),
    )
    const { user } = renderApp('/campanhas/nova', { userId: ADMIN })
    await fillBasicsAndTrunk(user, 'Teste 422')
    await user.click(screen.getByRole('button', { name: 'Revisão' }))
    await stepHeading('Revisão')
    await user.click(screen.getByRole('button', { name: 'Salvar rascunho' }))

    await stepHeading('Novas tentativas')
    expect(answers).toBe(1)
    const busy = screen.getByRole('textbox', { name: 'Ocupado' })
    expect(busy).toHaveAttribute('aria-invalid', 'true')
    expect(busy).toHaveAccessibleDescription(
      'O servidor recusou este intervalo: informe de 1 a 43.200 minutos (30 dias), ou deixe vazio para não tentar de novo.',
    )
    // The step is flagged in the step list.
    expect(screen.getByRole('button', { name: /Novas tentativas/ })).toHaveAttribute('data-error', 'true')
  })

  it('puts an IVR key’s error on that key’s row in Atendimento', async () => {
    server.use(
      http.post('*/api/v1/campaigns', () =>
        HttpResponse.json({ error: { code: 'validation', message: 'A fila "suporte" não tem membros: inclua ramais em Filas.', field: 'ivrOptions.1.target' } }, { status: 422 }),
      ),
    )
    const { user } = renderApp('/campanhas/nova', { userId: ADMIN })
    await fillBasicsAndTrunk(user, 'Pesquisa com URA')
    await user.click(screen.getByRole('button', { name: 'Atendimento' }))
    await stepHeading('Atendimento')
    await user.click(screen.getByRole('switch', { name: 'Menu de opções (URA)' }))
    await user.click(screen.getByRole('combobox', { name: 'Ação da tecla 1' }))
    await user.click(await screen.findByRole('option', { name: 'Transferir para fila' }))
    await user.click(screen.getByRole('combobox', { name: 'Fila da tecla 1' }))
    await user.click(await screen.findByRole('option', { name: 'suporte' }))
    await user.click(screen.getByRole('button', { name: 'Revisão' }))
    await stepHeading('Revisão')
    await user.click(screen.getByRole('button', { name: 'Salvar rascunho' }))

    await stepHeading('Atendimento')
    const key1 = screen.getAllByTestId('ivr-key').find((li) => li.dataset.key === '1')!
    expect(await within(key1).findByText('A fila "suporte" não tem membros: inclua ramais em Filas.')).toBeInTheDocument()
    expect(within(key1).getByRole('combobox', { name: 'Fila da tecla 1' })).toHaveAttribute('aria-invalid', 'true')
  })

  it('edits a draft at the step a readiness link names, and sends only what changed', async () => {
    const bodies = captureBodies('PATCH', /\/campaigns\/2$/)
    const { user, router } = renderApp('/campanhas/2/editar?etapa=discagem', { userId: ADMIN })
    await stepHeading('Discagem')
    expect(screen.getByRole('heading', { name: 'Editar campanha', level: 1 })).toBeInTheDocument()
    await waitFor(() => expect(screen.getAllByTestId('trunk-order-item').map((li) => li.textContent)).toEqual([expect.stringContaining('vivo-sp')]))
    await user.click(screen.getByRole('combobox', { name: 'Adicionar outro tronco (failover)' }))
    await user.click(await screen.findByRole('option', { name: /claro-ip/ }))
    await user.click(screen.getByRole('button', { name: 'Subir claro-ip' }))
    await user.clear(screen.getByLabelText('Chamadas simultâneas (máximo)'))
    await user.type(screen.getByLabelText('Chamadas simultâneas (máximo)'), '25')
    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/campanhas/2'))
    expect(bodies).toEqual([{ trunkIds: [2, 1], maxConcurrent: 25 }])
  })
})
