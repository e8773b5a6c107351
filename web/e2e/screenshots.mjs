#!/usr/bin/env node
// Visual tour for reviewing the UI: takes screenshots of every screen and dialog.
// Same environment as login-users.mjs (TORPEDO_E2E_URL/EMAIL/PASSWORD/SHOTS). It creates PBX
// nodes, a user, a token, contact lists, contacts and DNC numbers, so point it at a mock or test
// instance, not production:
//   npm run build && npm run e2e:tour:mock      (e2e/mock-server.mjs, shots in e2e/shots/tour)
// The Servidores part expects an instance without PBX nodes; the connection states shown are
// the mock's simulated ones (10.99.x.x never answers). The Contatos part expects the mock's seeded
// lists ("Renegociação abril" with thousands of contacts and a running import); the Áudios part
// expects its seeded audio (one used by a campaign) and uploads files made by audio-fixtures.mjs.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { makeMp3, makeToneWav, NOT_AUDIO } from './audio-fixtures.mjs'
import { encodeCp1252 } from './csv-fixtures.mjs'

const URL_ = process.env.TORPEDO_E2E_URL
const EMAIL = process.env.TORPEDO_E2E_EMAIL
const PASSWORD = process.env.TORPEDO_E2E_PASSWORD
const SHOTS = process.env.TORPEDO_E2E_SHOTS ?? 'e2e/shots/tour'
if (!URL_ || !EMAIL || !PASSWORD) {
  console.error('set TORPEDO_E2E_URL, TORPEDO_E2E_EMAIL, TORPEDO_E2E_PASSWORD')
  process.exit(2)
}
mkdirSync(SHOTS, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.TORPEDO_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const errors = []
let n = 0
async function shot(page, name) {
  n += 1
  await page.waitForTimeout(250) // let enter animations finish
  await page.screenshot({ path: join(SHOTS, `${String(n).padStart(2, '0')}-${name}.png`) })
}

try {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  ctx.setDefaultTimeout(10_000)
  const page = await ctx.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(URL_)
  await page.getByLabel('E-mail').fill('')
  await page.getByRole('button', { name: 'Entrar' }).click()
  await shot(page, 'login-validation')
  await page.getByLabel('E-mail').fill(EMAIL)
  await page.getByLabel('Senha', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await page.getByRole('navigation', { name: 'Navegação principal' }).waitFor()

  // servers (PBX nodes): empty state, create with a connection test, list with live status
  await page.getByRole('link', { name: 'Servidores' }).click()
  await page.getByRole('heading', { name: 'Servidores', level: 1 }).waitFor()
  await page.getByRole('heading', { name: 'Cadastre o primeiro servidor Asterisk' }).waitFor()
  await shot(page, 'servers-empty')
  await page.getByRole('button', { name: 'Novo servidor' }).click()
  const sdlg = page.getByRole('dialog', { name: 'Novo servidor Asterisk' })
  await sdlg.getByRole('button', { name: 'Cadastrar servidor' }).click()
  await shot(page, 'server-create-invalid')
  await sdlg.getByLabel('Nome').fill('asterisk-sp-01')
  await sdlg.getByLabel('Endereço do Asterisk').fill('10.0.0.21')
  await sdlg.getByLabel('Usuário AMI').fill('torpedo')
  await sdlg.getByLabel('Segredo AMI').fill('errada')
  await sdlg.getByLabel('Máximo de canais').fill('120')
  await sdlg.getByLabel('Diretório de sons').fill('/var/lib/asterisk/sounds/torpedo')
  await sdlg.getByLabel('Diretório de configuração').fill('/etc/asterisk/torpedo')
  await sdlg.getByRole('button', { name: 'Testar conexão' }).click()
  await sdlg.getByText('Falha na conexão').waitFor()
  await sdlg.evaluate((el) => el.scrollTo(0, 0)) // title and connection fields in view
  await shot(page, 'server-create-test-failed')
  await sdlg.getByLabel('Segredo AMI').fill('segredo-ami-forte')
  await sdlg.getByRole('button', { name: 'Testar conexão' }).click()
  await sdlg.getByText('Conexão bem-sucedida').waitFor()
  await sdlg.evaluate((el) => el.scrollTo(0, 0))
  await shot(page, 'server-create-test-ok')
  // The audio part: both ways of delivery explained, and a directory Asterisk could misread.
  await sdlg.getByLabel('Diretório de configuração').fill('/etc/asterisk/torpedo novo')
  await sdlg.getByRole('button', { name: 'Cadastrar servidor' }).click()
  await sdlg.getByText('Use um caminho absoluto só com letras').waitFor()
  await sdlg.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await shot(page, 'server-create-media')
  await sdlg.getByLabel('Diretório de configuração').fill('/etc/asterisk/torpedo')
  await sdlg.getByRole('button', { name: 'Cadastrar servidor' }).click()
  await sdlg.waitFor({ state: 'hidden' })
  // A second node, through the API, that cannot be reached.
  const { csrfToken } = await (await page.request.get(new URL('/api/v1/auth/me', URL_).href)).json()
  const created = await page.request.post(new URL('/api/v1/pbx-nodes', URL_).href, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { name: 'asterisk-rj-02', amiHost: '10.99.0.7', amiUser: 'torpedo', amiSecret: 'segredo-ami', maxChannels: 60, mediaMode: 'http' },
  })
  if (!created.ok()) throw new Error(`POST /pbx-nodes answered ${created.status()}`)
  const sp = page.getByRole('article', { name: 'asterisk-sp-01' })
  const rj = page.getByRole('article', { name: 'asterisk-rj-02' })
  await sp.getByText('Conectado', { exact: true }).waitFor()
  await rj.getByText('Desconectado', { exact: true }).waitFor()
  await shot(page, 'servers-list')
  await rj.getByRole('button', { name: /^Testar conexão/ }).click()
  await rj.getByText('Falha na conexão').waitFor({ timeout: 15_000 })
  await sp.getByRole('button', { name: /^Testar conexão/ }).click()
  await sp.getByText('Conexão bem-sucedida').waitFor()
  await shot(page, 'servers-card-tests')
  await sp.getByRole('button', { name: 'Editar asterisk-sp-01' }).click()
  await page.getByRole('dialog', { name: 'Editar servidor' }).waitFor()
  await shot(page, 'server-edit')
  await page.getByRole('dialog').getByRole('button', { name: 'Trocar segredo' }).click()
  await shot(page, 'server-edit-change-secret')
  await page.keyboard.press('Escape')
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  await rj.getByRole('button', { name: 'Excluir asterisk-rj-02' }).click()
  await page.getByRole('alertdialog').waitFor()
  await shot(page, 'server-delete-confirm')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancelar' }).click()
  await page.getByRole('alertdialog').waitFor({ state: 'hidden' })

  await page.getByRole('link', { name: 'Usuários' }).click()
  await page.getByRole('heading', { name: 'Usuários', level: 1 }).waitFor()

  // users: create with errors, duplicate email, then ok
  await page.getByRole('button', { name: 'Novo usuário' }).click()
  const dlg = page.getByRole('dialog')
  await dlg.getByLabel('Nome').fill('Maria da Conceição')
  await dlg.getByLabel('E-mail').fill('maria@')
  await dlg.getByLabel('Senha').fill('curta')
  await dlg.getByRole('button', { name: 'Criar usuário' }).click()
  await shot(page, 'create-user-invalid')
  await dlg.getByLabel('E-mail').fill(EMAIL)
  await dlg.getByLabel('Senha').fill('senha-boa-123')
  await dlg.getByRole('button', { name: 'Criar usuário' }).click()
  await dlg.getByText('já está cadastrado').waitFor()
  await shot(page, 'create-user-duplicate')
  await dlg.getByLabel('E-mail').fill(`maria.${Date.now()}@callcenter.com.br`)
  await dlg.getByRole('combobox').click()
  await page.getByRole('option', { name: 'Administrador' }).click()
  await dlg.getByRole('button', { name: 'Criar usuário' }).click()
  await dlg.waitFor({ state: 'hidden' })
  await page.getByRole('cell', { name: /Maria da Conceição/ }).first().waitFor()
  await shot(page, 'users-list')

  await page.getByRole('button', { name: /^Editar Maria/ }).first().click()
  await page.getByRole('dialog').waitFor()
  await shot(page, 'edit-user')
  await page.getByRole('dialog').getByLabel('Nome').fill('Maria Conceição Souza')
  await page.getByRole('dialog').getByLabel('Nova senha (opcional)').fill('curta')
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar alterações' }).click()
  await page.getByRole('dialog').getByText('A senha deve ter pelo menos 10 caracteres.').waitFor()
  await page.getByRole('dialog').getByLabel('Nova senha (opcional)').fill('')
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar alterações' }).click()
  await page.getByRole('dialog').waitFor({ state: 'hidden' })
  await page.getByRole('cell', { name: /Maria Conceição Souza/ }).first().waitFor()
  await page.getByRole('button', { name: /^Excluir Maria Conceição Souza/ }).first().click()
  await page.getByRole('alertdialog').waitFor()
  await shot(page, 'delete-user-confirm')
  await page.getByRole('button', { name: 'Excluir usuário' }).click()
  await page.getByRole('alertdialog').waitFor({ state: 'hidden' })
  await page.getByRole('cell', { name: /Maria Conceição Souza/ }).first().waitFor({ state: 'detached' })

  // tokens
  await page.getByRole('link', { name: 'Tokens de API' }).click()
  await page.getByRole('button', { name: 'Novo token' }).click()
  await page.getByRole('dialog').getByLabel('Nome').fill('Integração CRM')
  await shot(page, 'token-create')
  await page.getByRole('dialog').getByRole('button', { name: 'Criar token' }).click()
  await page.getByTestId('token-secret').waitFor()
  await shot(page, 'token-created')
  await page.getByRole('button', { name: 'Já copiei' }).click()
  await page.getByRole('cell', { name: 'Integração CRM', exact: true }).first().waitFor()
  await shot(page, 'tokens-list')

  // audit
  await page.getByRole('link', { name: 'Auditoria' }).click()
  await page.getByRole('button', { name: 'Ver detalhes' }).first().click()
  await shot(page, 'audit')
  await page.locator('#audit-action').click()
  await shot(page, 'audit-filter-open')
  await page.getByRole('option', { name: 'Usuário criado' }).click()
  await page.waitForTimeout(300)
  await shot(page, 'audit-filtered')

  // account
  await page.getByRole('link', { name: 'Minha conta' }).click()
  await page.getByLabel('Senha atual').fill('errada-123456')
  await page.getByLabel('Nova senha', { exact: true }).fill('nova-senha-123')
  await page.getByLabel('Confirme a nova senha').fill('nova-senha-123')
  await page.getByRole('button', { name: 'Alterar senha' }).click()
  await page.getByText('Senha atual incorreta').waitFor()
  await shot(page, 'account-wrong-password')

  // contacts: lists, a big list (virtualized), search, filters, selection, contact dialog
  await page.getByRole('link', { name: 'Contatos' }).click()
  await page.getByRole('heading', { name: 'Listas de contatos', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Renegociação abril' }).waitFor()
  await shot(page, 'contact-lists')
  await page.getByRole('button', { name: 'Nova lista' }).click()
  const ldlg = page.getByRole('dialog', { name: 'Nova lista de contatos' })
  await ldlg.getByLabel('Nome da lista').fill('Cobrança abril — carteira B')
  await ldlg.getByLabel('Descrição (opcional)').fill('Atraso de 31 a 60 dias, enviada pelo financeiro')
  await ldlg.getByLabel('Campo 1').fill('CPF')
  await ldlg.getByLabel('Campo 2').fill('Valor em aberto')
  await shot(page, 'contact-list-create')
  await ldlg.getByRole('button', { name: 'Criar lista' }).click()
  await page.getByRole('heading', { name: 'Cobrança abril — carteira B', level: 1 }).waitFor()
  await page.getByText('Esta lista ainda não tem contatos').waitFor()
  await shot(page, 'contact-list-empty')

  // import wizard into the new list: a Windows-1252, ';' file with problems
  await page.getByRole('button', { name: 'Importar CSV' }).first().click()
  const idlg = page.getByRole('dialog', { name: 'Importar contatos' })
  await idlg.getByText('Arraste o arquivo CSV até aqui').waitFor()
  await shot(page, 'import-file')
  const rows = [
    'Nome;Telefone;Celular;E-mail;CPF;Valor em aberto',
    'João da Silva;(11) 3456-7890;(11) 98765-4321;joao.silva@gmail.com;123.456.789-00;R$ 1.250,00',
    'Maria da Conceição;;+55 21 99876-5432;;234.567.890-11;R$ 89,90',
    'José Antônio Araújo;(31) 3222-1100;31 98888-7777;jose@uol.com.br;345.678.901-22;R$ 410,00',
    'Fernanda Gonçalves;(11) 1234-567;;;456.789.012-33;R$ 75,00',
    'Cliente EUA;+1 650 253 0000;;;;',
    ...Array.from({ length: 60 }, (_, i) => `Cliente ${i + 1};(11) 9${String(7000_0000 + i * 137).slice(0, 4)}-${String(1000 + i)};;;;R$ ${10 + i},00`),
  ]
  await idlg.getByLabel('Arquivo CSV').setInputFiles({ name: 'carteira-b-abril.csv', mimeType: 'text/csv', buffer: encodeCp1252(rows.join('\r\n') + '\r\n') })
  await idlg.getByText('Qual coluna tem cada informação?').waitFor()
  await shot(page, 'import-preview')
  await idlg.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await shot(page, 'import-preview-options')
  await idlg.getByRole('button', { name: 'Importar', exact: true }).click()
  await idlg.getByTestId('import-job').waitFor()
  await page.waitForTimeout(1400)
  await shot(page, 'import-progress')
  await idlg.getByText('Importação concluída').waitFor({ timeout: 15_000 })
  await shot(page, 'import-summary')
  await idlg.getByRole('button', { name: 'Concluir' }).click()
  await page.getByRole('table', { name: /^Contatos da lista/ }).getByText('José Antônio Araújo').waitFor()
  await shot(page, 'contact-list-imported')

  await page.getByRole('link', { name: 'Listas de contatos' }).click()
  await page.getByRole('link', { name: 'Renegociação abril' }).click()
  const ctable = page.getByRole('table', { name: 'Contatos da lista Renegociação abril' })
  await ctable.locator('tbody tr').nth(5).waitFor()
  await page.getByTestId('recent-import').first().waitFor()
  await shot(page, 'contacts-big-list')
  await page.getByRole('heading', { name: 'Importações recentes' }).or(page.getByText('Importações recentes')).first().scrollIntoViewIfNeeded()
  await shot(page, 'contacts-recent-imports')
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.getByTestId('contacts-scroll').evaluate((el) => el.scrollTo(0, 48 * 380))
  await page.getByText('contatos carregados').filter({ hasText: /^(200|300|400|500) de/ }).first().waitFor()
  await shot(page, 'contacts-scrolled')
  await page.getByRole('searchbox', { name: 'Buscar por nome, telefone ou e-mail' }).fill('joao')
  await page.getByText(/contatos? encontrados?/).first().waitFor()
  await page.waitForTimeout(400)
  await shot(page, 'contacts-search')
  await page.getByRole('searchbox', { name: 'Buscar por nome, telefone ou e-mail' }).fill('')
  await page.getByLabel('Não Me Perturbe', { exact: true }).click()
  await page.getByRole('option', { name: 'Só “Não ligar”' }).click()
  await ctable.getByTestId('dnc-badge').first().waitFor()
  await shot(page, 'contacts-filter-dnc')
  await page.getByRole('button', { name: 'Limpar filtros' }).click()
  await ctable.getByRole('columnheader', { name: /Nome/ }).getByRole('button').click()
  await ctable.getByRole('columnheader', { name: /Nome/ }).and(page.locator('[aria-sort="ascending"]')).waitFor()
  await page.locator('[data-testid="contacts-scroll"]:not([aria-busy])').waitFor()
  await ctable.getByRole('checkbox').nth(1).click()
  await ctable.getByRole('checkbox').nth(3).click({ modifiers: ['Shift'] })
  await shot(page, 'contacts-sorted-selected')
  await page.getByRole('button', { name: 'Excluir selecionados' }).click()
  await page.getByRole('alertdialog').waitFor()
  await shot(page, 'contacts-delete-confirm')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancelar' }).click()
  await ctable.getByRole('button', { name: /^Editar / }).first().click()
  await page.getByRole('dialog', { name: 'Editar contato' }).waitFor()
  await shot(page, 'contact-edit')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Novo contato' }).click()
  const cdlg = page.getByRole('dialog', { name: 'Novo contato' })
  await cdlg.getByLabel('Nome', { exact: true }).fill('Paula Mendes')
  await cdlg.getByLabel('Telefone 1', { exact: true }).fill('(11) 1234-567')
  await cdlg.getByRole('button', { name: 'Adicionar contato' }).click()
  await cdlg.getByText('Telefone inválido').waitFor()
  await shot(page, 'contact-create-invalid-phone')
  await page.keyboard.press('Escape')

  // a list used by a campaign cannot be deleted
  await page.getByRole('link', { name: 'Listas de contatos' }).click()
  await page.getByRole('button', { name: 'Excluir a lista Pesquisa de satisfação NPS' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Excluir lista' }).click()
  await page.getByRole('alertdialog').getByText('Pesquisa NPS — março').waitFor()
  await shot(page, 'contact-list-delete-conflict')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancelar' }).click()

  // Não Me Perturbe
  await page.getByRole('link', { name: 'Não Me Perturbe' }).click()
  await page.getByRole('heading', { name: 'Não Me Perturbe', level: 1 }).waitFor()
  await page.getByRole('table', { name: 'Não Me Perturbe' }).locator('tbody tr').nth(3).waitFor()
  await shot(page, 'dnc-list')
  await page.getByRole('button', { name: 'Adicionar número' }).click()
  const ddlg = page.getByRole('dialog', { name: 'Adicionar ao Não Me Perturbe' })
  await ddlg.getByLabel('Número').fill('(11) 98765-4321')
  await ddlg.getByLabel('Observação (opcional)').fill('Pediu pelo WhatsApp em 12/03')
  await ddlg.getByRole('button', { name: 'Adicionar número' }).click()
  await ddlg.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: 'Adicionar número' }).click()
  await ddlg.getByLabel('Número').fill('11 98765 4321')
  await ddlg.getByRole('button', { name: 'Adicionar número' }).click()
  await ddlg.getByText('Este número já está na lista Não Me Perturbe.').waitFor()
  await shot(page, 'dnc-add-duplicate')
  await page.keyboard.press('Escape')
  await page.getByRole('searchbox', { name: 'Buscar número (qualquer formato)' }).fill('(11) 98765')
  await page.getByRole('cell', { name: '+55 11 98765-4321', exact: true }).waitFor()
  await shot(page, 'dnc-search')
  await page.getByRole('button', { name: 'Importar CSV' }).click()
  const dimp = page.getByRole('dialog', { name: 'Importar números para o Não Me Perturbe' })
  await dimp.getByLabel('Arquivo CSV').setInputFiles({
    name: 'procon-abril.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('telefone,observacao\n(11) 3333-2222,procon\n21 98888-1111,procon\n', 'utf8'),
  })
  await dimp.getByText('Qual coluna tem cada informação?').waitFor()
  await shot(page, 'dnc-import-preview')
  await page.keyboard.press('Escape')

  // Áudios: the library, playback, kind tabs, search, uploads (one good, two refused), edit, delete
  await page.getByRole('link', { name: 'Áudios' }).click()
  await page.getByRole('heading', { name: 'Áudios', level: 1 }).waitFor()
  const atable = page.getByRole('table', { name: 'Áudios' })
  await atable.locator('tbody tr').nth(4).waitFor()
  // The nodes made above: asterisk-sp-01 takes the files (after a moment), asterisk-rj-02 fetches by URL.
  await atable.getByRole('button', { name: /^Entrega de Cobrança D\+5 — voz feminina aos servidores: (?!Entregando)/ }).waitFor({ timeout: 10_000 })
  await shot(page, 'audio-library')
  // Delivery of a song for the queues: the URL node cannot play music on hold.
  await atable.getByRole('button', { name: /^Entrega de Espera — violão instrumental aos servidores/ }).first().click()
  const deldlg = page.getByRole('dialog', { name: 'Entrega aos servidores' })
  await deldlg.getByRole('listitem', { name: 'asterisk-rj-02' }).getByText('Falhou').waitFor()
  await shot(page, 'audio-delivery-moh')
  await page.keyboard.press('Escape')
  await atable.getByRole('button', { name: /^Entrega de Cobrança D\+5 — voz feminina aos servidores/ }).first().click()
  await deldlg.getByRole('listitem', { name: 'asterisk-rj-02' }).getByText('Falhou').waitFor()
  await shot(page, 'audio-delivery-campaign')
  await deldlg.getByRole('button', { name: 'Revogar URL' }).click()
  await page.getByRole('alertdialog', { name: 'Revogar a URL de mídia?' }).waitFor()
  await shot(page, 'audio-revoke-url')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancelar' }).click()
  await page.keyboard.press('Escape')
  await deldlg.waitFor({ state: 'hidden' })
  await page.getByRole('button', { name: 'Tocar Cobrança D+5 — voz feminina' }).click()
  await page.getByRole('button', { name: 'Pausar Cobrança D+5 — voz feminina' }).waitFor()
  await page.waitForFunction(() => (document.querySelector('[data-testid="audio-player"]')?.currentTime ?? 0) > 9, null, { timeout: 20_000 })
  await shot(page, 'audio-playing')
  await page.getByRole('button', { name: 'Pausar Cobrança D+5 — voz feminina' }).click()
  await page.getByRole('tab', { name: 'Música de espera' }).click()
  await page.getByRole('table', { name: 'Músicas de espera' }).locator('tbody tr').nth(2).waitFor()
  await shot(page, 'audio-moh')
  await page.getByRole('tab', { name: 'Todos' }).click()
  await page.getByRole('searchbox', { name: 'Buscar áudio pelo nome' }).fill('cobranca')
  await atable.getByRole('row').filter({ hasText: 'Aviso de corte' }).waitFor({ state: 'detached' })
  await shot(page, 'audio-search')
  await page.getByRole('searchbox', { name: 'Buscar áudio pelo nome' }).fill('')
  await page.getByRole('button', { name: 'Enviar áudio' }).click()
  const udlg = page.getByRole('dialog', { name: 'Enviar áudios' })
  await udlg.getByText('Arraste os arquivos de áudio até aqui').waitFor()
  await shot(page, 'audio-upload-empty')
  await udlg.getByLabel('Arquivos de áudio').setInputFiles([
    { name: 'Aviso de vencimento.mp3', mimeType: 'audio/mpeg', buffer: makeMp3({ seconds: 6, beep: (t) => t % 1.2 < 0.8 }) },
    { name: 'gravação estúdio 8 canais.wav', mimeType: 'audio/wav', buffer: makeToneWav({ seconds: 1, channels: 8, sampleRate: 8000 }) },
    { name: 'leia-me.wav', mimeType: 'audio/wav', buffer: NOT_AUDIO },
  ])
  await udlg.getByTestId('upload-item').nth(2).waitFor()
  await udlg.getByTestId('upload-item').first().getByLabel('Descrição (opcional)').fill('Dois dias antes do vencimento, voz feminina')
  await shot(page, 'audio-upload-files')
  await udlg.getByRole('button', { name: 'Enviar 3 áudios' }).click()
  await udlg.getByText('Convertendo…').first().waitFor()
  await shot(page, 'audio-upload-converting')
  await udlg.locator('[data-testid="upload-item"][data-status="failed"]').nth(1).waitFor({ timeout: 20_000 })
  await udlg.evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await shot(page, 'audio-upload-results')
  await udlg.getByRole('button', { name: 'Concluir' }).click()
  await udlg.waitFor({ state: 'hidden' })
  await atable.getByRole('row', { name: 'Aviso de vencimento' }).waitFor()
  await shot(page, 'audio-uploaded')
  await atable.getByRole('button', { name: 'Editar Aviso de vencimento' }).click()
  const edlg = page.getByRole('dialog', { name: 'Editar áudio' })
  await edlg.getByLabel('Nome').fill('Aviso de corte — 24 h')
  await edlg.getByRole('button', { name: 'Salvar alterações' }).click()
  await edlg.getByText('Já existe um áudio deste tipo com este nome.').waitFor()
  await shot(page, 'audio-edit-conflict')
  await edlg.getByLabel('Nome').fill('Aviso de vencimento — D-2')
  await edlg.getByRole('button', { name: 'Salvar alterações' }).click()
  await edlg.waitFor({ state: 'hidden' })
  await atable.getByRole('button', { name: 'Excluir Cobrança D+5 — voz feminina' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Excluir áudio' }).click()
  await page.getByRole('alertdialog').getByText('Cobrança D+5 — março').waitFor()
  await shot(page, 'audio-delete-conflict')
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancelar' }).click()

  // english
  await page.getByRole('button', { name: 'Idioma' }).click()
  await shot(page, 'language-menu')
  await page.getByRole('menuitemradio', { name: 'English' }).click()
  await page.getByRole('link', { name: 'Users' }).click()
  await page.getByRole('heading', { name: 'Users' }).waitFor()
  await shot(page, 'users-english')
  await page.getByRole('link', { name: 'Servers' }).click()
  await page.getByRole('heading', { name: 'Servers', level: 1 }).waitFor()
  await shot(page, 'servers-english')
  await page.getByRole('link', { name: 'Contacts' }).click()
  await page.getByRole('link', { name: 'Lembrete de consulta — Clínica Vida' }).click()
  await page.getByRole('table', { name: /^Contacts of the list/ }).locator('tbody tr').nth(3).waitFor()
  await shot(page, 'contacts-english')
  await page.getByRole('link', { name: 'Do Not Call' }).click()
  await page.getByRole('heading', { name: 'Do Not Call', level: 1 }).waitFor()
  await shot(page, 'dnc-english')
  await page.getByRole('link', { name: 'Audio files' }).click()
  await page.getByRole('heading', { name: 'Audio files', level: 1 }).waitFor()
  await page.getByRole('table', { name: 'Audio files' }).locator('tbody tr').nth(3).waitFor()
  await shot(page, 'audio-english')
  await page.getByRole('button', { name: 'Language' }).click()
  await page.getByRole('menuitemradio', { name: 'Português (Brasil)' }).click()

  // mobile
  await page.setViewportSize({ width: 390, height: 800 })
  await page.getByRole('link', { name: 'Usuários' }).first().isVisible()
  await shot(page, 'mobile-users')
  await page.getByRole('button', { name: 'Abrir menu' }).click()
  await shot(page, 'mobile-menu')
  await page.getByRole('dialog').getByRole('link', { name: 'Servidores' }).click()
  await page.getByRole('heading', { name: 'Servidores', level: 1 }).waitFor()
  await shot(page, 'mobile-servers')
  await page.getByRole('button', { name: 'Abrir menu' }).click()
  await page.getByRole('dialog').getByRole('link', { name: 'Contatos' }).click()
  await page.getByRole('heading', { name: 'Listas de contatos', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Teste interno' }).click()
  await page.getByRole('heading', { name: 'Teste interno', level: 1 }).waitFor()
  await page.getByRole('table', { name: /^Contatos da lista/ }).locator('tbody tr').nth(1).waitFor()
  await shot(page, 'mobile-contacts')
  await page.getByRole('button', { name: 'Abrir menu' }).click()
  await page.getByRole('dialog').getByRole('link', { name: 'Áudios' }).click()
  await page.getByRole('heading', { name: 'Áudios', level: 1 }).waitFor()
  await page.getByRole('table', { name: 'Áudios' }).locator('tbody tr').nth(2).waitFor()
  await shot(page, 'mobile-audio')
} finally {
  await browser.close()
}
if (errors.length) {
  console.error('page errors:', errors)
  process.exit(1)
}
console.log(`${n} screenshots in ${SHOTS}`)
