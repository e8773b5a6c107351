import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { db } from '@/testing/mocks/db'
import { renderApp } from '@/testing/test-utils'

describe('Não Me Perturbe page', () => {
  it('lists numbers formatted, with their source in Portuguese', async () => {
    renderApp('/nao-me-perturbe', { userId: 2 })
    expect(await screen.findByRole('heading', { name: 'Não Me Perturbe', level: 1 })).toBeInTheDocument()
    const table = await screen.findByRole('table', { name: 'Não Me Perturbe' })
    const row = (await within(table).findByText('+55 21 3333-4444')).closest('tr')!
    expect(within(row).getByText('Manual')).toBeInTheDocument()
    expect(within(row).getByText('Pediu pelo SAC')).toBeInTheDocument()
  })

  it('adds a number; a repeated one and an invalid one are explained on the field', async () => {
    const { user } = renderApp('/nao-me-perturbe', { userId: 2 })
    await user.click(await screen.findByRole('button', { name: 'Adicionar número' }))
    const dialog = await screen.findByRole('dialog', { name: 'Adicionar ao Não Me Perturbe' })
    const number = within(dialog).getByLabelText('Número')

    await user.type(number, '(21) 3333-4444')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar número' }))
    expect(await within(dialog).findByText('Este número já está na lista Não Me Perturbe.')).toBeInTheDocument()
    expect(number).toHaveAttribute('aria-invalid', 'true')

    await user.clear(number)
    await user.type(number, '(11) 1234-567')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar número' }))
    expect(await within(dialog).findByText('Número inválido (número inválido): confira o DDD e os dígitos.')).toBeInTheDocument()

    await user.clear(number)
    await user.type(number, '11 98765-4321')
    await user.type(within(dialog).getByLabelText('Observação (opcional)'), 'Pediu na URA')
    await user.click(within(dialog).getByRole('button', { name: 'Adicionar número' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    const table = screen.getByRole('table', { name: 'Não Me Perturbe' })
    expect(await within(table).findByText('+55 11 98765-4321')).toBeInTheDocument()
    expect(db.dnc[0]).toMatchObject({ e164: '+5511987654321', note: 'Pediu na URA' })
  })

  it('searches by number in any format and removes after confirming', async () => {
    const { user } = renderApp('/nao-me-perturbe', { userId: 2 })
    const table = await screen.findByRole('table', { name: 'Não Me Perturbe' })
    await within(table).findByText('+55 21 3333-4444')
    await user.type(screen.getByRole('searchbox', { name: 'Buscar número (qualquer formato)' }), '(11) 9')
    expect(await within(table).findByText('Nenhum número encontrado para “(11) 9”.')).toBeInTheDocument()
    await user.clear(screen.getByRole('searchbox', { name: 'Buscar número (qualquer formato)' }))
    await user.click(await within(table).findByRole('button', { name: 'Remover +55 21 3333-4444' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remover do Não Me Perturbe?' })
    await user.click(within(dialog).getByRole('button', { name: 'Remover número' }))
    expect(await within(table).findByText(/A lista Não Me Perturbe está vazia/)).toBeInTheDocument()
  })

  it('imports a CSV with only the phone column to map', async () => {
    const { user } = renderApp('/nao-me-perturbe', { userId: 2 })
    await user.click(await screen.findByRole('button', { name: 'Importar CSV' }))
    const dialog = await screen.findByRole('dialog', { name: 'Importar números para o Não Me Perturbe' })
    await user.upload(within(dialog).getByLabelText('Arquivo CSV'), new File(['Telefone\n11987654321\n'], 'dnc.csv'))
    expect(await within(dialog).findByLabelText('Telefone')).toHaveTextContent('B · Telefone')
    expect(within(dialog).queryByLabelText('Nome')).not.toBeInTheDocument()
    expect(within(dialog).queryByText('Acrescentar o nono dígito')).not.toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Importar' }))
    expect(await within(dialog).findByText('Na fila: a importação começa em instantes…')).toBeInTheDocument()
    expect(db.jobs[0]).toMatchObject({ kind: 'dnc-import' })
    // The page's recent imports show it too.
    expect(await screen.findByTestId('recent-import')).toHaveTextContent('Na fila')
  })
})
