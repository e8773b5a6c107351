import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { mockConfigFiles } from '@/testing/mocks/telephony-handlers'
import { renderApp } from '@/testing/test-utils'

const ADMIN = 1
const OPERATOR = 2

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

const report = (over: Record<string, unknown>) => ({
  nodeId: 1,
  nodeName: 'asterisk-sp-01',
  ok: true,
  skipped: false,
  written: ['torpedo_pjsip.conf'],
  reloaded: ['res_pjsip.so'],
  missing: [],
  error: null,
  checksum: 'abc',
  at: Date.now(),
  ...over,
})

async function openDialog() {
  const utils = renderApp('/filas', { userId: ADMIN })
  await screen.findByRole('row', { name: 'suporte' }, { timeout: 5000 })
  await utils.user.click(screen.getByRole('button', { name: /^Aplicar no Asterisk/ }))
  const dialog = await screen.findByRole('dialog', { name: 'Aplicar no Asterisk' })
  return { ...utils, dialog }
}

describe('Aplicar no Asterisk', () => {
  it('shows per node the files with their diff, applies, and then shows the result and no changes', async () => {
    // asterisk-sp-01 already has the queues and music files; the PJSIP file changed since.
    const files = mockConfigFiles()
    db.applied[1] = { ...files, 'torpedo_pjsip.conf': files['torpedo_pjsip.conf']!.replace('allow = alaw,ulaw', 'allow = ulaw') }
    const { user } = renderApp('/filas', { userId: ADMIN })
    await screen.findByRole('row', { name: 'suporte' }, { timeout: 5000 })
    // The header's button says there is something to apply.
    await user.click(await screen.findByRole('button', { name: 'Aplicar no Asterisk (há alterações não aplicadas)' }, { timeout: 3000 }))
    const dialog = await screen.findByRole('dialog', { name: 'Aplicar no Asterisk' })
    const sp = await within(dialog).findByRole('region', { name: 'asterisk-sp-01' })
    expect(within(sp).getByText('1 arquivo com alterações')).toBeInTheDocument()
    const pjsip = within(sp).getByRole('listitem', { name: 'torpedo_pjsip.conf' })
    expect(within(pjsip).getByTestId('diff-stats')).toHaveTextContent('+1−1')
    const diff = within(pjsip).getByRole('region', { name: 'Alterações em torpedo_pjsip.conf' })
    expect(diff.querySelector('[data-kind="del"]')).toHaveTextContent('-allow = ulaw')
    expect(diff.querySelector('[data-kind="add"]')).toHaveTextContent('+allow = alaw,ulaw')
    expect(diff.querySelector('[data-kind="add"]')!.className).toMatch(/text-success/)
    // Unchanged files say so, closed; opened they show the text on disk.
    const queues = within(sp).getByRole('listitem', { name: 'torpedo_queues.conf' })
    expect(within(queues).getByText('sem alterações')).toBeInTheDocument()
    expect(within(queues).queryByRole('region')).not.toBeInTheDocument()
    await user.click(within(queues).getByRole('button', { name: /torpedo_queues\.conf/ }))
    expect(within(queues).getByRole('region', { name: 'Conteúdo de torpedo_queues.conf' })).toHaveTextContent('member => PJSIP/r1001-k3x9q2,0,Ana Souza')
    // A changed file folds away.
    await user.click(within(pjsip).getByRole('button', { name: /torpedo_pjsip\.conf/ }))
    expect(within(pjsip).queryByRole('region')).not.toBeInTheDocument()

    // asterisk-rj-02 never got anything: every file is new.
    const rj = within(dialog).getByRole('region', { name: 'asterisk-rj-02' })
    expect(within(rj).getByText('4 arquivos com alterações')).toBeInTheDocument()

    await user.click(within(dialog).getByRole('button', { name: 'Aplicar' }))
    const results = await within(dialog).findByRole('list', { name: 'Resultado por servidor' })
    const spResult = within(results).getByRole('listitem', { name: 'asterisk-sp-01' })
    expect(spResult).toHaveAttribute('data-outcome', 'ok')
    expect(within(spResult).getByText('Aplicado')).toBeInTheDocument()
    expect(within(spResult).getByText('res_musiconhold.so')).toBeInTheDocument()
    const rjResult = within(results).getByRole('listitem', { name: 'asterisk-rj-02' })
    expect(rjResult).toHaveAttribute('data-outcome', 'failed')
    expect(within(rjResult).getByText('Arquivos gravados, mas o Asterisk está desconectado: aplique de novo quando ele voltar.')).toBeInTheDocument()
    expect(await screen.findByText('A aplicação falhou em asterisk-rj-02: veja o motivo no resultado.')).toBeInTheDocument()
    // The preview is fetched again: nothing left to apply.
    await waitFor(() => expect(within(sp).getByText('Sem alterações')).toBeInTheDocument())
    expect(within(rj).getByText('Sem alterações')).toBeInTheDocument()
    expect(within(dialog).getByTestId('last-apply')).toHaveAttribute('data-outcome', 'failed')
    expect(within(dialog).getByRole('button', { name: 'Aplicar de novo' })).toBeInTheDocument()
  })

  it('says when a node is skipped for lack of a configuration directory', async () => {
    db.pbxNodes[1]!.configDir = null
    const { user, dialog } = await openDialog()
    const preview = await within(dialog).findByRole('region', { name: 'asterisk-rj-02' })
    // Before applying: the node is marked, its files folded, and it does not count as pending.
    expect(await within(preview).findByText('Sem diretório de configuração')).toBeInTheDocument()
    expect(within(preview).getByText(/o Torpedo não grava os arquivos nele/)).toBeInTheDocument()
    expect(within(preview).queryByRole('region', { name: /^Alterações em/ })).not.toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Aplicar' }))
    const rj = await within(dialog).findByRole('listitem', { name: 'asterisk-rj-02' })
    expect(rj).toHaveAttribute('data-outcome', 'skipped')
    expect(within(rj).getByText('Ignorado')).toBeInTheDocument()
    expect(within(rj).getByText(/informe-o em Servidores/)).toBeInTheDocument()
    expect(await screen.findByText('Configuração aplicada em 1 servidor.')).toBeInTheDocument()
  })

  it('turns automatic apply off and on', async () => {
    const { user, dialog } = await openDialog()
    const toggle = within(dialog).getByRole('switch', { name: 'Aplicar automaticamente' })
    await waitFor(() => expect(toggle).toBeEnabled())
    expect(toggle).toBeChecked()
    await user.click(toggle)
    await waitFor(() => expect(db.pbxSettings.autoApply).toBe(false))
    expect(toggle).not.toBeChecked()
    expect(within(dialog).getByText('As alterações esperam aqui até você clicar em “Aplicar”.')).toBeInTheDocument()
    expect(await screen.findByText(/Aplicação automática desligada/)).toBeInTheDocument()
  })

  it('shows the last apply heard through the events feed, with a toast when it failed', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    renderApp('/ramais', { userId: ADMIN })
    await screen.findByRole('row', { name: '1001 Ana Souza' }, { timeout: 5000 })
    const ws = FakeSocket.all[0]!
    ws.receive({ type: 'hello', user: { id: ADMIN } })
    ws.receive({ type: 'pbx-apply', nodes: [report({})] })
    expect(await screen.findByTestId('last-apply-chip')).toHaveTextContent(/^Aplicado às \d\d:\d\d:\d\d$/)
    expect(screen.queryByText(/A aplicação no Asterisk falhou/)).not.toBeInTheDocument()

    ws.receive({
      type: 'pbx-apply',
      nodes: [
        report({ ok: false, error: 'O Asterisk recusou recarregar app_queue.so (Permission denied): confira se o módulo está carregado e se o usuário AMI tem a permissão system.' }),
        report({ nodeId: 2, nodeName: 'asterisk-rj-02', ok: false, skipped: true, error: 'Este servidor não tem diretório de configuração.' }),
      ],
    })
    expect(await screen.findByText('A aplicação no Asterisk falhou em asterisk-sp-01')).toBeInTheDocument()
    expect(screen.getByText(/asterisk-sp-01: O Asterisk recusou recarregar app_queue\.so/)).toBeInTheDocument()
    expect(screen.getByTestId('last-apply-chip')).toHaveTextContent(/^Falhou às .* em asterisk-sp-01$/)
  })

  it('does not toast the failure of an apply this tab asked for (the dialog shows it)', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    const { user, dialog } = await openDialog()
    const ws = FakeSocket.all[0]!
    ws.receive({ type: 'hello', user: { id: ADMIN } })
    await within(dialog).findByRole('region', { name: 'asterisk-rj-02' })
    let answer: { nodes: Record<string, unknown>[] } | null = null
    server.events.on('response:mocked', ({ request, response }) => {
      if (new URL(request.url).pathname.endsWith('/pbx/apply')) void response.clone().json().then((b) => (answer = b))
    })
    await user.click(within(dialog).getByRole('button', { name: 'Aplicar' }))
    await within(dialog).findByRole('list', { name: 'Resultado por servidor' })
    await waitFor(() => expect(answer).not.toBeNull())
    // The daemon also sends the report over the feed (`at` in milliseconds there).
    ws.receive({ type: 'pbx-apply', nodes: answer!.nodes.map((n) => ({ ...n, at: Date.parse(n.at as string) })) })
    expect(await screen.findByTestId('last-apply-chip')).toHaveTextContent(/Falhou às/)
    expect(screen.queryByText('A aplicação no Asterisk falhou em asterisk-rj-02')).not.toBeInTheDocument()
  })

  it('is not offered to operators', async () => {
    renderApp('/troncos', { userId: OPERATOR })
    await screen.findByRole('row', { name: 'vivo-sp' }, { timeout: 5000 })
    expect(screen.queryByRole('button', { name: /^Aplicar no Asterisk/ })).not.toBeInTheDocument()
  })
})
