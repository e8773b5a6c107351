import { screen, waitFor, within } from '@testing-library/react'
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

describe('Troncos', () => {
  it('lists trunks with their carrier, authentication, live registration and numbering', async () => {
    renderApp('/troncos', { userId: ADMIN })
    const vivo = await screen.findByRole('row', { name: 'vivo-sp' }, { timeout: 5000 })
    expect(within(vivo).getByTestId('trunk-host')).toHaveTextContent('sip.vivo.com.br:5060')
    expect(within(vivo).getByText('Usuário torpedo01, com registro')).toBeInTheDocument()
    expect(await within(vivo).findByText('Registrado')).toBeInTheDocument()
    expect(within(vivo).getByText('Alcançável')).toBeInTheDocument()
    expect(within(vivo).getByText('30 canais · 10 CPS')).toBeInTheDocument()
    const claro = await screen.findByRole('row', { name: 'claro-ip' }, { timeout: 5000 })
    expect(within(claro).getByText('IP')).toBeInTheDocument()
    expect(within(claro).getByText('Por IP (1 endereço)')).toBeInTheDocument()
    expect(within(claro).getByText('Nacional com prefixo')).toBeInTheDocument()
    expect(within(claro).getByText('02111987654321')).toBeInTheDocument()
    expect(within(claro).getByText('Cobrança março')).toBeInTheDocument()
  })

  it('asks for a password or the carrier’s addresses, user and password to register, the prefix when needed', async () => {
    const bodies = captureBodies('POST', /\/trunks$/)
    const { user } = renderApp('/troncos', { userId: ADMIN })
    await screen.findByRole('row', { name: 'vivo-sp' }, { timeout: 5000 })
    await user.click(screen.getByRole('button', { name: 'Novo tronco' }))
    const dialog = await screen.findByRole('dialog', { name: 'Novo tronco SIP' })
    for (const title of ['Conexão', 'Autenticação', 'Limites', 'Numeração'])
      expect(within(dialog).getByRole('heading', { name: title })).toBeInTheDocument()

    await user.type(within(dialog).getByLabelText('Nome do tronco'), 'oi-rj')
    await user.type(within(dialog).getByLabelText('Servidor SIP da operadora'), 'sip:oi.com.br')
    await user.click(within(dialog).getByRole('switch', { name: 'Registrar na operadora' }))
    await user.click(within(dialog).getByRole('button', { name: 'Criar tronco' }))
    expect(await within(dialog).findByText(/Informe o nome ou o IP do servidor, sem “sip:” nem porta/)).toBeInTheDocument()
    expect(within(dialog).getByText('Para registrar na operadora, informe usuário e senha.')).toBeInTheDocument()
    expect(within(dialog).getByText(/Sem senha, informe os IPs da operadora/)).toBeInTheDocument()

    await user.clear(within(dialog).getByLabelText('Servidor SIP da operadora'))
    await user.type(within(dialog).getByLabelText('Servidor SIP da operadora'), 'sip.oi.com.br')
    await user.type(within(dialog).getByLabelText('Senha'), 'senha;ruim1')
    await user.click(within(dialog).getByRole('button', { name: 'Criar tronco' }))
    expect(await within(dialog).findByText(/A senha não pode ter ; \\ " \[ \] nem #/)).toBeInTheDocument()
    expect(within(dialog).getByText('Informe o usuário que acompanha a senha.')).toBeInTheDocument()

    await user.clear(within(dialog).getByLabelText('Senha'))
    await user.type(within(dialog).getByLabelText('Senha'), 'S3nha-F0rte')
    await user.type(within(dialog).getByLabelText('Usuário'), 'torpedo99')
    await user.click(within(dialog).getByRole('combobox', { name: 'Formato do número' }))
    await user.click(await screen.findByRole('option', { name: 'Nacional com prefixo' }))
    await user.click(within(dialog).getByRole('button', { name: 'Criar tronco' }))
    expect(await within(dialog).findByText('Informe o prefixo discado antes do número (ex.: 015).')).toBeInTheDocument()
    await user.type(within(dialog).getByLabelText('Prefixo de discagem'), '014')
    expect(within(dialog).getByText('Como o número vai para a operadora. Ex.: 01411987654321')).toBeInTheDocument()
    await user.clear(within(dialog).getByLabelText('Chamadas por segundo (CPS)'))
    await user.type(within(dialog).getByLabelText('Chamadas por segundo (CPS)'), '2.5')
    await user.type(within(dialog).getByLabelText('Prefixos permitidos (opcional)'), '21, 22 24')
    await user.click(within(dialog).getByRole('button', { name: 'Criar tronco' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies).toEqual([
      {
        name: 'oi-rj',
        host: 'sip.oi.com.br',
        port: 5060,
        transport: 'udp',
        username: 'torpedo99',
        secret: 'S3nha-F0rte',
        registerOutbound: true,
        ipMatch: [],
        codecs: ['ulaw', 'alaw'],
        maxChannels: 30,
        maxCps: 2.5,
        callerId: null,
        numberFormat: 'national_prefix',
        dialPrefix: '014',
        allowedPrefixes: ['21', '22', '24'],
        enabled: true,
      },
    ])
    expect(await screen.findByRole('row', { name: 'oi-rj' }, { timeout: 5000 })).toBeInTheDocument()
  })

  it('keeps the stored password when the field is left empty, and removes it on request', async () => {
    const bodies = captureBodies('PATCH', /\/trunks\/1$/)
    const { user } = renderApp('/troncos', { userId: ADMIN })
    const vivo = await screen.findByRole('row', { name: 'vivo-sp' }, { timeout: 5000 })
    await user.click(within(vivo).getByRole('button', { name: 'Editar o tronco vivo-sp' }))
    let dialog = await screen.findByRole('dialog', { name: 'Editar tronco' })
    expect(within(dialog).getByLabelText('Senha')).toHaveAttribute('placeholder', '•••••••• (mantida)')
    expect(within(dialog).getByText('Deixe em branco para manter a senha atual.')).toBeInTheDocument()
    await user.clear(within(dialog).getByLabelText('Máximo de canais'))
    await user.type(within(dialog).getByLabelText('Máximo de canais'), '60')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies).toEqual([{ maxChannels: 60 }])
    expect(db.trunks[0]!.secret).toBe('senha-da-operadora')

    await user.click(within(vivo).getByRole('button', { name: 'Editar o tronco vivo-sp' }))
    dialog = await screen.findByRole('dialog', { name: 'Editar tronco' })
    await user.click(within(dialog).getByRole('checkbox', { name: 'Remover a senha atual' }))
    expect(within(dialog).getByLabelText('Senha')).toBeDisabled()
    await user.click(within(dialog).getByRole('switch', { name: 'Registrar na operadora' }))
    await user.type(within(dialog).getByLabelText('IPs da operadora'), '200.9.9.9')
    await user.click(within(dialog).getByRole('button', { name: 'Salvar alterações' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(bodies[1]).toEqual({ secret: null, registerOutbound: false, ipMatch: ['200.9.9.9'] })
    expect(db.trunks[0]!.hasSecret).toBe(false)
  })

  it('shows the campaign that keeps a trunk from being deleted', async () => {
    const { user } = renderApp('/troncos', { userId: ADMIN })
    const claro = await screen.findByRole('row', { name: 'claro-ip' }, { timeout: 5000 })
    await user.click(within(claro).getByRole('button', { name: 'Excluir o tronco claro-ip' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Excluir tronco?' })
    await user.click(within(confirm).getByRole('button', { name: 'Excluir tronco' }))
    expect(
      await within(confirm).findByText('O tronco claro-ip é usado pela(s) campanha(s) "Cobrança março": troque o tronco lá antes de excluí-lo.'),
    ).toBeInTheDocument()
  })
})
