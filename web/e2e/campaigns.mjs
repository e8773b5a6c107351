#!/usr/bin/env node
// End-to-end check of Campanhas as a new admin would use it, against a running Torpedo that can
// reach an Asterisk (scripts/e2e.sh: pbxsim, Torpedo's AMI simulator, already set up as a node):
//
//   TORPEDO_E2E_URL=http://127.0.0.1:8080/ TORPEDO_E2E_EMAIL=admin@… TORPEDO_E2E_PASSWORD=… \
//   TORPEDO_E2E_SHOTS=/tmp/shots node e2e/campaigns.mjs
//
// What it needs is normally prepared by its caller: a campaign audio delivered to the nodes, the
// contact list "Lista E2E Campanha" with a few contacts, a trunk and a connected PBX node. Whatever
// is missing it creates through the API (the session cookie plus X-CSRF-Token, as the page does):
// the node "ast-e2e-campanha" (AMI 127.0.0.1:TORPEDO_E2E_PBXSIM_PORT, default 5038, user torpedo,
// secret e2e-ami-secret, a fresh sounds directory under the system's temporary directory and
// TORPEDO_E2E_ASTERISK_DIR or a fresh configuration directory), the trunk "e2e-campanha", an MP3
// it builds itself (e2e/audio-fixtures.mjs) and the list with four contacts; it waits for the audio
// to be delivered. TORPEDO_E2E_CAMPAIGN_AUDIO and TORPEDO_E2E_CAMPAIGN_TRUNK name the audio and the
// trunk to use (default: the first campaign audio delivered everywhere, the first enabled trunk).
//
// Then, through the UI: Campanhas → Nova campanha; the wizard with the name "Campanha E2E", that
// audio, that list (its contact count shown), that trunk and 5 concurrent calls (the recommendation
// for up to 1.000 contacts highlighted); one attempt per contact (so that the run ends whatever
// the simulated callees do) and one window every day 00:00–24:00 with holidays allowed (so that
// it dials whenever this runs); the review; "Salvar rascunho" opens the campaign; once nothing
// keeps it from starting, Iniciar; it waits for "Concluída" (TORPEDO_E2E_CAMPAIGN_TIMEOUT_MS,
// default 120 s) watching the live counters, and checks that the attempts dialed are at least the
// contacts to call (contacts minus those skipped for DNC), that none remain, and that the call log
// and the outcome chart show them. A screenshot per step. Everything it created is removed at the
// end (the campaign too, unless TORPEDO_E2E_KEEP=1).
// Prints "N passed, M failed"; exits 1 on failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeMp3 } from './audio-fixtures.mjs'
import { createHarness, e2eConfig, launchBrowser, login, sidebar } from './harness.mjs'

const config = e2eConfig('e2e/shots/campaigns')
const { shot, step, until, finish, crash } = createHarness(config)
const CAMPAIGN_TIMEOUT = Number(process.env.TORPEDO_E2E_CAMPAIGN_TIMEOUT_MS ?? 120_000)
const SETUP_TIMEOUT = Number(process.env.TORPEDO_E2E_LIVE_TIMEOUT_MS ?? 60_000)
const KEEP = process.env.TORPEDO_E2E_KEEP === '1'

const CAMPAIGN = 'Campanha E2E'
const LIST = 'Lista E2E Campanha'
const NODE = 'ast-e2e-campanha'
const TRUNK = { name: 'e2e-campanha', host: '127.0.0.1', port: 5070, username: 'torpedo-e2e', secret: 'E2e-Trunk-pass1', maxChannels: 30, maxCps: 10 }
const AUDIO_NAME = 'Áudio E2E Campanha'
const AMI_PORT = Number(process.env.TORPEDO_E2E_PBXSIM_PORT ?? 5038)
// Mobile numbers of São Paulo, unique per run (a rerun does not meet the last one's DNC entries).
const stamp = String(Date.now() % 10_000_000).padStart(7, '0')
const PHONES = [0, 1, 2, 3].map((i) => `(11) 9${String((Number(stamp) + i * 1_111_111) % 100_000_000).padStart(8, '0')}`.replace(/(\d{4})(\d{4})$/, '$1-$2'))

const tempDirs = []
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(d)
  return d
}
const pageErrors = []
/** "1.234" (pt-BR) → 1234 */
const count = (text) => Number(String(text).replace(/\D+/g, '') || NaN)

async function main() {
  const browser = await launchBrowser(config)
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR' })
  context.setDefaultTimeout(config.timeout)
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))

  /** The API as the page calls it: the session cookie plus the CSRF header. */
  const api = async (method, path, data, options = {}) => {
    const { csrfToken } = await (await page.request.get(new URL('/api/v1/auth/me', config.baseUrl).href)).json()
    return page.request.fetch(new URL(`/api/v1${path}`, config.baseUrl).href, { method, headers: { 'X-CSRF-Token': csrfToken }, data, ...options })
  }
  const json = async (method, path, data) => {
    const res = await api(method, path, data)
    if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`)
    return res.status() === 204 ? null : res.json()
  }
  const items = async (path) => (await json('GET', path)).items ?? []
  const created = { campaign: null, list: null, audio: null, trunk: null, node: null }
  const use = { audio: null, list: null, trunk: null, contacts: 0 }
  const status = () => page.getByTestId('campaign-status').first()
  const counter = async (id) => count(await page.getByTestId(`counter-${id}-value`).innerText())
  const next = async (heading) => {
    await page.getByRole('button', { name: 'Próximo' }).click()
    await page.getByRole('heading', { name: new RegExp(`· ${heading}$`) }).waitFor()
  }

  try {
    await step(page, 'log in; a campaign left by an interrupted run is removed', async () => {
      const res = await page.goto(config.baseUrl, { waitUntil: 'domcontentloaded' })
      if (!res || !res.ok()) throw new Error(`GET ${config.baseUrl} answered ${res?.status()}`)
      await login(page, config.email, config.password)
      for (const c of await items('/campaigns')) {
        if (c.name !== CAMPAIGN) continue
        if (!['draft', 'completed', 'cancelled'].includes(c.status)) await json('POST', `/campaigns/${c.id}/cancel`)
        await json('DELETE', `/campaigns/${c.id}`)
      }
    })

    await step(page, 'a connected PBX node, a trunk, a delivered campaign audio and the list are there (created when missing)', async () => {
      // The node: any enabled one that is connected, or ours (pbxsim's port, fresh directories).
      let nodes = await items('/pbx-nodes')
      if (!nodes.some((n) => n.enabled && n.status.state === 'connected')) {
        const old = nodes.find((n) => n.name === NODE)
        if (old) await json('DELETE', `/pbx-nodes/${old.id}`)
        const configDir =
          process.env.TORPEDO_E2E_ASTERISK_DIR ??
          (() => {
            const d = tempDir('torpedo-e2e-campaign-asterisk-')
            for (const [file, body] of [
              ['pjsip.conf', '[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n#include torpedo_pjsip.conf\n'],
              ['queues.conf', '[general]\n\n#include torpedo_queues.conf\n'],
              ['extensions.conf', '[general]\nstatic = yes\n\n#include torpedo_extensions.conf\n'],
              ['musiconhold.conf', '[default]\nmode = files\ndirectory = moh\n\n#include torpedo_musiconhold.conf\n'],
            ])
              writeFileSync(join(d, file), body)
            return d
          })()
        const node = await json('POST', '/pbx-nodes', { name: NODE, amiHost: '127.0.0.1', amiPort: AMI_PORT, amiUser: 'torpedo', amiSecret: 'e2e-ami-secret', soundsDir: tempDir('torpedo-e2e-campaign-sounds-'), configDir })
        created.node = node.id
        await until(
          async () => (await json('GET', `/pbx-nodes/${node.id}`)).status.state === 'connected',
          async () => `the node ${NODE} (AMI 127.0.0.1:${AMI_PORT}) is "${(await json('GET', `/pbx-nodes/${node.id}`)).status.state}", not connected`,
          SETUP_TIMEOUT,
        )
        nodes = await items('/pbx-nodes')
      }

      // The trunk.
      const trunks = await items('/trunks')
      use.trunk = process.env.TORPEDO_E2E_CAMPAIGN_TRUNK
        ? trunks.find((t) => t.name === process.env.TORPEDO_E2E_CAMPAIGN_TRUNK)
        : (trunks.find((t) => t.name === TRUNK.name) ?? trunks.find((t) => t.enabled))
      if (!use.trunk) {
        use.trunk = await json('POST', '/trunks', TRUNK)
        created.trunk = use.trunk.id
      }

      // The audio: the one named, the first delivered everywhere, or one uploaded now.
      const audio = await items('/audio?kind=campaign&limit=200')
      const delivered = (a) => a.delivery.length > 0 && a.delivery.every((d) => d.state === 'delivered')
      use.audio = process.env.TORPEDO_E2E_CAMPAIGN_AUDIO
        ? audio.find((a) => a.name === process.env.TORPEDO_E2E_CAMPAIGN_AUDIO)
        : (audio.find((a) => a.name === AUDIO_NAME) ?? audio.find(delivered) ?? audio.find((a) => a.delivery.every((d) => d.state !== 'failed')))
      if (!use.audio) {
        const res = await api('POST', '/audio', undefined, {
          multipart: { file: { name: 'e2e-campanha.mp3', mimeType: 'audio/mpeg', buffer: makeMp3({ seconds: 2 }) }, name: AUDIO_NAME, kind: 'campaign' },
          timeout: SETUP_TIMEOUT,
        })
        if (res.status() !== 201) throw new Error(`uploading the audio answered ${res.status()}: ${await res.text()}`)
        use.audio = await res.json()
        created.audio = use.audio.id
      }
      await until(
        async () => delivered(await json('GET', `/audio/${use.audio.id}`)),
        async () => `the audio "${use.audio.name}" is not delivered: ${JSON.stringify((await json('GET', `/audio/${use.audio.id}`)).delivery)}`,
        SETUP_TIMEOUT,
      )

      // The list with a few contacts.
      use.list = (await items(`/contact-lists?q=${encodeURIComponent(LIST)}&limit=200`)).find((l) => l.name === LIST)
      if (!use.list) {
        use.list = await json('POST', '/contact-lists', { name: LIST, description: 'Criada pelo teste de campanhas (e2e/campaigns.mjs)' })
        created.list = use.list.id
      }
      if (use.list.contactCount === 0) for (const [i, phone] of PHONES.entries()) await json('POST', `/contact-lists/${use.list.id}/contacts`, { name: `Contato E2E ${i + 1}`, phones: [phone] })
      use.list = await json('GET', `/contact-lists/${use.list.id}`)
      use.contacts = use.list.contactCount
      if (use.contacts === 0) throw new Error(`the list ${LIST} has no contacts`)
    })

    await step(page, 'open Campanhas from the sidebar, then Nova campanha', async () => {
      await sidebar(page).getByRole('link', { name: 'Campanhas', exact: true }).click()
      await page.getByRole('heading', { name: 'Campanhas', level: 1 }).waitFor()
      await shot(page, 'campaigns-list')
      await page.getByRole('link', { name: 'Nova campanha' }).first().click()
      await page.getByRole('heading', { name: 'Nova campanha', level: 1 }).waitFor()
      await page.getByRole('heading', { name: /· Básico$/ }).waitFor()
    })

    await step(page, `Básico: the name, the audio "${use.audio?.name}" (delivered), the list ${LIST} with its contacts`, async () => {
      await page.getByRole('button', { name: 'Próximo' }).click()
      await page.getByText('Dê um nome à campanha.').waitFor()
      await page.getByLabel('Nome da campanha').fill(CAMPAIGN)
      await page.getByRole('combobox', { name: 'Mensagem (áudio)' }).click()
      await page.getByRole('option', { name: new RegExp(use.audio.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click()
      await page.getByTestId('audio-delivery').filter({ hasText: 'Entregue aos servidores' }).waitFor()
      await page.getByRole('checkbox', { name: new RegExp(LIST) }).click()
      const total = await page.getByTestId('lists-total').innerText()
      if (!total.includes(`1 lista escolhida · ${use.contacts.toLocaleString('pt-BR')} contatos`)) throw new Error(`the lists' total says "${total}"`)
      await shot(page, 'wizard-basics')
      await next('Discagem')
    })

    await step(page, `Discagem: the trunk ${use.trunk?.name} and 5 concurrent calls (the recommendation for up to 1.000 contacts highlighted)`, async () => {
      await page.getByRole('combobox', { name: 'Adicionar outro tronco (failover)' }).click()
      await page.getByRole('option', { name: new RegExp(`^${use.trunk.name}`) }).click()
      await page.getByTestId('trunk-order-item').filter({ hasText: use.trunk.name }).waitFor()
      await page.getByLabel('Chamadas simultâneas (máximo)').fill('5')
      const hint = page.getByTestId('concurrency-hint')
      if ((await hint.getAttribute('data-tier')) !== 'upTo1k') throw new Error(`the recommendation is for "${await hint.getAttribute('data-tier')}"`)
      await hint.locator('[aria-current="true"]').filter({ hasText: '10–20 chamadas simultâneas para até 1.000 contatos' }).waitFor()
      await shot(page, 'wizard-dialing')
      await next('Atendimento')
    })

    await step(page, 'Atendimento, Novas tentativas (one attempt per contact) and Horário (every day, all day, holidays too)', async () => {
      await shot(page, 'wizard-answering')
      await next('Novas tentativas')
      await page.getByLabel('Máximo de tentativas por contato').fill('1')
      await shot(page, 'wizard-retries')
      await next('Horário')
      await page.getByRole('button', { name: 'Remover a janela 2' }).click()
      const window = page.getByTestId('calling-window').first()
      for (const day of ['Sábado', 'Domingo']) await window.getByRole('checkbox', { name: day }).click()
      await page.locator('#campaign-window-0-start').fill('00:00')
      await page.locator('#campaign-window-0-end').fill('24:00')
      await page.getByRole('switch', { name: 'Ligar em feriados nacionais' }).click()
      await shot(page, 'wizard-schedule')
      await next('Revisão')
    })

    await step(page, 'Revisão shows the choices; "Salvar rascunho" opens the campaign as a draft', async () => {
      const summary = (id) => page.getByTestId(`summary-${id}`)
      await summary('basico').getByText(CAMPAIGN, { exact: true }).waitFor()
      await summary('discagem').getByText(`1. ${use.trunk.name}`).waitFor()
      await summary('discagem').getByText('Até 5 simultâneas', { exact: false }).waitFor()
      await summary('horario').getByText('Seg–Dom 00:00–24:00').waitFor()
      if (await page.getByTestId('review-missing').count()) throw new Error(`the review says something is missing: ${await page.getByTestId('review-missing').innerText()}`)
      await shot(page, 'wizard-review')
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/campaigns')
      await page.getByRole('button', { name: 'Salvar rascunho' }).click()
      const res = await answered
      if (res.status() !== 201) throw new Error(`POST /campaigns answered ${res.status()}: ${await res.text()}`)
      const campaign = await res.json()
      created.campaign = campaign.id
      const body = JSON.parse(res.request().postData() ?? '{}')
      const expect = { audioId: use.audio.id, listIds: [use.list.id], trunkIds: [use.trunk.id], maxConcurrent: 5, allowHolidays: true }
      for (const [k, v] of Object.entries(expect)) if (JSON.stringify(body[k]) !== JSON.stringify(v)) throw new Error(`the wizard sent ${k} = ${JSON.stringify(body[k])}, not ${JSON.stringify(v)}`)
      if (body.retryPolicy?.maxAttempts !== 1) throw new Error(`the wizard sent retryPolicy ${JSON.stringify(body.retryPolicy)}`)
      await page.getByRole('heading', { name: CAMPAIGN, level: 1 }).waitFor()
      if ((await status().innerText()).trim() !== 'Rascunho') throw new Error(`the new campaign is "${await status().innerText()}"`)
    })

    await step(page, 'once nothing keeps it from starting, Iniciar starts it', async () => {
      const start = page.getByRole('button', { name: 'Iniciar', exact: true })
      await until(
        async () => (await page.getByTestId('readiness').count()) === 0 && (await start.isEnabled()),
        async () => `Iniciar stays disabled: ${(await page.getByTestId('readiness').count()) ? await page.getByTestId('readiness').innerText() : '(no readiness shown)'}`,
        SETUP_TIMEOUT,
      )
      await shot(page, 'campaign-draft')
      await start.click()
      await until(
        async () => ['Em execução', 'Concluída'].includes((await status().innerText()).trim()),
        async () => `after Iniciar the status is "${await status().innerText()}"${(await page.getByTestId('command-error').count()) ? `: ${await page.getByTestId('command-error').innerText()}` : ''}`,
      )
    })

    await step(page, `it dials and ends "Concluída" (within ${CAMPAIGN_TIMEOUT / 1000} s)`, async () => {
      let runningShot = false
      await until(
        async () => {
          const s = (await status().innerText()).trim()
          if (!runningShot && s === 'Em execução' && (await counter('attempts')) + (await counter('up')) > 0) {
            runningShot = true
            await shot(page, 'campaign-running')
          }
          return s === 'Concluída'
        },
        async () => `the campaign is still "${await status().innerText()}" with ${await counter('remaining')} contacts remaining and ${await counter('up')} calls up`,
        CAMPAIGN_TIMEOUT,
      )
    })

    await step(page, 'the counters: every contact dialed, none remaining; the call log and the chart show the calls', async () => {
      const contacts = await counter('contacts')
      const dnc = await counter('dncSkipped')
      if (contacts !== use.contacts) throw new Error(`Contatos shows ${contacts}, the list has ${use.contacts}`)
      // The counters reach their final values with the last progress message or poll.
      await until(
        async () => (await counter('remaining')) === 0 && (await counter('attempts')) >= contacts - dnc && (await counter('up')) === 0,
        async () => `Discadas ${await counter('attempts')} (contacts ${contacts}, DNC ${dnc}), Restantes ${await counter('remaining')}, Em curso ${await counter('up')}`,
      )
      const attempts = await counter('attempts')
      const log = page.getByRole('table', { name: 'Resultados recentes' })
      await until(
        async () => (await log.getByTestId('attempt-row').count()) >= Math.min(attempts, 50) && (await log.locator('[data-disposition="dialing"]').count()) === 0,
        async () => `Resultados recentes has ${await log.getByTestId('attempt-row').count()} rows for ${attempts} attempts`,
      )
      if (attempts > 0) await page.getByTestId('outcome-legend').waitFor()
      await page.getByRole('table', { name: 'Chamadas em curso' }).getByText('Nenhuma chamada em curso agora.').waitFor()
      await shot(page, 'campaign-completed')
      const outcomes = await page.getByTestId('outcome-legend').innerText()
      console.log(`     ${contacts} contacts, ${attempts} attempts: ${outcomes.replace(/\s*\n\s*/g, ' ')}`)
    })

    await step(page, 'the list shows it "Concluída" at 100%', async () => {
      await sidebar(page).getByRole('link', { name: 'Campanhas', exact: true }).click()
      const row = page.getByRole('row', { name: CAMPAIGN, exact: true })
      await row.getByTestId('campaign-status').filter({ hasText: 'Concluída' }).waitFor()
      await row.getByTestId('campaign-progress-text').filter({ hasText: '100%' }).waitFor()
      await shot(page, 'campaigns-list-after')
    })

    await step(page, 'no uncaught errors in the page', async () => {
      if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`)
    })
  } catch {
    // the failing step has already said why
  } finally {
    const remove = async (path, what) => {
      const res = await api('DELETE', path).catch(() => null)
      if (res?.status() !== 204) console.error(`     could not delete ${what}: ${res?.status()}`)
    }
    if (created.campaign !== null && !KEEP) {
      const c = await json('GET', `/campaigns/${created.campaign}`).catch(() => null)
      if (c && !['draft', 'completed', 'cancelled'].includes(c.status)) await api('POST', `/campaigns/${c.id}/cancel`).catch(() => null)
      await remove(`/campaigns/${created.campaign}`, `the campaign ${CAMPAIGN}`)
    }
    if (!KEEP || created.campaign === null) {
      if (created.list !== null) await remove(`/contact-lists/${created.list}`, `the list ${LIST}`)
      if (created.audio !== null) await remove(`/audio/${created.audio}`, `the audio ${AUDIO_NAME}`)
      if (created.trunk !== null) await remove(`/trunks/${created.trunk}`, `the trunk ${TRUNK.name}`)
      if (created.node !== null) await remove(`/pbx-nodes/${created.node}`, `the node ${NODE}`)
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
    }
    await browser.close()
  }
  finish()
}

main().catch(crash)
