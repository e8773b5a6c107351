import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { describe, expect, it, onTestFinished } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

/** XMLHttpRequest under the test's control: upload progress, then the answer when the test says. */
class FakeXhr {
  static last: FakeXhr | null = null
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  status = 0
  statusText = ''
  responseText = ''
  url = ''
  headers: Record<string, string> = {}
  body: FormData | null = null
  open(_method: string, url: string) {
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  getAllResponseHeaders() {
    return 'content-type: application/json'
  }
  send(body: FormData) {
    this.body = body
    FakeXhr.last = this
  }
  abort() {
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true })
    if (loaded >= total) this.upload.onload?.()
  }
  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

const table = (name = 'Áudios') => screen.findByRole('table', { name })
const row = async (name: string) => within(await table()).findByRole('row', { name })
const player = () => screen.getByTestId('audio-player') as HTMLAudioElement

async function openPage() {
  const app = renderApp('/audios', { userId: 2 }) // an operator (role user) may use it
  expect(await screen.findByRole('heading', { name: 'Áudios', level: 1 })).toBeInTheDocument()
  await row('Cobrança D+5')
  return app
}

describe('Áudios page', () => {
  it('lists the audio with kind, duration, original format, size and a download of the original', async () => {
    await openPage()
    expect(screen.getByRole('navigation', { name: 'Navegação principal' })).toHaveTextContent('Áudios')
    const r = await row('Cobrança D+5')
    expect(within(r).getByText('Mensagem de campanha')).toBeInTheDocument()
    expect(within(r).getByText('Voz feminina, gravada em março')).toBeInTheDocument()
    expect(within(r).getByText('0:42')).toBeInTheDocument()
    expect(within(r).getByText('MP3')).toBeInTheDocument()
    expect(within(r).getByText(/^44,1 kHz · estéreo ·/)).toHaveTextContent('44,1 kHz · estéreo · 677 KB')
    expect(within(r).getByText('15/01/2025')).toBeInTheDocument()
    expect(within(r).getByTestId('waveform').querySelector('path')!.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+h/)
    expect(within(r).getByRole('link', { name: 'Baixar o original de Cobrança D+5' })).toHaveAttribute('href', '/api/v1/audio/2/file?variant=original')
    const moh = await row('Espera — violão')
    expect(within(moh).getByText('Música de espera')).toBeInTheDocument()
    expect(within(moh).getByText('3:20')).toBeInTheDocument()
    expect(within(moh).getByText(/^48 kHz · estéreo ·/)).toHaveTextContent('48 kHz · estéreo · 38 MB')
  })

  it('filters by kind with the tabs and searches by name', async () => {
    const { user } = await openPage()
    await user.click(screen.getByRole('tab', { name: 'Música de espera' }))
    const moh = await table('Músicas de espera')
    expect(await within(moh).findByRole('row', { name: 'Espera — violão' })).toBeInTheDocument()
    expect(within(moh).queryByRole('row', { name: 'Cobrança D+5' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('tab', { name: 'Todos' }))
    await user.type(screen.getByRole('searchbox', { name: 'Buscar áudio pelo nome' }), 'cobranca')
    await waitFor(async () => expect(within(await table()).getAllByTestId('audio-row')).toHaveLength(1))
    await user.type(screen.getByRole('searchbox', { name: 'Buscar áudio pelo nome' }), 'xyz')
    expect(await within(await table()).findByText('Nenhum áudio encontrado para “cobrancaxyz”.')).toBeInTheDocument()
  })

  it('plays in the page, one audio at a time, with the progress over the waveform', async () => {
    const { user } = await openPage()
    await user.click(screen.getByRole('button', { name: 'Tocar Cobrança D+5' }))
    expect(player().getAttribute('src')).toBe('/api/v1/audio/2/file')
    fireEvent(player(), new Event('playing'))
    const pause = await screen.findByRole('button', { name: 'Pausar Cobrança D+5' })
    player().currentTime = 21.15
    fireEvent(player(), new Event('timeupdate'))
    const r = await row('Cobrança D+5')
    expect(await within(r).findByText('0:21')).toBeInTheDocument()
    expect(within(r).getByText('/ 0:42')).toBeInTheDocument()
    await waitFor(() => expect(within(r).getByTestId('waveform')).toHaveAttribute('data-progress', '0.500'))
    expect(within(r).getByRole('slider', { name: 'Posição em Cobrança D+5' })).toHaveAttribute('aria-valuetext', '0:21 de 0:42')

    // Another audio: the first one stops, the element plays the second.
    await user.click(screen.getByRole('button', { name: 'Tocar Espera — violão' }))
    expect(player().getAttribute('src')).toBe('/api/v1/audio/1/file')
    expect(pause).toHaveAccessibleName('Tocar Cobrança D+5')
    expect(within(r).getByTestId('waveform')).not.toHaveAttribute('data-progress')
    fireEvent(player(), new Event('playing'))
    await user.click(await screen.findByRole('button', { name: 'Pausar Espera — violão' }))
    expect(screen.getByRole('button', { name: 'Tocar Espera — violão' })).toBeInTheDocument()
    fireEvent(player(), new Event('ended'))
  })

  it('says so when an audio cannot be played', async () => {
    const { user } = await openPage()
    await user.click(screen.getByRole('button', { name: 'Tocar Lembrete de consulta' }))
    fireEvent(player(), new Event('error'))
    expect(await screen.findByText(/Não foi possível tocar o áudio/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Tocar Lembrete de consulta' })).toBeInTheDocument()
  })

  it('uploads several files: progress, then the audio with its duration, or the server’s reason next to the file', async () => {
    let sent: { name?: string; kind?: string; description?: string; hasFile?: boolean; csrf?: string | null }[] = []
    server.use(
      http.post('*/api/v1/audio', async ({ request }) => {
        const form = await request.clone().formData()
        sent.push({
          name: String(form.get('name')),
          kind: String(form.get('kind')),
          description: form.has('description') ? String(form.get('description')) : undefined,
          hasFile: form.has('file'),
          csrf: request.headers.get('X-CSRF-Token'),
        })
        return undefined // the default handler answers
      }),
    )
    const { user } = await openPage()
    await user.click(screen.getByRole('tab', { name: 'Música de espera' }))
    await user.click(screen.getByRole('button', { name: 'Enviar áudio' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enviar áudios' })
    expect(within(dialog).getByText('Arraste os arquivos de áudio até aqui')).toBeInTheDocument()
    await user.upload(within(dialog).getByLabelText('Arquivos de áudio'), [
      new File([new Uint8Array(4000)], 'Espera natal.mp3', { type: 'audio/mpeg' }),
      new File([new Uint8Array(2000)], 'gravação 8ch.wav', { type: 'audio/wav' }),
    ])
    const items = within(dialog).getAllByTestId('upload-item')
    expect(items).toHaveLength(2)
    const [first, second] = items as [HTMLElement, HTMLElement]
    // Name from the file name, kind from the tab being looked at.
    expect(within(first).getByLabelText('Nome')).toHaveValue('Espera natal')
    expect(within(first).getByLabelText('Tipo')).toHaveTextContent('Música de espera')
    expect(within(second).getByLabelText('Nome')).toHaveValue('gravação 8ch')
    await user.type(within(first).getByLabelText('Descrição (opcional)'), 'Trilha de fim de ano')
    await user.click(within(second).getByLabelText('Tipo'))
    await user.click(await screen.findByRole('option', { name: 'Mensagem de campanha' }))

    await user.click(within(dialog).getByRole('button', { name: 'Enviar 2 áudios' }))
    await waitFor(() => expect(first).toHaveAttribute('data-status', 'done'))
    expect(within(first).getByText('Enviado')).toBeInTheDocument()
    expect(within(first).getByTestId('upload-result')).toHaveTextContent('0:02 · MP3')
    expect(within(first).getByTestId('waveform')).toBeInTheDocument()
    await waitFor(() => expect(second).toHaveAttribute('data-status', 'failed'))
    expect(within(second).getByText('Não foi possível usar este áudio: o áudio tem 8 canais: envie uma gravação mono ou estéreo.')).toBeInTheDocument()
    expect(within(second).getByText('Recusado')).toBeInTheDocument()
    expect(sent).toEqual([
      { name: 'Espera natal', kind: 'moh', description: 'Trilha de fim de ano', hasFile: true, csrf: 'csrf-test-token' },
      { name: 'gravação 8ch', kind: 'campaign', description: undefined, hasFile: true, csrf: 'csrf-test-token' },
    ])
    expect(within(dialog).getByText('1 de 2 arquivos enviados')).toBeInTheDocument()

    // The refused file is taken out; with nothing left to send, "Concluir" closes.
    await user.click(within(second).getByRole('button', { name: 'Tirar gravação 8ch.wav da lista' }))
    await user.click(within(dialog).getByRole('button', { name: 'Concluir' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const r = await within(await table('Músicas de espera')).findByRole('row', { name: 'Espera natal' })
    expect(within(r).getByText('0:02')).toBeInTheDocument()
    sent = []
  })

  it('shows the bytes going up, then “Convertendo…” until the server answers; an upload can be cancelled', async () => {
    // (MSW's interceptor owns the global; put it back as it was afterwards.)
    const real = Object.getOwnPropertyDescriptor(globalThis, 'XMLHttpRequest')!
    Object.defineProperty(globalThis, 'XMLHttpRequest', { configurable: true, writable: true, value: FakeXhr })
    onTestFinished(() => {
      Object.defineProperty(globalThis, 'XMLHttpRequest', real)
    })
    const { user } = await openPage()
    await user.click(screen.getByRole('button', { name: 'Enviar áudio' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enviar áudios' })
    await user.upload(within(dialog).getByLabelText('Arquivos de áudio'), new File([new Uint8Array(3000)], 'aviso.wav'))
    const item = within(dialog).getByTestId('upload-item')
    await user.click(within(dialog).getByRole('button', { name: 'Enviar áudio' }))
    const xhr = FakeXhr.last!
    expect(xhr.url).toBe('/api/v1/audio')
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-test-token')
    expect([...xhr.body!.keys()]).toEqual(['name', 'kind', 'file'])
    act(() => xhr.progress(1200, 3000))
    expect(await within(item).findByText('Enviando 40%')).toBeInTheDocument()
    expect(within(item).getByText('1,2 KB de 3 KB enviados')).toBeInTheDocument()
    expect(within(item).getByLabelText('Nome')).toHaveAttribute('readonly')
    // Closing by a stray click or Escape is refused while sending.
    await user.keyboard('{Escape}')
    expect(dialog).toBeInTheDocument()
    act(() => xhr.progress(3000, 3000))
    expect(await within(item).findByText('Convertendo…')).toBeInTheDocument()
    expect(within(item).getByText(/O servidor confere a gravação/)).toBeInTheDocument()
    act(() => xhr.respond(201, { ...db.audio[0]!, id: 50, name: 'aviso', durationMs: 7_400, format: 'WAV (PCM 16 bits)' }))
    expect(await within(item).findByText('Enviado')).toBeInTheDocument()
    expect(within(item).getByTestId('upload-result')).toHaveTextContent('0:07 · WAV (PCM 16 bits)')

    // Another file, cancelled while going up: it is ready to send again.
    await user.upload(within(dialog).getByLabelText('Arquivos de áudio'), new File([new Uint8Array(100)], 'outro.mp3'))
    await user.click(within(dialog).getByRole('button', { name: 'Enviar áudio' }))
    act(() => FakeXhr.last!.progress(10, 100))
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar envio' }))
    const other = within(dialog).getAllByTestId('upload-item')[1]!
    await waitFor(() => expect(other).toHaveAttribute('data-status', 'ready'))
    expect(within(dialog).getByRole('button', { name: 'Enviar áudio' })).toBeEnabled()
  })

  it('puts a taken name on the file’s name field; fixed, it goes', async () => {
    const { user } = await openPage()
    await user.click(screen.getByRole('button', { name: 'Enviar áudio' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enviar áudios' })
    fireEvent.drop(within(dialog).getByTestId('audio-dropzone'), { dataTransfer: { files: [new File(['x'], 'Cobrança D+5.mp3')] } })
    const item = await within(dialog).findByTestId('upload-item')
    await user.click(within(dialog).getByRole('button', { name: 'Enviar áudio' }))
    expect(await within(item).findByText('Já existe um áudio deste tipo com este nome. Escolha outro nome.')).toBeInTheDocument()
    const name = within(item).getByLabelText('Nome')
    expect(name).toHaveAttribute('aria-invalid', 'true')
    await user.clear(name)
    await user.type(name, 'Cobrança D+5 (nova voz)')
    await user.click(within(dialog).getByRole('button', { name: 'Enviar de novo' }))
    await waitFor(() => expect(item).toHaveAttribute('data-status', 'done'))
    expect(db.audio[0]).toMatchObject({ name: 'Cobrança D+5 (nova voz)', kind: 'campaign' })
  })

  it('checks names before sending and says when the server is too small for a file', async () => {
    const { user } = await openPage()
    await user.click(screen.getByRole('button', { name: 'Enviar áudio' }))
    const dialog = await screen.findByRole('dialog', { name: 'Enviar áudios' })
    await user.upload(within(dialog).getByLabelText('Arquivos de áudio'), [new File(['x'], 'Aviso.mp3'), new File(['x'], 'aviso.ogg'), new File(['x'], 'enorme.wav')])
    const [, second, third] = within(dialog).getAllByTestId('upload-item') as [HTMLElement, HTMLElement, HTMLElement]
    await user.click(within(dialog).getByRole('button', { name: 'Enviar 3 áudios' }))
    expect(await within(second).findByText('Outro arquivo desta lista, do mesmo tipo, já tem este nome.')).toBeInTheDocument()
    expect(db.audio).toHaveLength(3) // nothing sent
    await user.type(within(second).getByLabelText('Nome'), ' 2')
    await user.click(within(dialog).getByRole('button', { name: 'Enviar 3 áudios' }))
    expect(await within(third).findByText(/O arquivo é grande demais para o servidor/)).toBeInTheDocument()
    expect(within(second)).toBeTruthy()
    await waitFor(() => expect(second).toHaveAttribute('data-status', 'done'))
  })

  it('renames an audio; a name taken by another audio of the kind is explained on the field', async () => {
    const { user } = await openPage()
    await user.click(within(await row('Lembrete de consulta')).getByRole('button', { name: 'Editar Lembrete de consulta' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar áudio' })
    const name = within(dialog).getByLabelText('Nome')
    await user.clear(name)
    await user.type(name, 'Cobrança D+5')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    expect(await within(dialog).findByText('Já existe um áudio deste tipo com este nome. Escolha outro nome.')).toBeInTheDocument()
    await user.clear(name)
    await user.type(name, 'Lembrete de consulta — Clínica Vida')
    await user.type(within(dialog).getByLabelText('Descrição (opcional)'), 'Voz masculina')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const r = await row('Lembrete de consulta — Clínica Vida')
    expect(within(r).getByText('Voz masculina')).toBeInTheDocument()
  })

  it('deletes after confirming; an audio in use is not deleted and the server says where it is used', async () => {
    const { user } = await openPage()
    await user.click(within(await row('Cobrança D+5')).getByRole('button', { name: 'Excluir Cobrança D+5' }))
    let dialog = await screen.findByRole('alertdialog', { name: 'Excluir áudio?' })
    expect(dialog).toHaveTextContent('A mensagem “Cobrança D+5” e os arquivos convertidos serão excluídos.')
    await user.click(within(dialog).getByRole('button', { name: 'Excluir áudio' }))
    expect(
      await within(dialog).findByText('Não foi possível excluir. Este áudio é usado por campanha "Cobrança D+5 — março": troque o áudio lá antes de excluí-lo.'),
    ).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }))

    await user.click(within(await row('Espera — violão')).getByRole('button', { name: 'Excluir Espera — violão' }))
    dialog = await screen.findByRole('alertdialog', { name: 'Excluir áudio?' })
    expect(dialog).toHaveTextContent('A música de espera “Espera — violão”')
    await user.click(within(dialog).getByRole('button', { name: 'Excluir áudio' }))
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Áudios' })).queryByRole('row', { name: 'Espera — violão' })).not.toBeInTheDocument())
    expect(db.audio.map((a) => a.id)).toEqual([3, 2])
  })

  it('invites to upload the first audio when there is none', async () => {
    db.audio = []
    renderApp('/audios', { userId: 2 })
    expect(await screen.findByRole('heading', { name: 'Nenhum áudio ainda' })).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: 'Enviar áudio' })).toHaveLength(2)
  })
})
