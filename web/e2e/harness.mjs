// Shared plumbing of the e2e scripts (login-users.mjs, contacts-import.mjs): environment, the
// browser, numbered screenshots, steps that print "ok"/"FAIL" and the final "N passed, M failed".
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export function env(name, fallback) {
  const v = process.env[name] ?? fallback
  if (v === undefined || v === '') {
    console.error(`e2e: missing environment variable ${name}`)
    process.exit(2)
  }
  return v
}

/** TORPEDO_E2E_URL / _EMAIL / _PASSWORD (required), _SHOTS, _CHROMIUM, _TIMEOUT_MS. */
export function e2eConfig(defaultShots) {
  const config = {
    baseUrl: env('TORPEDO_E2E_URL'),
    email: env('TORPEDO_E2E_EMAIL'),
    password: env('TORPEDO_E2E_PASSWORD'),
    shots: env('TORPEDO_E2E_SHOTS', defaultShots),
    chromium: process.env.TORPEDO_E2E_CHROMIUM ?? '/usr/bin/chromium',
    timeout: Number(process.env.TORPEDO_E2E_TIMEOUT_MS ?? 15_000),
  }
  mkdirSync(config.shots, { recursive: true })
  return config
}

export function launchBrowser(config) {
  return chromium.launch({
    executablePath: config.chromium,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Steps, screenshots and the tally of one run. */
export function createHarness(config) {
  const state = { passed: 0, failed: 0, shotNo: 0 }

  async function shot(page, name) {
    state.shotNo += 1
    const file = join(config.shots, `${String(state.shotNo).padStart(2, '0')}-${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    return file
  }

  async function step(page, name, fn) {
    const t0 = Date.now()
    try {
      await fn()
      state.passed += 1
      console.log(`ok   ${name} (${Date.now() - t0} ms)`)
    } catch (err) {
      state.failed += 1
      console.error(`FAIL ${name}: ${err?.message?.split('\n')[0] ?? err}`)
      try {
        console.error(`     page: ${page.url()}  screenshot: ${await shot(page, `FAILED-${name.replace(/\W+/g, '-')}`)}`)
      } catch {
        /* page gone */
      }
      throw err
    }
  }

  /** Polls cond() until true or the timeout; then throws with describe()'s text. */
  async function until(cond, describe, timeout = config.timeout) {
    const end = Date.now() + timeout
    while (Date.now() < end) {
      if (await cond()) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(await describe())
  }

  /** Prints the tally and exits 0 when nothing failed. */
  function finish() {
    console.log(`${state.passed} passed, ${state.failed} failed`)
    process.exit(state.failed === 0 ? 0 : 1)
  }

  /** For a crash outside any step. */
  function crash(err) {
    console.error(`e2e: ${err?.stack ?? err}`)
    console.log(`${state.passed} passed, ${state.failed + 1} failed`)
    process.exit(1)
  }

  return { state, shot, step, until, finish, crash }
}

export const sidebar = (page) => page.getByRole('navigation', { name: 'Navegação principal' })

export async function login(page, email, password) {
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Senha', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Entrar' }).click()
  await sidebar(page).waitFor({ state: 'visible' })
}
