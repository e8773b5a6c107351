import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db, makePbxStatus } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

const card = (name: string) => screen.findByRole('article', { name })

/** Counts the HTTP requests matching method + path (e.g. how often the list was fetched). */
function countRequests(method: string, path: string) {
  const seen = { count: 0 }
  const listener = ({ request }: { request: Request }) => {
    if (request.method === method && new URL(request.url).pathname === path) seen.count += 1
  }
  server.events.on('request:start', listener)
  return seen
}

/** Minimal WebSocket stand-in, installed as the global the events client uses. */
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

afterEach(() => {
  server.events.removeAllListeners()
  vi.stubGlobal('WebSocket', undefined)
  FakeSocket.all = []
})

describe('Servidores page', () => {
  it('lists every node with its state badge, versions, uptime, channels and last error', async () => {
    renderApp('/servidores', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Servidores', level: 1 })).toBeInTheDocument()

    const sp = await card('asterisk-sp-01')
    expect(within(sp).getByText('Conectado')).toBeInTheDocument()
    expect(within(sp).getByText('22.5.2')).toBeInTheDocument()
    expect(within(sp).getByText('AMI 11.0.0')).toBeInTheDocument()
    expect(within(sp).getByText('há 3 d 4 h')).toBeInTheDocument()
    expect(within(sp).getByText('há 2 h 10 min')).toBeInTheDocument()
    expect(within(sp).getByTestId('ami-address')).toHaveTextContent('10.0.0.21:5038')
    expect(within(sp).getByText('usuário torpedo')).toBeInTheDocument()
    const bar = within(sp).getByRole('progressbar', { name: 'Canais em uso em asterisk-sp-01' })
    expect(bar).toHaveAttribute('aria-valuenow', '38')
    expect(bar).toHaveAttribute('aria-valuemax', '120')

    const rj = await card('asterisk-rj-02')
    expect(within(rj).getByText('Desconectado')).toBeInTheDocument()
    expect(within(rj).getByText('20.11.0')).toBeInTheDocument() // last known version
    expect(within(rj).getByText(/Conexão recusada por 10\.0\.1\.7:5038\./)).toBeInTheDocument()
    expect(within(rj).getByRole('progressbar')).not.toHaveAttribute('aria-valuenow')

    expect(screen.getByText('Conectados: 1 de 2')).toBeInTheDocument()
    expect(screen.getByText('1 precisa de atenção')).toBeInTheDocument()
  })

  it('shows the "Credenciais recusadas" and "Desativado" states', async () => {
    db.pbxNodes[0]!.status = makePbxStatus({ state: 'auth_failed', lastError: 'Usuário ou senha da AMI recusados.' })
    db.pbxNodes[1]!.enabled = false
    db.pbxNodes[1]!.status = makePbxStatus({ state: 'disabled', lastError: null })
    renderApp('/servidores', { userId: ADMIN })
    const sp = await card('asterisk-sp-01')
    expect(within(sp).getByText('Credenciais recusadas')).toBeInTheDocument()
    expect(within(sp).getByText(/Usuário ou senha da AMI recusados\./)).toBeInTheDocument()
    expect(within(await card('asterisk-rj-02')).getByText('Desativado')).toBeInTheDocument()
  })

  it('applies a pbx-status message from the events socket to the card, without refetching', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    const lists = countRequests('GET', '/api/v1/pbx-nodes')
    renderApp('/servidores', { userId: ADMIN })
    const rj = await card('asterisk-rj-02')
    expect(within(rj).getByText('Desconectado')).toBeInTheDocument()
    expect(lists.count).toBe(1)

    const ws = FakeSocket.all[0]!
    expect(ws.url).toMatch(/\/api\/v1\/events$/)
    ws.receive({ type: 'hello', user: { id: ADMIN } })
    ws.receive({
      type: 'pbx-status',
      nodeId: 2,
      status: makePbxStatus({ state: 'connected', asteriskVersion: '20.12.0', activeChannels: 12, updatedAt: new Date().toISOString() }),
    })

    expect(await within(rj).findByText('Conectado')).toBeInTheDocument()
    expect(within(rj).getByText('20.12.0')).toBeInTheDocument()
    expect(within(rj).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '12')
    expect(within(rj).queryByText(/Conexão recusada/)).not.toBeInTheDocument()
    expect(screen.getByText('Conectados: 2 de 2')).toBeInTheDocument()

    // An older status (crossed with a newer one) is dropped.
    ws.receive({
      type: 'pbx-status',
      nodeId: 2,
      status: makePbxStatus({ state: 'disconnected', updatedAt: '2020-01-01T00:00:00Z' }),
    })
    expect(within(rj).getByText('Conectado')).toBeInTheDocument()
    expect(lists.count).toBe(1)

    // A change of the entity, on the other hand, refetches the list.
    db.pbxNodes[0]!.name = 'asterisk-sp-01b'
    ws.receive({ type: 'change', entity: 'pbx-node', action: 'updated', id: '1', at: new Date().toISOString() })
    expect(await card('asterisk-sp-01b')).toBeInTheDocument()
    expect(lists.count).toBe(2)
  })

  it('shows an operator the nodes but no create, test, edit or delete buttons', async () => {
    renderApp('/servidores', { userId: OPERATOR })
    const sp = await card('asterisk-sp-01')
    expect(within(sp).getByText('Conectado')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Novo servidor' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Testar conexão/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Editar/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Excluir/ })).not.toBeInTheDocument()
  })

  it('tells a new admin how to prepare manager.conf when there is no node', async () => {
    db.pbxNodes = []
    renderApp('/servidores', { userId: ADMIN })
    expect(await screen.findByRole('heading', { name: 'Cadastre o primeiro servidor Asterisk' })).toBeInTheDocument()
    expect(screen.getByText(/\[torpedo\]/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Cadastrar servidor' })).toBeInTheDocument()
  })

  it('tells an operator to ask an admin when there is no node', async () => {
    db.pbxNodes = []
    renderApp('/servidores', { userId: OPERATOR })
    expect(await screen.findByRole('heading', { name: 'Nenhum servidor cadastrado' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Cadastrar servidor' })).not.toBeInTheDocument()
  })

  it('tests a saved node from its card and shows the result inline', async () => {
    db.pbxNodes[1]!.amiHost = '10.99.0.7'
    const { user } = renderApp('/servidores', { userId: ADMIN })
    const sp = await card('asterisk-sp-01')
    await user.click(within(sp).getByRole('button', { name: 'Testar conexão com asterisk-sp-01' }))
    const ok = await within(sp).findByTestId('pbx-test-result')
    expect(ok).toHaveTextContent('Conexão bem-sucedida')
    expect(ok).toHaveTextContent('Asterisk 22.5.2 · AMI 11.0.0 · 12 ms')

    const rj = await card('asterisk-rj-02')
    await user.click(within(rj).getByRole('button', { name: 'Testar conexão com asterisk-rj-02' }))
    expect(await within(rj).findByTestId('pbx-test-result')).toHaveTextContent('Sem resposta de 10.99.0.7:5038 em 5 s.')
  })

  it('deletes a node after confirmation', async () => {
    const { user } = renderApp('/servidores', { userId: ADMIN })
    await user.click(within(await card('asterisk-rj-02')).getByRole('button', { name: 'Excluir asterisk-rj-02' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Excluir servidor?' })
    expect(confirm).toHaveTextContent('asterisk-rj-02 (10.0.1.7:5038)')
    await user.click(within(confirm).getByRole('button', { name: 'Excluir servidor' }))
    await waitFor(() => expect(screen.queryByRole('article', { name: 'asterisk-rj-02' })).not.toBeInTheDocument())
    expect(db.pbxNodes.map((n) => n.name)).toEqual(['asterisk-sp-01'])
  })
})

describe('Novo servidor dialog', () => {
  async function openCreate() {
    const utils = renderApp('/servidores', { userId: ADMIN })
    await utils.user.click(await screen.findByRole('button', { name: 'Novo servidor' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo servidor Asterisk' })
    return { ...utils, dialog }
  }

  it('refuses a port out of range and a missing secret, without calling the server', async () => {
    let posted = false
    server.use(
      http.post('*/api/v1/pbx-nodes', () => {
        posted = true
        return HttpResponse.json({}, { status: 500 })
      }),
    )
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk-bh-03')
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), '10.0.2.9')
    const port = within(dialog).getByLabelText('Porta AMI')
    expect(port).toHaveValue(5038)
    await user.clear(port)
    await user.type(port, '70000')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))

    expect(await within(dialog).findByText('Informe uma porta entre 1 e 65535 (a AMI usa 5038 por padrão).')).toBeInTheDocument()
    expect(port).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('Informe o segredo (secret) da AMI.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Segredo AMI')).toHaveAttribute('aria-invalid', 'true')
    expect(posted).toBe(false)
  })

  it('refuses a name with spaces', async () => {
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk sp')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    expect(await within(dialog).findByText(/Use só letras sem acento, números/)).toBeInTheDocument()
  })

  it('tests the typed settings and shows the outcome inline, in Portuguese', async () => {
    const bodies: unknown[] = []
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/pbx-nodes/test')
        bodies.push(await request.clone().json())
    })
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), '10.0.2.9')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.click(within(dialog).getByRole('button', { name: 'Testar conexão' }))
    // The secret is required for a test too.
    expect(await within(dialog).findByText('Informe o segredo (secret) da AMI.')).toBeInTheDocument()
    expect(bodies).toHaveLength(0)

    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'errada')
    await user.click(within(dialog).getByRole('button', { name: 'Testar conexão' }))
    const failed = await within(dialog).findByTestId('pbx-test-result')
    expect(failed).toHaveAttribute('data-ok', 'false')
    expect(failed).toHaveTextContent('Falha na conexão')
    expect(failed).toHaveTextContent('Usuário ou senha da AMI recusados.')

    // Changing the settings hides the old result.
    const secret = within(dialog).getByLabelText('Segredo AMI')
    await user.clear(secret)
    await user.type(secret, 'segredo-certo')
    expect(within(dialog).queryByTestId('pbx-test-result')).not.toBeInTheDocument()

    await user.click(within(dialog).getByRole('button', { name: 'Testar conexão' }))
    const ok = await within(dialog).findByTestId('pbx-test-result')
    expect(ok).toHaveAttribute('data-ok', 'true')
    expect(ok).toHaveTextContent('Conexão bem-sucedida')
    expect(ok).toHaveTextContent('Asterisk 22.5.2 · AMI 11.0.0 · 12 ms')
    await waitFor(() => expect(bodies).toHaveLength(2))
    expect(bodies[1]).toEqual({ amiHost: '10.0.2.9', amiPort: 5038, amiUser: 'torpedo', amiSecret: 'segredo-certo' })
  })

  it('puts the server’s 409 on the name field and creates the node once fixed', async () => {
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk-sp-01')
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), '10.0.2.9')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'segredo-ami-9')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    expect(await within(dialog).findByText('Já existe um servidor com este nome. Escolha outro.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Nome')).toHaveAttribute('aria-invalid', 'true')

    const name = within(dialog).getByLabelText('Nome')
    await user.clear(name)
    await user.type(name, 'asterisk-bh-03')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await card('asterisk-bh-03')).toBeInTheDocument()
    const created = db.pbxNodes.find((n) => n.name === 'asterisk-bh-03')!
    expect(created).toMatchObject({ amiHost: '10.0.2.9', amiPort: 5038, amiUser: 'torpedo', maxChannels: 100, enabled: true, mediaMode: 'directory', soundsDir: null })
    expect(created.secret).toBe('segredo-ami-9')
  })

  it('holds the directories to the characters Asterisk cannot misread, saying how to write them', async () => {
    const bodies: unknown[] = []
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/v1/pbx-nodes') bodies.push(await request.clone().json())
    })
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk-bh-03')
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), '10.0.2.9')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'segredo-ami-9')
    const sounds = within(dialog).getByLabelText('Diretório de sons')
    const config = within(dialog).getByLabelText('Diretório de configuração')
    await user.type(sounds, '/var/lib/asterisk/sons novos')
    await user.type(config, 'etc/asterisk')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    const message =
      'Use um caminho absoluto só com letras, números, ponto, hífen, sublinhado e barras (ex.: /var/lib/asterisk/sounds/torpedo).'
    expect(await within(dialog).findAllByText(message)).toHaveLength(2)
    expect(sounds).toHaveAttribute('aria-invalid', 'true')
    expect(config).toHaveAttribute('aria-invalid', 'true')

    for (const bad of ['/var/lib/asterisk/sounds;rm', '/var/lib/$HOME', '/var/lib/asterisk,x']) {
      await user.clear(sounds)
      await user.type(sounds, bad)
      await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
      await waitFor(() => expect(sounds).toHaveAccessibleDescription(message))
    }
    await user.clear(sounds)
    await user.type(sounds, '/var/lib/../../etc')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    expect(
      await within(dialog).findByText('Não use “.” nem “..” como parte do caminho: escreva o caminho completo (ex.: /var/lib/asterisk/sounds/torpedo).'),
    ).toBeInTheDocument()
    expect(bodies).toHaveLength(0)

    await user.clear(sounds)
    await user.type(sounds, '/var/lib/asterisk/sounds/torpedo_2.b-c/')
    await user.clear(config)
    await user.type(config, '/etc/asterisk/torpedo')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies).toMatchObject([{ soundsDir: '/var/lib/asterisk/sounds/torpedo_2.b-c/', configDir: '/etc/asterisk/torpedo' }])
  })

  it('explains both ways of delivering the audio, and keeps the sounds directory for music on hold on a URL node', async () => {
    const { user, dialog } = await openCreate()
    const help = within(dialog).getByRole('note', { name: 'Como o Asterisk recebe os áudios' })
    expect(help).toHaveTextContent('Diretório de sons: o Torpedo grava os arquivos no diretório de sons')
    expect(help).toHaveTextContent('montagem compartilhada')
    expect(help).toHaveTextContent('URL (HTTP): o Asterisk baixa os arquivos do Torpedo pelo endereço de TORPEDO_PUBLIC_URL')
    expect(help).toHaveTextContent('Música de espera sempre precisa do diretório de sons, mesmo na entrega por URL')
    expect(within(dialog).getByLabelText('Entrega dos áudios')).toHaveAccessibleDescription(/^Diretório de sons: .* URL \(HTTP\): .* Música de espera sempre/)
    expect(within(dialog).getByLabelText('Diretório de sons')).toHaveAccessibleDescription(
      'Caminho absoluto, como o Torpedo o vê. Sem ele, os áudios não chegam a este servidor.',
    )

    await user.click(within(dialog).getByLabelText('Entrega dos áudios'))
    await user.click(await screen.findByRole('option', { name: 'URL (HTTP)' }))
    expect(within(dialog).getByLabelText('Diretório de sons')).toHaveAccessibleDescription(
      'Só para música de espera. Caminho absoluto, como o Torpedo o vê.',
    )
  })

  it('puts the server’s 422 on a directory in Portuguese', async () => {
    server.use(
      http.post('*/api/v1/pbx-nodes', () =>
        HttpResponse.json({ error: { code: 'validation', message: 'Informe um caminho absoluto…', field: 'soundsDir' } }, { status: 422 }),
      ),
    )
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk-bh-03')
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), '10.0.2.9')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'segredo')
    await user.type(within(dialog).getByLabelText('Diretório de sons'), '/srv/sons')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    expect(
      await within(dialog).findByText(
        'Diretório inválido: use um caminho absoluto só com letras, números, ponto, hífen, sublinhado e barras, sem “..” (ex.: /var/lib/asterisk/sounds/torpedo).',
      ),
    ).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Diretório de sons')).toHaveAttribute('aria-invalid', 'true')
  })

  it('shows a 422 from the server under the field it names', async () => {
    server.use(http.post('*/api/v1/pbx-nodes', () => HttpResponse.json({ error: { code: 'validation', message: 'bad host', field: 'amiHost' } }, { status: 422 })))
    const { user, dialog } = await openCreate()
    await user.type(within(dialog).getByLabelText('Nome'), 'asterisk-bh-03')
    await user.type(within(dialog).getByLabelText('Endereço do Asterisk'), 'pbx.invalid')
    await user.type(within(dialog).getByLabelText('Usuário AMI'), 'torpedo')
    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'segredo')
    await user.click(within(dialog).getByRole('button', { name: 'Cadastrar servidor' }))
    expect(await within(dialog).findByText('Endereço inválido: use um IP ou nome de host, sem porta.')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Endereço do Asterisk')).toHaveAttribute('aria-invalid', 'true')
  })
})

describe('Editar servidor dialog', () => {
  async function openEdit(name: string) {
    const patches: Record<string, unknown>[] = []
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'PATCH') patches.push(await request.clone().json())
    })
    const utils = renderApp('/servidores', { userId: ADMIN })
    await utils.user.click(within(await card(name)).getByRole('button', { name: `Editar ${name}` }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar servidor' })
    return { ...utils, dialog, patches }
  }

  it('keeps the stored secret unless "Trocar segredo" is used', async () => {
    const { user, dialog, patches } = await openEdit('asterisk-sp-01')
    expect(within(dialog).getByTestId('secret-set')).toHaveTextContent('••••• (definida)')
    expect(within(dialog).queryByLabelText('Segredo AMI')).not.toBeInTheDocument()
    const max = within(dialog).getByLabelText('Máximo de canais')
    await user.clear(max)
    await user.type(max, '150')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(patches).toEqual([{ maxChannels: 150 }])
    expect(db.pbxNodes[0]!.secret).toBe('segredo-ami-1')
  })

  it('sends the new secret when it is changed, and requires it once asked for', async () => {
    const { user, dialog, patches } = await openEdit('asterisk-sp-01')
    await user.click(within(dialog).getByRole('button', { name: 'Trocar segredo' }))
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    expect(await within(dialog).findByText('Informe o segredo (secret) da AMI.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Segredo AMI'), 'novo-segredo')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(patches).toEqual([{ amiSecret: 'novo-segredo' }])
    expect(db.pbxNodes[0]!.secret).toBe('novo-segredo')
  })

  it('tests the saved settings when only the secret is kept, and asks for it when the address changed', async () => {
    const { user, dialog } = await openEdit('asterisk-sp-01')
    await user.click(within(dialog).getByRole('button', { name: 'Testar conexão' }))
    expect(await within(dialog).findByTestId('pbx-test-result')).toHaveTextContent('Conexão bem-sucedida')

    const host = within(dialog).getByLabelText('Endereço do Asterisk')
    await user.clear(host)
    await user.type(host, '10.0.0.99')
    await user.click(within(dialog).getByRole('button', { name: 'Testar conexão' }))
    expect(await within(dialog).findByText(/informe o segredo em “Trocar segredo”/)).toBeInTheDocument()
  })
})
