import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const OPERATOR = 2 // delivery and the media URL are for anyone logged in

const table = () => screen.findByRole('table', { name: 'Áudios' })
const row = async (name: string) => within(await table()).findByRole('row', { name })
const badge = async (name: string) => within(await row(name)).findByTestId('delivery-summary')

/** Records the POSTs to `path` with their CSRF header. */
function recordPosts(path: string) {
  const seen: (string | null)[] = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === path) seen.push(request.headers.get('X-CSRF-Token'))
  })
  return seen
}

/** Stands in for the events WebSocket. */
class FakeSocket {
  static last: FakeSocket | null = null
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor() {
    FakeSocket.last = this
  }
  close() {}
  receive(msg: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(msg) }))
  }
}

afterEach(() => {
  server.events.removeAllListeners()
  vi.stubGlobal('WebSocket', undefined)
  FakeSocket.last = null
})

async function openDelivery(name: string) {
  const app = renderApp('/audios', { userId: OPERATOR })
  await app.user.click(await badge(name))
  const dialog = await screen.findByRole('dialog', { name: 'Entrega aos servidores' })
  return { ...app, dialog }
}

const node = (dialog: HTMLElement, name: string) => within(dialog).getByRole('listitem', { name })

describe('Áudios: delivery to the PBX nodes', () => {
  it('sums up each audio’s delivery in one badge: delivered everywhere, being written, failed somewhere', async () => {
    renderApp('/audios', { userId: OPERATOR })
    expect(await badge('Lembrete de consulta')).toHaveTextContent('Entregue em 2/2 servidores')
    expect(within(await badge('Lembrete de consulta')).getByText('Entregue em 2/2 servidores').closest('[data-state]')).toHaveAttribute(
      'data-state',
      'delivered',
    )
    expect(await badge('Cobrança D+5')).toHaveTextContent('Entregando…')
    expect(await badge('Espera — violão')).toHaveTextContent('Falha em 1 servidor')
    // The button says whose delivery it opens (and the icon in the actions says the same on narrow screens).
    expect(await badge('Espera — violão')).toHaveAccessibleName('Entrega de Espera — violão aos servidores: Falha em 1 servidor')
    expect(within(await row('Cobrança D+5')).getAllByRole('button', { name: 'Entrega de Cobrança D+5 aos servidores: Entregando…' })).toHaveLength(2)
  })

  it('follows the daemon’s `change` messages: the badge and the open dialog show the new state', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    const { user } = renderApp('/audios', { userId: OPERATOR })
    expect(await badge('Cobrança D+5')).toHaveTextContent('Entregando…')
    await waitFor(() => expect(FakeSocket.last).not.toBeNull())
    const ws = FakeSocket.last!
    ws.receive({ type: 'hello', user: { id: OPERATOR } })
    await user.click(await badge('Cobrança D+5'))
    const dialog = await screen.findByRole('dialog', { name: 'Entrega aos servidores' })

    // The daemon finished writing the files, then pushes the change.
    const audio = db.audio.find((a) => a.id === 2)!
    audio.delivery = audio.delivery.map((d) => ({ ...d, state: 'delivered', updatedAt: '2025-01-15T13:05:00Z' }))
    ws.receive({ type: 'change', entity: 'audio', action: 'updated', id: '2' })
    expect(await within(node(dialog, 'asterisk-sp-01')).findByText('Entregue')).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await badge('Cobrança D+5')).toHaveTextContent('Entregue em 2/2 servidores')

    // A node disabled elsewhere leaves the audio's delivery.
    db.pbxNodes[1]!.enabled = false
    for (const a of db.audio) a.delivery = a.delivery.filter((d) => d.nodeId !== 2)
    ws.receive({ type: 'change', entity: 'pbx-node', action: 'updated', id: '2' })
    await waitFor(async () => expect(await badge('Cobrança D+5')).toHaveTextContent('Entregue em 1/1 servidor'))
  })

  it('says “Nenhum servidor” when no node is enabled, and where to add one', async () => {
    db.pbxNodes = []
    for (const a of db.audio) a.delivery = []
    renderApp('/audios', { userId: OPERATOR })
    expect(await badge('Lembrete de consulta')).toHaveTextContent('Nenhum servidor')
    expect(await badge('Lembrete de consulta')).toHaveAccessibleName('Entrega de Lembrete de consulta aos servidores: Nenhum servidor')
    cleanup()
    const { dialog } = await openDelivery('Lembrete de consulta')
    expect(within(dialog).getByText(/Nenhum servidor Asterisk ativo para receber este áudio/)).toBeInTheDocument()
    expect(within(dialog).getByRole('link', { name: 'Ir para Servidores' })).toHaveAttribute('href', '/servidores')
  })

  it('shows every node with its way of delivery, state, location and the reason of a failure', async () => {
    const { dialog } = await openDelivery('Espera — violão')
    expect(dialog).toHaveTextContent('Onde “Espera — violão” está em cada servidor Asterisk ativo.')
    const sp = node(dialog, 'asterisk-sp-01')
    expect(within(sp).getByText('Diretório de sons')).toBeInTheDocument()
    expect(within(sp).getByText('Entregue')).toBeInTheDocument()
    const location = within(sp).getByTestId('delivery-location')
    expect(location).toHaveTextContent('/var/lib/asterisk/sounds/torpedo/moh/audio-1')
    expect(location).toHaveAttribute('title', '/var/lib/asterisk/sounds/torpedo/moh/audio-1')
    expect(location).toHaveClass('font-mono', 'truncate')
    expect(within(sp).getByText(/^Gravado em 15\/01\/2025 \d\d:\d\d$/)).toBeInTheDocument()
    expect(within(sp).queryByTestId('delivery-error')).not.toBeInTheDocument()

    const rj = node(dialog, 'asterisk-rj-02')
    expect(within(rj).getByText('Falhou')).toBeInTheDocument()
    expect(within(rj).getByTestId('delivery-error')).toHaveTextContent(
      'A música de espera precisa de um diretório de sons neste servidor: informe-o em Servidores.',
    )

  })

  it('“Entregar de novo” posts /deliver (with the CSRF header), shows it working, then the new state', async () => {
    const posts = recordPosts('/api/v1/audio/2/deliver')
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    server.use(
      http.post('*/api/v1/audio/2/deliver', async () => {
        await gate
        return undefined // the default handler answers
      }),
    )
    const { user, dialog } = await openDelivery('Cobrança D+5')
    const sp = node(dialog, 'asterisk-sp-01')
    expect(within(sp).getByText('Entregando…')).toBeInTheDocument()
    expect(within(node(dialog, 'asterisk-rj-02')).getByText('URL (HTTP)')).toBeInTheDocument()
    expect(within(node(dialog, 'asterisk-rj-02')).getByTestId('delivery-location')).toHaveTextContent(db.audio.find((a) => a.id === 2)!.mediaUrl!)

    const retry = within(dialog).getByRole('button', { name: 'Entregar de novo' })
    await user.click(retry)
    await waitFor(() => expect(retry).toHaveAttribute('aria-busy', 'true'))
    expect(retry).toBeDisabled()
    release()
    expect(await within(sp).findByText('Entregue')).toBeInTheDocument()
    expect(retry).not.toHaveAttribute('aria-busy')
    expect(posts).toEqual(['csrf-test-token'])
    expect(await screen.findByText('“Cobrança D+5” entregue nos 2 servidores.')).toBeInTheDocument()
    // The row behind the dialog follows.
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await badge('Cobrança D+5')).toHaveTextContent('Entregue em 2/2 servidores')
  })

  it('says what is still wrong when delivering again does not fix a node', async () => {
    const posts = recordPosts('/api/v1/audio/1/deliver')
    const { user, dialog } = await openDelivery('Espera — violão')
    await user.click(within(dialog).getByRole('button', { name: 'Entregar de novo' }))
    expect(await screen.findByText('Ainda há falha em 1 servidor. Veja o motivo na lista, corrija e entregue de novo.')).toBeInTheDocument()
    expect(posts).toHaveLength(1)
    expect(within(node(dialog, 'asterisk-rj-02')).getByText('Falhou')).toBeInTheDocument()
  })

  it('says what to do when the server refuses to deliver', async () => {
    server.use(
      http.post('*/api/v1/audio/:id/deliver', () =>
        HttpResponse.json({ error: { code: 'internal', message: 'A entrega de áudio aos servidores não está ativa.' } }, { status: 503 }),
      ),
    )
    const { user, dialog } = await openDelivery('Cobrança D+5')
    await user.click(within(dialog).getByRole('button', { name: 'Entregar de novo' }))
    expect(await screen.findByText('Erro interno no servidor. Tente novamente em instantes; se persistir, acione o suporte.')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Entregar de novo' })).toBeEnabled()
  })
})

describe('Áudios: media URL', () => {
  it('shows the URL read-only and copies it', async () => {
    const { user, dialog } = await openDelivery('Lembrete de consulta')
    const url = within(dialog).getByRole('textbox', { name: 'URL de mídia de Lembrete de consulta' })
    const current = db.audio.find((a) => a.id === 3)!.mediaUrl!
    expect(url).toHaveValue(current)
    expect(url).toHaveAttribute('readonly')
    expect(url).toHaveClass('font-mono')
    await user.click(within(dialog).getByRole('button', { name: 'Copiar' }))
    expect(await within(dialog).findByRole('button', { name: 'Copiado!' })).toBeInTheDocument()
    expect(await navigator.clipboard.readText()).toBe(current)
  })

  it('revokes the URL only after confirming: the dialog explains, then the new URL is shown', async () => {
    const posts = recordPosts('/api/v1/audio/3/revoke-url')
    const { user, dialog } = await openDelivery('Lembrete de consulta')
    const url = within(dialog).getByRole('textbox', { name: 'URL de mídia de Lembrete de consulta' })
    const before = (url as HTMLInputElement).value

    await user.click(within(dialog).getByRole('button', { name: 'Revogar URL' }))
    let confirm = await screen.findByRole('alertdialog', { name: 'Revogar a URL de mídia?' })
    expect(confirm).toHaveTextContent('A URL atual de “Lembrete de consulta” para de funcionar na hora e o Torpedo gera uma nova.')
    expect(confirm).toHaveTextContent('Os servidores que baixam por URL passam a usar a nova sozinhos')
    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
    expect(posts).toHaveLength(0)
    expect(url).toHaveValue(before)

    await user.click(within(dialog).getByRole('button', { name: 'Revogar URL' }))
    confirm = await screen.findByRole('alertdialog', { name: 'Revogar a URL de mídia?' })
    await user.click(within(confirm).getByRole('button', { name: 'Revogar URL' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
    expect(posts).toEqual(['csrf-test-token'])
    await waitFor(() => expect(url).not.toHaveValue(before))
    expect(url).toHaveValue(db.audio.find((a) => a.id === 3)!.mediaUrl!)
    expect(await screen.findByText('URL de “Lembrete de consulta” revogada. A anterior não funciona mais.')).toBeInTheDocument()
    // The URL node is given the new address.
    expect(within(node(dialog, 'asterisk-rj-02')).getByTestId('delivery-location')).toHaveTextContent((url as HTMLInputElement).value)
  })

  it('keeps the confirmation open with the reason when revoking fails', async () => {
    server.use(http.post('*/api/v1/audio/:id/revoke-url', () => HttpResponse.json({ error: { code: 'not_found', message: 'Áudio não encontrado.' } }, { status: 404 })))
    const { user, dialog } = await openDelivery('Lembrete de consulta')
    await user.click(within(dialog).getByRole('button', { name: 'Revogar URL' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Revogar a URL de mídia?' })
    await user.click(within(confirm).getByRole('button', { name: 'Revogar URL' }))
    expect(await within(confirm).findByText(/^Registro não encontrado\./)).toBeInTheDocument()
    expect(screen.getByRole('alertdialog')).toBeInTheDocument()
    expect(within(dialog).getByTestId('media-url')).toHaveValue(db.audio.find((a) => a.id === 3)!.mediaUrl!)
  })
})
