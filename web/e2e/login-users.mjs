#!/usr/bin/env node
// End-to-end check of the web UI as a new person would use it, against a running Torpedo.
//
//   TORPEDO_E2E_URL=http://127.0.0.1:8080/ TORPEDO_E2E_EMAIL=admin@… TORPEDO_E2E_PASSWORD=… \
//   TORPEDO_E2E_SHOTS=/tmp/shots node e2e/login-users.mjs
//
// Steps: log in as the admin, open Usuários, create an operator (unique email), find it in
// the table, log out, log in as the operator, check Usuários/Auditoria are not in the sidebar,
// log out. A screenshot is saved at each key step. Prints "N passed, M failed"; exits 1 on failure.
import { randomBytes } from 'node:crypto'
import { createHarness, e2eConfig, launchBrowser, login, sidebar } from './harness.mjs'

const config = e2eConfig('e2e/shots')
const ADMIN_EMAIL = config.email
const ADMIN_PASSWORD = config.password
const BASE_URL = config.baseUrl
const TIMEOUT = config.timeout

const stamp = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
const NEW_USER = {
  name: `Operador E2E ${stamp}`,
  email: `e2e-${stamp}@torpedo.test`,
  password: `Senha-${randomBytes(9).toString('base64url')}`,
}

const { shot, step, until, finish, crash } = createHarness(config)
const pageErrors = []

async function logout(page) {
  await page.getByRole('button', { name: 'Sair' }).click()
  await page.getByRole('heading', { name: 'Entrar no Torpedo' }).or(page.getByText('Entrar no Torpedo')).first().waitFor()
  if (!new URL(page.url()).pathname.startsWith('/login')) throw new Error(`expected /login after logout, got ${page.url()}`)
}

async function main() {
  const browser = await launchBrowser(config)
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'pt-BR' })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))

  try {
    await step(page, 'open the app and land on the login page', async () => {
      const res = await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' })
      if (!res || !res.ok()) throw new Error(`GET ${BASE_URL} answered ${res?.status()}`)
      await page.getByText('Entrar no Torpedo').first().waitFor()
      if (!new URL(page.url()).pathname.startsWith('/login')) throw new Error(`expected redirect to /login, got ${page.url()}`)
      await shot(page, 'login')
    })

    await step(page, 'wrong password shows a Portuguese error', async () => {
      await page.getByLabel('E-mail').fill(ADMIN_EMAIL)
      await page.getByLabel('Senha', { exact: true }).fill(`errada-${stamp}`)
      await page.getByRole('button', { name: 'Entrar' }).click()
      await page.getByText('E-mail ou senha incorretos').waitFor()
      await shot(page, 'login-error')
    })

    await step(page, 'log in as the administrator', async () => {
      await login(page, ADMIN_EMAIL, ADMIN_PASSWORD)
      await sidebar(page).getByRole('link', { name: 'Usuários' }).waitFor()
      await shot(page, 'admin-home')
    })

    await step(page, 'open Usuários', async () => {
      await sidebar(page).getByRole('link', { name: 'Usuários' }).click()
      await page.getByRole('heading', { name: 'Usuários', level: 1 }).waitFor()
      await page.getByRole('table', { name: 'Usuários' }).getByRole('cell', { name: ADMIN_EMAIL, exact: true }).first().waitFor()
      await shot(page, 'users')
    })

    await step(page, 'create an operator', async () => {
      await page.getByRole('button', { name: 'Novo usuário' }).click()
      const dialog = page.getByRole('dialog', { name: 'Novo usuário' })
      await dialog.waitFor()
      await dialog.getByLabel('Nome').fill(NEW_USER.name)
      await dialog.getByLabel('E-mail').fill(NEW_USER.email)
      await dialog.getByLabel('Senha').fill(NEW_USER.password)
      await shot(page, 'create-user-dialog')
      await dialog.getByRole('button', { name: 'Criar usuário' }).click()
      await dialog.waitFor({ state: 'hidden' })
    })

    await step(page, 'find the new user in the table', async () => {
      const searched = page.waitForResponse(
        (r) => new URL(r.url()).pathname.endsWith('/api/v1/users') && new URL(r.url()).searchParams.get('q') === NEW_USER.email,
      )
      await page.getByRole('searchbox', { name: 'Buscar por nome ou e-mail' }).fill(NEW_USER.email)
      const res = await searched
      if (!res.ok()) throw new Error(`GET /users?q=… answered ${res.status()}`)
      const row = page.getByRole('row').filter({ hasText: NEW_USER.email })
      await row.waitFor()
      const body = page.getByRole('table', { name: 'Usuários' }).locator('tbody tr')
      await until(async () => (await body.count()) === 1, async () => `search for ${NEW_USER.email} shows ${await body.count()} rows, expected 1`)
      const text = await row.innerText()
      if (!text.includes(NEW_USER.name)) throw new Error(`row for ${NEW_USER.email} does not show the name: ${text}`)
      if (!text.includes('Operador')) throw new Error(`row for ${NEW_USER.email} does not show role Operador: ${text}`)
      if (!text.includes('Ativo')) throw new Error(`row for ${NEW_USER.email} does not show status Ativo: ${text}`)
      await shot(page, 'user-created')
    })

    await step(page, 'log out (administrator)', async () => {
      await logout(page)
      await shot(page, 'admin-logged-out')
    })

    await step(page, 'log in as the new operator', async () => {
      await login(page, NEW_USER.email, NEW_USER.password)
      await page.getByTestId('current-user').getByText(NEW_USER.name).waitFor()
    })

    await step(page, 'operator does not see admin sections', async () => {
      const nav = sidebar(page)
      await nav.getByRole('link', { name: 'Tokens de API' }).waitFor()
      await nav.getByRole('link', { name: 'Minha conta' }).waitFor()
      for (const hidden of ['Usuários', 'Auditoria']) {
        const n = await nav.getByRole('link', { name: hidden }).count()
        if (n !== 0) throw new Error(`sidebar shows "${hidden}" to a plain user`)
      }
      await shot(page, 'operator-home')
    })

    await step(page, 'log out (operator)', async () => {
      await logout(page)
      await shot(page, 'operator-logged-out')
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
