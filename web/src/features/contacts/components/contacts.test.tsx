import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

const OPERATOR = 2

describe('Listas de contatos', () => {
  it('lists the lists with their contact counts and custom fields, for any user', async () => {
    renderApp('/contatos', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Listas de contatos' })
    const row = (await within(table).findByRole('link', { name: 'Cobrança março' })).closest('tr')!
    expect(within(row).getByText('3')).toBeInTheDocument()
    expect(within(row).getByText('CPF')).toBeInTheDocument()
    expect(within(row).getByText('Clientes com parcelas em atraso')).toBeInTheDocument()
  })

  it('creates a list and opens it', async () => {
    const { user, router } = renderApp('/contatos', { userId: OPERATOR })
    await user.click(await screen.findByRole('button', { name: 'Nova lista' }))
    const dialog = await screen.findByRole('dialog', { name: 'Nova lista de contatos' })
    await user.click(within(dialog).getByRole('button', { name: 'Criar lista' }))
    expect(await within(dialog).findByText('Dê um nome à lista.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Nome da lista'), 'Renegociação abril')
    await user.type(within(dialog).getByLabelText('Campo 1'), 'CPF')
    await user.click(within(dialog).getByRole('button', { name: 'Criar lista' }))
    expect(await screen.findByRole('heading', { name: 'Renegociação abril', level: 1 })).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/contatos/3')
    expect(db.contactLists[0]?.customLabels).toEqual(['CPF', null, null, null, null])
    expect(await screen.findByText('Esta lista ainda não tem contatos')).toBeInTheDocument()
    expect(screen.getByTestId('list-contact-count')).toHaveTextContent('Nenhum contato')
  })

  it('shows the server’s reason when a campaign uses the list (409)', async () => {
    const { user } = renderApp('/contatos', { userId: OPERATOR })
    await user.click(await screen.findByRole('button', { name: 'Excluir a lista Cobrança março' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(within(dialog).getByText(/seus 3 contatos serão excluídos/)).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Excluir lista' }))
    expect(
      await within(dialog).findByText('Não foi possível excluir. A lista é usada pela campanha "Cobrança D+5": tire-a da campanha antes de excluí-la.'),
    ).toBeInTheDocument()
    expect(db.contactLists).toHaveLength(2)
  })
})

describe('A list’s contacts', () => {
  it('shows formatted phones with their type, the custom fields and the DNC badge', async () => {
    renderApp('/contatos/1', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    const joao = (await within(table).findByText('João da Silva')).closest('tr')!
    expect(within(joao).getByText('+55 11 98765-4321')).toBeInTheDocument()
    expect(within(joao).getByText('Celular')).toBeInTheDocument()
    expect(within(joao).getByText('+1')).toBeInTheDocument() // one more phone
    expect(within(joao).getByText('123.456.789-00')).toBeInTheDocument()
    expect(within(joao).queryByText('Não ligar')).not.toBeInTheDocument()
    const maria = within(table).getByText('Maria Conceição').closest('tr')!
    expect(within(maria).getByText('Não ligar')).toBeInTheDocument()
    expect(within(maria).getByText('+55 21 3333-4444')).toBeInTheDocument()
    expect(within(table).getByText('Sem nome')).toBeInTheDocument()
    expect(within(table).getByText('+1 650-253-0000')).toBeInTheDocument()
    expect(screen.getByText('3 de 3 contatos carregados')).toBeInTheDocument()
  })

  it('searches as you type, debounced, ignoring accents', async () => {
    const seen: string[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname.endsWith('/contacts')) seen.push(url.searchParams.get('q') ?? '')
    })
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    await within(table).findByText('João da Silva')
    await user.type(screen.getByRole('searchbox', { name: 'Buscar por nome, telefone ou e-mail' }), 'joao')
    await waitFor(() => expect(within(table).queryByText('Maria Conceição')).not.toBeInTheDocument())
    expect(within(table).getByText('João da Silva')).toBeInTheDocument()
    expect(seen).toEqual(['', 'joao']) // one request for the whole word
    expect(screen.getByText('1 contato encontrado')).toBeInTheDocument()
    server.events.removeAllListeners()
  })

  it('sorts by clicking a header: ascending, descending, back to import order', async () => {
    const sorts: (string | null)[] = []
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      if (url.pathname.endsWith('/contacts')) sorts.push(url.searchParams.get('sort'))
    })
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    await within(table).findByText('João da Silva')
    const header = within(table).getByRole('button', { name: /^Nome/ })
    await user.click(header)
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: /Nome/ })).toHaveAttribute('aria-sort', 'ascending'))
    await user.click(header)
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: /Nome/ })).toHaveAttribute('aria-sort', 'descending'))
    await user.click(header)
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: /Nome/ })).toHaveAttribute('aria-sort', 'none'))
    expect(sorts).toEqual([null, 'name', '-name'])
    server.events.removeAllListeners()
  })

  it('deletes the selected contacts after confirming', async () => {
    let posted: unknown
    server.use(
      http.post('*/api/v1/contact-lists/1/contacts/delete', async ({ request }) => {
        posted = await request.json()
        return HttpResponse.json({ deleted: 2 })
      }),
    )
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    await user.click(await within(table).findByRole('checkbox', { name: 'Selecionar João da Silva' }))
    await user.click(within(table).getByRole('checkbox', { name: 'Selecionar Maria Conceição' }))
    expect(screen.getByText('2 contatos selecionados')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Excluir selecionados' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Excluir 2 contatos?' })
    await user.click(within(dialog).getByRole('button', { name: 'Excluir 2 contatos' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
    expect(posted).toEqual({ ids: [1, 2] })
    expect(await screen.findByText('2 contatos excluídos.')).toBeInTheDocument()
  })

  it('selects everything loaded from the header checkbox', async () => {
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    await within(table).findByText('João da Silva')
    await user.click(within(table).getByRole('checkbox', { name: 'Selecionar todos os contatos carregados' }))
    expect(screen.getByText('3 contatos selecionados')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Limpar seleção' }))
    expect(screen.queryByText(/selecionados?$/)).not.toBeInTheDocument()
  })

  it('adds a contact, putting the server’s 422 on the phone it names', async () => {
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    await user.click(await screen.findByRole('button', { name: 'Novo contato' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo contato' })
    // The list's custom field labels name the inputs.
    expect(within(dialog).getByLabelText('CPF')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Valor')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar contato' }))
    expect(await within(dialog).findByText('Informe o telefone, com DDD.')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Nome'), 'Ana Souza')
    await user.type(within(dialog).getByLabelText('Telefone 1'), '(11) 91234-5678')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar telefone' }))
    await user.type(within(dialog).getByLabelText('Telefone 2'), '(11) 1234-567')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar contato' }))
    const phone2 = within(dialog).getByLabelText('Telefone 2')
    await waitFor(() => expect(phone2).toHaveAttribute('aria-invalid', 'true'))
    expect(
      within(dialog).getByText(
        'Telefone inválido: informe com DDD, ex.: (11) 98765-4321. Detalhe do servidor: Telefone 2: número inválido.',
      ),
    ).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Telefone 1')).not.toHaveAttribute('aria-invalid')
    await user.clear(phone2)
    await user.type(phone2, '11 3456-7890')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar contato' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const table = screen.getByRole('table', { name: 'Contatos da lista Cobrança março' })
    expect(await within(table).findByText('Ana Souza')).toBeInTheDocument()
    expect(within(table).getByText('+55 11 91234-5678')).toBeInTheDocument()
  })

  it('says when the first phone is already in the list (409)', async () => {
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    await user.click(await screen.findByRole('button', { name: 'Novo contato' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo contato' })
    await user.type(within(dialog).getByLabelText('Telefone 1'), '11 98765-4321')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar contato' }))
    expect(await within(dialog).findByText(/Este telefone já é o telefone 1 de outro contato desta lista/)).toBeInTheDocument()
  })

  it('edits a contact, sending only what changed', async () => {
    let patched: unknown
    server.use(
      http.patch('*/api/v1/contacts/1', async ({ request }) => {
        patched = await request.json()
        return HttpResponse.json({ ...db.contacts[0], ...(patched as object) })
      }),
    )
    const { user } = renderApp('/contatos/1', { userId: OPERATOR })
    await user.click(await screen.findByRole('button', { name: 'Editar João da Silva' }))
    const dialog = await screen.findByRole('dialog', { name: 'Editar contato' })
    expect(within(dialog).getByLabelText('Telefone 1')).toHaveValue('+55 11 98765-4321')
    expect(within(dialog).getByLabelText('CPF')).toHaveValue('123.456.789-00')
    await user.clear(within(dialog).getByLabelText('E-mail (opcional)'))
    await user.type(within(dialog).getByLabelText('E-mail (opcional)'), 'joao.silva@exemplo.com.br')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(patched).toEqual({ email: 'joao.silva@exemplo.com.br' })
  })

  it('offers export, template and an empty-list invitation to import', async () => {
    renderApp('/contatos/2', { userId: OPERATOR })
    expect(await screen.findByText('Esta lista ainda não tem contatos')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Exportar CSV' })).toHaveAttribute('href', '/api/v1/contact-lists/2/export')
    expect(screen.getAllByRole('button', { name: 'Importar CSV' }).length).toBe(2)
  })

  it('tells when the list no longer exists', async () => {
    renderApp('/contatos/99', { userId: OPERATOR })
    expect(await screen.findByRole('heading', { name: 'Lista não encontrada' })).toBeInTheDocument()
  })
})
