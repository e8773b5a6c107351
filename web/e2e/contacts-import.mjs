#!/usr/bin/env node
// End-to-end check of Contatos and Não Me Perturbe as a new person would use them, against a
// running Torpedo (same environment as login-users.mjs):
//
//   TORPEDO_E2E_URL=http://127.0.0.1:8080/ TORPEDO_E2E_EMAIL=admin@… TORPEDO_E2E_PASSWORD=… \
//   TORPEDO_E2E_SHOTS=/tmp/shots node e2e/contacts-import.mjs
//
// Steps: log in; add a number (unique per run) on the Não Me Perturbe page and find it; create a
// contact list; import into it a messy CSV written here the way Excel in Brazil writes it
// (Windows-1252, ';', CRLF, quotes) with valid, invalid, foreign, duplicate, DNC and too-wide rows;
// check the preview, the summary counts and the rejected-rows report; check the contacts (accents,
// "Não ligar"); search "joao" and find "João"; remove the DNC number again. A screenshot per key
// step. Prints "N passed, M failed"; exits 1 on failure. It creates a list per run (unique name).
import { readFile } from 'node:fs/promises'
import { randomBytes, randomInt } from 'node:crypto'
import { encodeCp1252, parseSemicolonCsv } from './csv-fixtures.mjs'
import { createHarness, e2eConfig, launchBrowser, login, sidebar } from './harness.mjs'

const config = e2eConfig('e2e/shots/contacts-import')
const { shot, step, until, finish, crash } = createHarness(config)
const IMPORT_TIMEOUT = Number(process.env.TORPEDO_E2E_IMPORT_TIMEOUT_MS ?? 60_000)

const stamp = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
const LIST_NAME = `E2E importação ${stamp}`

// A mobile number nobody else uses: DDD 11, 9, then 8 random digits (first one not 0).
const dncDigits = `9${randomInt(1, 10)}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`
const DNC = {
  typed: `(11) ${dncDigits.slice(0, 5)}-${dncDigits.slice(5)}`, // as the operator types it
  inCsv: `11 ${dncDigits.slice(0, 5)} ${dncDigits.slice(5)}`, // another format, same number
  shown: `+55 11 ${dncDigits.slice(0, 5)}-${dncDigits.slice(5)}`, // how the UI shows E.164
  note: `E2E ${stamp}`,
}

/**
 * The file, line by line (line 1 is the header). `expect` says what the import rules make of each
 * data line: the first phone decides; the same first phone again is a duplicate (default
 * "ignorar"); a number that is not a valid Brazilian one is invalid; a number of another country
 * is foreign (international numbers are not accepted by default); a line with more columns than
 * the header is invalid; a contact whose number is on the DNC list is imported and counted in
 * `dnc`.
 */
const LINES = [
  { text: 'Nome;Telefone;Celular;E-mail' },
  { text: 'João da Silva;(11) 98765-4321;;joao.silva@exemplo.com.br', expect: 'imported' },
  { text: 'Maria Conceição;11 3456-7890;+55 21 99876-5432;maria@exemplo.com.br', expect: 'imported' },
  { text: 'José Antônio Araújo;+55 31 99123-4567;(31) 3222-1100;', expect: 'imported' },
  { text: `"Inês de Araújo ""Nena""";${DNC.inCsv};;ines@exemplo.com.br`, expect: 'imported', dnc: true },
  { text: 'Fernanda Gonçalves;(11) 1234-567;;fernanda@exemplo.com.br', expect: 'invalid' },
  { text: 'Cliente Exterior;+1 650 253 0000;;', expect: 'foreign' },
  { text: 'João da Silva;(11) 98765-4321;;joao.silva@exemplo.com.br', expect: 'duplicate' },
  { text: 'Pedro Álvares Cabral;(11) 97777-6666;;pedro@exemplo.com.br;sobrou;outra', expect: 'invalid' },
]
const CSV = encodeCp1252(`${LINES.map((l) => l.text).join('\r\n')}\r\n\r\n`) // ends with a blank line, as Excel often does

const data = LINES.slice(1)
const count = (what) => data.filter((l) => l.expect === what).length
const EXPECTED = {
  rows: data.length, // 8
  imported: count('imported'), // 4
  updated: 0,
  duplicates: count('duplicate'), // 1
  invalid: count('invalid'), // 2
  foreign: count('foreign'), // 1
  dnc: data.filter((l) => l.dnc).length, // 1
}
/**
 * Physical lines (1-based, header = 1) the rejected-rows report lists: every row not imported —
 * invalid, foreign and duplicate ("rejected = duplicates + invalid + foreign"), in line order.
 */
const REJECTED = LINES.flatMap((l, i) => (['invalid', 'foreign', 'duplicate'].includes(l.expect) ? [i + 1] : [])) // [6, 7, 8, 9]

const pageErrors = []

async function main() {
  const browser = await launchBrowser(config)
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'pt-BR', acceptDownloads: true })
  context.setDefaultTimeout(config.timeout)
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))
  const contactsTable = () => page.getByRole('table', { name: `Contatos da lista ${LIST_NAME}` })
  const dialog = () => page.getByRole('dialog', { name: 'Importar contatos' })

  try {
    await step(page, 'log in', async () => {
      const res = await page.goto(config.baseUrl, { waitUntil: 'domcontentloaded' })
      if (!res || !res.ok()) throw new Error(`GET ${config.baseUrl} answered ${res?.status()}`)
      await page.getByText('Entrar no Torpedo').first().waitFor()
      await login(page, config.email, config.password)
    })

    await step(page, 'add a number to Não Me Perturbe and find it', async () => {
      await sidebar(page).getByRole('link', { name: 'Não Me Perturbe' }).click()
      await page.getByRole('heading', { name: 'Não Me Perturbe', level: 1 }).waitFor()
      await page.getByRole('button', { name: 'Adicionar número' }).click()
      const dlg = page.getByRole('dialog', { name: 'Adicionar ao Não Me Perturbe' })
      await dlg.getByLabel('Número').fill(DNC.typed)
      await dlg.getByLabel('Observação (opcional)').fill(DNC.note)
      await shot(page, 'dnc-add')
      const added = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/api/v1/dnc'))
      await dlg.getByRole('button', { name: 'Adicionar número' }).click()
      const res = await added
      if (res.status() !== 201) throw new Error(`POST /dnc answered ${res.status()}: ${await res.text()}`)
      await dlg.waitFor({ state: 'hidden' })
      await page.getByRole('searchbox', { name: 'Buscar número (qualquer formato)' }).fill(dncDigits)
      const row = page.getByRole('table', { name: 'Não Me Perturbe' }).getByRole('row').filter({ hasText: DNC.shown })
      await row.waitFor()
      const text = await row.innerText()
      if (!text.includes('Manual')) throw new Error(`the DNC row does not say its source is Manual: ${text}`)
      if (!text.includes(DNC.note)) throw new Error(`the DNC row does not show the note: ${text}`)
      await shot(page, 'dnc-listed')
    })

    await step(page, 'create a contact list', async () => {
      await sidebar(page).getByRole('link', { name: 'Contatos' }).click()
      await page.getByRole('heading', { name: 'Listas de contatos', level: 1 }).waitFor()
      // On a fresh install the empty state offers the same button as the page header.
      await page.getByRole('button', { name: 'Nova lista' }).first().click()
      const dlg = page.getByRole('dialog', { name: 'Nova lista de contatos' })
      await dlg.getByLabel('Nome da lista').fill(LIST_NAME)
      await dlg.getByLabel('Descrição (opcional)').fill('Criada pelo teste de ponta a ponta')
      await dlg.getByRole('button', { name: 'Criar lista' }).click()
      // Creating opens the list.
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor()
      await page.getByText('Esta lista ainda não tem contatos').waitFor()
      await shot(page, 'list-created')
    })

    await step(page, 'open the list from the lists page', async () => {
      await page.getByRole('link', { name: 'Listas de contatos' }).click()
      await page.getByRole('searchbox', { name: 'Buscar lista pelo nome' }).fill(stamp)
      await page.getByRole('link', { name: LIST_NAME }).click()
      await page.getByRole('heading', { name: LIST_NAME, level: 1 }).waitFor()
    })

    await step(page, 'choose the CSV and check the preview', async () => {
      await page.getByRole('button', { name: 'Importar CSV' }).first().click()
      await dialog().getByText('Arraste o arquivo CSV até aqui').waitFor()
      await dialog().getByLabel('Arquivo CSV').setInputFiles({ name: `contatos-${stamp}.csv`, mimeType: 'text/csv', buffer: CSV })
      await dialog().getByText('Qual coluna tem cada informação?').waitFor()
      const encoding = await dialog().getByLabel('Codificação').innerText()
      if (!encoding.includes('Windows-1252')) throw new Error(`encoding shown is "${encoding}", expected Windows-1252`)
      const delimiter = await dialog().getByLabel('Separador').innerText()
      if (!delimiter.includes('Ponto e vírgula')) throw new Error(`delimiter shown is "${delimiter}", expected Ponto e vírgula`)
      // Accents decoded: the sample shows the names as written.
      await dialog().getByRole('cell', { name: 'João da Silva', exact: true }).first().waitFor()
      await dialog().getByRole('cell', { name: 'Maria Conceição', exact: true }).waitFor()
      // Phone 1 is the "Telefone" column (B); choose it if the automatic mapping did not.
      const phone1 = dialog().getByLabel('Telefone 1', { exact: true })
      if (!(await phone1.innerText()).includes('B · Telefone')) {
        await phone1.click()
        await page.getByRole('option', { name: 'B · Telefone' }).click()
      }
      await shot(page, 'import-preview')
    })

    await step(page, 'import and see the summary counts', async () => {
      const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/contact-lists\/\d+\/import$/.test(new URL(r.url()).pathname))
      await dialog().getByRole('button', { name: 'Importar', exact: true }).click()
      const res = await uploaded
      if (res.status() !== 202) throw new Error(`POST …/import answered ${res.status()}: ${await res.text()}`)
      await dialog().getByText('Importação concluída').or(dialog().getByText('A importação falhou')).waitFor({ timeout: IMPORT_TIMEOUT })
      if (await dialog().getByText('A importação falhou').count()) throw new Error(`the import failed: ${await dialog().getByTestId('import-summary').innerText()}`)
      const shown = {}
      for (const key of Object.keys(EXPECTED)) {
        const text = await dialog().getByTestId(`import-stat-${key}`).locator('dd').first().innerText()
        shown[key] = Number(text.replace(/\D/g, ''))
      }
      await shot(page, 'import-summary')
      const wrong = Object.keys(EXPECTED).filter((k) => shown[k] !== EXPECTED[k])
      if (wrong.length) throw new Error(`summary shows ${JSON.stringify(shown)}, expected ${JSON.stringify(EXPECTED)}`)
    })

    await step(page, 'download the rejected rows', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('link', { name: 'Baixar linhas rejeitadas' }).click()])
      const failure = await download.failure()
      if (failure) throw new Error(`download failed: ${failure}`)
      const text = (await readFile(await download.path())).toString('utf8')
      const rows = parseSemicolonCsv(text)
      const [header, ...rejected] = rows
      if (header?.[0] !== 'line' || header?.[1] !== 'reason')
        throw new Error(`the report's header is "${header?.join(';')}", expected it to start with line;reason`)
      if (rejected.length !== REJECTED.length)
        throw new Error(`the report has ${rejected.length} rows, expected ${REJECTED.length} (invalid + foreign + duplicates):\n${text}`)
      const lines = rejected.map((r) => Number(r[0]))
      if (lines.join() !== REJECTED.join()) throw new Error(`the report lists lines ${lines.join(', ')}, expected ${REJECTED.join(', ')} in order`)
      if (header.slice(2).join(';') !== LINES[0].text) throw new Error(`the report's columns after line;reason are "${header.slice(2).join(';')}", expected the file's header`)
      if (rejected.some((r) => !r[1]?.trim())) throw new Error('a rejected row has no reason')
      const foreign = rejected.find((r) => Number(r[0]) === LINES.findIndex((l) => l.expect === 'foreign') + 1)
      if (!foreign?.includes('+1 650 253 0000')) throw new Error(`the foreign row does not carry its original columns: ${foreign?.join(';')}`)
    })

    await step(page, 'the list shows the imported contacts, with accents and "Não ligar"', async () => {
      await dialog().getByRole('button', { name: 'Concluir' }).click()
      await dialog().waitFor({ state: 'hidden' })
      const table = contactsTable()
      for (const name of ['João da Silva', 'Maria Conceição', 'José Antônio Araújo', 'Inês de Araújo "Nena"'])
        await table.getByText(name, { exact: true }).waitFor()
      const body = table.locator('tbody tr')
      await until(async () => (await body.count()) === EXPECTED.imported, async () => `the table shows ${await body.count()} rows, expected ${EXPECTED.imported}`)
      await page.getByTestId('list-contact-count').getByText(`${EXPECTED.imported} contatos`).waitFor()
      const ines = table.getByRole('row').filter({ hasText: 'Inês de Araújo' })
      await ines.getByText('Não ligar').waitFor()
      if (!(await ines.innerText()).includes(DNC.shown)) throw new Error(`the DNC contact's phone is not shown as ${DNC.shown}`)
      const maria = table.getByRole('row').filter({ hasText: 'Maria Conceição' })
      if (!(await maria.innerText()).includes('+55 11 3456-7890')) throw new Error('Maria’s phone is not shown formatted as +55 11 3456-7890')
      if (await table.getByRole('row').filter({ hasText: 'João da Silva' }).getByText('Não ligar').count())
        throw new Error('João is marked "Não ligar" but his number is not on the list')
      await shot(page, 'contacts-imported')
    })

    await step(page, 'search "joao" finds João', async () => {
      const searched = page.waitForResponse(
        (r) => /\/api\/v1\/contact-lists\/\d+\/contacts$/.test(new URL(r.url()).pathname) && new URL(r.url()).searchParams.get('q') === 'joao',
      )
      await page.getByRole('searchbox', { name: 'Buscar por nome, telefone ou e-mail' }).fill('joao')
      const res = await searched
      if (!res.ok()) throw new Error(`GET …/contacts?q=joao answered ${res.status()}`)
      const body = contactsTable().locator('tbody tr')
      await until(async () => (await body.count()) === 1, async () => `the search shows ${await body.count()} rows, expected 1`)
      const text = await body.first().innerText()
      if (!text.includes('João da Silva')) throw new Error(`the search found "${text}", expected João da Silva`)
      await page.getByText('1 contato encontrado').waitFor()
      await shot(page, 'search-joao')
    })

    await step(page, 'the import is listed under Importações recentes', async () => {
      const recent = page.getByTestId('recent-import').filter({ hasText: `contatos-${stamp}.csv` })
      await recent.waitFor()
      const text = await recent.innerText()
      if (!text.includes('Concluída')) throw new Error(`the recent import does not say Concluída: ${text}`)
    })

    await step(page, 'remove the number from Não Me Perturbe', async () => {
      await sidebar(page).getByRole('link', { name: 'Não Me Perturbe' }).click()
      await page.getByRole('searchbox', { name: 'Buscar número (qualquer formato)' }).fill(dncDigits)
      await page.getByRole('button', { name: `Remover ${DNC.shown}` }).click()
      const confirm = page.getByRole('alertdialog', { name: 'Remover do Não Me Perturbe?' })
      await confirm.getByRole('button', { name: 'Remover número' }).click()
      await confirm.waitFor({ state: 'hidden' })
      await page.getByText(`Nenhum número encontrado para “${dncDigits}”.`).waitFor()
      await shot(page, 'dnc-removed')
    })

    await step(page, 'no uncaught errors in the page', async () => {
      if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`)
    })
  } catch {
    // the failing step has already said why
  } finally {
    await browser.close()
  }
  finish()
}

main().catch(crash)
