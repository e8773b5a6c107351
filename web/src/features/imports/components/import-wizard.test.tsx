import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { act } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Job } from '@/lib/api/client'
import { db } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'
import { resetSettledJobs } from '../api/after-import'
import { applyJob } from '../api/job-events'

const csv = () => new File(['Nome;Telefone;Celular;E-mail\r\nJoão;(11) 98765-4321;;\r\n'], 'contatos.csv', { type: 'text/csv' })

async function openWizard() {
  const app = renderApp('/contatos/1', { userId: 2 })
  await screen.findByRole('heading', { name: 'Cobrança março', level: 1 })
  await app.user.click(screen.getAllByRole('button', { name: 'Importar CSV' })[0]!)
  const dialog = await screen.findByRole('dialog', { name: 'Importar contatos' })
  return { ...app, dialog }
}

describe('import wizard', () => {
  beforeEach(() => resetSettledJobs())

  it('previews the file, uploads it with the mapping and follows the job to its summary', async () => {
    let previewed = 0
    let sent: { options?: unknown; hasFile?: boolean; csrf?: string | null } = {}
    server.use(
      http.post('*/api/v1/contact-lists/import-preview', () => {
        previewed += 1
        return HttpResponse.json({
          encoding: 'windows-1252',
          delimiter: ';',
          header: ['Nome', 'Telefone', 'Celular', 'E-mail', 'CPF'],
          rows: [['João da Silva', '(11) 98765-4321', '', 'joao@exemplo.com.br', '123']],
          mapping: { name: 0, phone1: 1, phone2: 2, phone3: null, email: 3, custom1: 4, custom2: null, custom3: null, custom4: null, custom5: null },
        })
      }),
      http.post('*/api/v1/contact-lists/1/import', async ({ request }) => {
        const form = await request.formData()
        // (jsdom's XMLHttpRequest mangles the file part on its way to MSW; browsers send it whole.)
        sent = { options: JSON.parse(String(form.get('options'))), hasFile: form.has('file'), csrf: request.headers.get('X-CSRF-Token') }
        const job: Job = { id: 77, kind: 'contact-import', status: 'queued', processed: 0, total: 2048, result: null, error: null, listId: 1, fileName: 'contatos.csv' }
        db.jobs.unshift(job)
        return HttpResponse.json(job, { status: 202 })
      }),
    )
    const { user, dialog, queryClient } = await openWizard()
    expect(within(dialog).getByText('Arraste o arquivo CSV até aqui')).toBeInTheDocument()
    await user.upload(within(dialog).getByLabelText('Arquivo CSV'), csv())

    // Step 2: what was detected, the sample, the mapping filled in from the header.
    expect(await within(dialog).findByText('Qual coluna tem cada informação?')).toBeInTheDocument()
    expect(previewed).toBe(1)
    expect(within(dialog).getByLabelText('Codificação')).toHaveTextContent('Windows-1252 (Excel)')
    expect(within(dialog).getByLabelText('Separador')).toHaveTextContent('Ponto e vírgula (;)')
    expect(within(dialog).getByRole('cell', { name: 'João da Silva' })).toBeInTheDocument()
    expect(within(dialog).getByLabelText('Telefone 1')).toHaveTextContent('B · Telefone')
    expect(within(dialog).getByLabelText('CPF')).toHaveTextContent('E · CPF') // the list's label names custom field 1

    await user.click(within(dialog).getByRole('button', { name: 'Importar' }))
    // Step 3: the job, live.
    expect(await within(dialog).findByText('Na fila: a importação começa em instantes…')).toBeInTheDocument()
    expect(sent).toEqual({
      hasFile: true,
      csrf: 'csrf-test-token',
      options: {
        region: 'BR',
        allowInternational: false,
        addNinthDigit: false,
        onDuplicate: 'skip',
        hasHeader: true,
        mapping: { name: 0, phone1: 1, phone2: 2, phone3: null, email: 3, custom1: 4, custom2: null, custom3: null, custom4: null, custom5: null },
      },
    })

    const running: Job = { ...db.jobs[0]!, status: 'running', processed: 1024 }
    act(() => applyJob(queryClient, running))
    expect(await within(dialog).findByText('50%')).toBeInTheDocument()
    expect(within(dialog).getByText('1 KB de 2 KB lidos')).toBeInTheDocument()
    // A late poll with less progress does not move the bar back.
    act(() => applyJob(queryClient, { ...running, processed: 512 }))
    expect(within(dialog).getByText('50%')).toBeInTheDocument()

    const contactsBefore = queryClient.getQueryCache().findAll({ queryKey: ['contacts'] })[0]!.state.dataUpdateCount
    const done: Job = {
      ...running,
      status: 'completed',
      processed: 2048,
      result: { rows: 8, imported: 4, updated: 0, duplicates: 1, invalid: 2, foreign: 1, dnc: 1, rejectedReport: '/api/v1/jobs/77/report' },
    }
    act(() => applyJob(queryClient, done))
    // Step 4: the summary.
    expect(await within(dialog).findByText('Importação concluída')).toBeInTheDocument()
    const stat = (id: string) => within(dialog).getByTestId(`import-stat-${id}`)
    expect(stat('rows')).toHaveTextContent('Linhas lidas8')
    expect(stat('imported')).toHaveTextContent('Importados4')
    expect(stat('duplicates')).toHaveTextContent('Duplicados1')
    expect(stat('invalid')).toHaveTextContent('Inválidos2')
    expect(stat('foreign')).toHaveTextContent('Estrangeiros1')
    expect(stat('dnc')).toHaveTextContent('Na lista Não Me Perturbe1')
    expect(within(dialog).getByRole('link', { name: 'Baixar linhas rejeitadas' })).toHaveAttribute('href', '/api/v1/jobs/77/report')
    // The contacts table refreshes once the job is done.
    await waitFor(() =>
      expect(queryClient.getQueryCache().findAll({ queryKey: ['contacts'] })[0]!.state.dataUpdateCount).toBeGreaterThan(contactsBefore),
    )
  })

  it('takes a dropped file; tells how to export an Excel file, without sending it', async () => {
    let previewed = false
    server.use(http.post('*/api/v1/contact-lists/import-preview', () => ((previewed = true), HttpResponse.json({}))))
    const { dialog } = await openWizard()
    fireEvent.drop(within(dialog).getByTestId('import-dropzone'), { dataTransfer: { files: [new File(['PK'], 'clientes.xlsx')] } })
    expect(await within(dialog).findByText(/Arquivos do Excel \(\.xlsx, \.xls\) não são lidos diretamente/)).toBeInTheDocument()
    expect(previewed).toBe(false)
  })

  it('shows what the server refused in the file (413)', async () => {
    server.use(
      http.post('*/api/v1/contact-lists/import-preview', () =>
        HttpResponse.json({ error: { code: 'payload_too_large', message: 'too large' } }, { status: 413 }),
      ),
    )
    const { user, dialog } = await openWizard()
    await user.upload(within(dialog).getByLabelText('Arquivo CSV'), csv())
    expect(await within(dialog).findByText(/O arquivo é grande demais para o servidor/)).toBeInTheDocument()
  })

  it('requires the phone column before importing', async () => {
    server.use(
      http.post('*/api/v1/contact-lists/import-preview', () =>
        HttpResponse.json({ encoding: 'utf-8', delimiter: ',', header: ['Cliente', 'Fone cel'], rows: [['Ana', '11987654321']], mapping: { name: 0 } }),
      ),
    )
    const { user, dialog } = await openWizard()
    await user.upload(within(dialog).getByLabelText('Arquivo CSV'), csv())
    expect(await within(dialog).findByText('Escolha a coluna do telefone: sem ela não há o que importar.')).toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Importar' })).toBeDisabled()
    await user.click(within(dialog).getByLabelText('Telefone 1'))
    await user.click(await screen.findByRole('option', { name: 'B · Fone cel' }))
    expect(within(dialog).getByRole('button', { name: 'Importar' })).toBeEnabled()
  })

  it('cancels a running import', async () => {
    const { user, dialog, queryClient } = await openWizard()
    await user.upload(within(dialog).getByLabelText('Arquivo CSV'), csv())
    await user.click(await within(dialog).findByRole('button', { name: 'Importar' }))
    await within(dialog).findByText('Na fila: a importação começa em instantes…')
    act(() => applyJob(queryClient, { ...db.jobs[0]!, status: 'running', processed: 100 }))
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar importação' }))
    expect(await within(dialog).findByText('Importação cancelada')).toBeInTheDocument()
    expect(within(dialog).getByText('As linhas gravadas antes do cancelamento foram mantidas.')).toBeInTheDocument()
  })
})
