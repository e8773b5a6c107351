#!/usr/bin/env node
// End-to-end check of Ramais, Filas, Troncos and "Aplicar no Asterisk" as a new admin would use
// them, against a running Torpedo and an Asterisk it can reach (scripts/e2e.sh starts pbxsim,
// Torpedo's AMI simulator, which reads the configuration directory like Asterisk does):
//
//   TORPEDO_E2E_URL=http://127.0.0.1:8080/ TORPEDO_E2E_EMAIL=admin@… TORPEDO_E2E_PASSWORD=… \
//   TORPEDO_E2E_PBXSIM_PORT=5038 TORPEDO_E2E_ASTERISK_DIR=/tmp/…/asterisk \
//   TORPEDO_E2E_SHOTS=/tmp/shots node e2e/telephony.mjs
//
// TORPEDO_E2E_ASTERISK_DIR is the Asterisk configuration directory (the operator's pjsip.conf,
// queues.conf, extensions.conf and musiconhold.conf, each with its #include of Torpedo's file);
// the daemon writes there, so it runs on this machine. Without the two variables (against
// e2e/mock-server.mjs) the AMI port is 5038 and the directory a fresh one under the system's
// temporary directory, which the mock really writes to.
//
// Steps: log in; in Servidores create the node "ast-sim" (AMI 127.0.0.1:<port>, user torpedo,
// secret e2e-ami-secret, the configuration directory) and see it "Conectado"; open "Aplicar no
// Asterisk" and turn "Aplicar automaticamente" off (so that the changes wait to be previewed);
// in Ramais create two extensions (a wrong number first: the form says why) and see each one's
// SIP user and 24-character secret, once, with "Copiar"; in Troncos create a trunk with user,
// password and registration; in Filas create "suporte" with both extensions as members (one with
// a penalty); the lists say "Não aplicado" meanwhile; in "Aplicar no Asterisk" see the new
// sections in the diff for "ast-sim" (passwords masked), apply, and see "Aplicado" with the four
// files written and the four modules reloaded, and then "Sem alterações"; see the trunk
// "Registrado" and "Alcançável", the queue's members live and the extensions known to Asterisk;
// check <dir>/torpedo_pjsip.conf has both endpoints with the secrets shown; turn automatic apply
// back on, pause a member and see the automatic apply (its `pbx-apply` message) reach the disk
// and the live view; see why an extension in a queue cannot be deleted. Everything created is
// removed at the end, and automatic apply is left as it was found. A screenshot per key step.
// Prints "N passed, M failed"; exits 1 on failure.
import { randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHarness, e2eConfig, launchBrowser, login, sidebar } from './harness.mjs'

const config = e2eConfig('e2e/shots/telephony')
const { shot, step, until, finish, crash } = createHarness(config)
const LIVE_TIMEOUT = Number(process.env.TORPEDO_E2E_LIVE_TIMEOUT_MS ?? 30_000)

const NODE = 'ast-sim'
const AMI_PORT = Number(process.env.TORPEDO_E2E_PBXSIM_PORT ?? 5038)
let ownDir = null
const ASTERISK_DIR =
  process.env.TORPEDO_E2E_ASTERISK_DIR ??
  (() => {
    ownDir = mkdtempSync(join(tmpdir(), 'torpedo-e2e-asterisk-'))
    for (const [file, body] of [
      ['pjsip.conf', '[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0\n\n#include torpedo_pjsip.conf\n'],
      ['queues.conf', '[general]\npersistentmembers = no\n\n#include torpedo_queues.conf\n'],
      ['extensions.conf', '[general]\nstatic = yes\n\n#include torpedo_extensions.conf\n'],
      ['musiconhold.conf', '[default]\nmode = files\ndirectory = moh\n\n#include torpedo_musiconhold.conf\n'],
    ])
      writeFileSync(join(ownDir, file), body)
    return ownDir
  })()
if (!/^(\/[A-Za-z0-9._-]+)+$/.test(ASTERISK_DIR)) {
  console.error(`e2e: ${ASTERISK_DIR} has characters a configuration directory may not have; set TMPDIR to a plain path`)
  process.exit(2)
}

// Numbers unique per run (a rerun against the same instance does not collide); names as people type them.
const base = 7000 + randomInt(900) * 3 // ≡ 1 (mod 3): neither number is a multiple of 3 (the mock registers those)
const EXT = [
  { number: String(base), name: 'Ana Souza' },
  { number: String(base + 1), name: "João D'Ávila" },
]
const QUEUE = 'suporte'
const TRUNK = { name: 'operadora-e2e', host: '127.0.0.1', port: '5070', username: 'torpedo-e2e', secret: 'E2e-Trunk-pass1' }

const pageErrors = []

async function main() {
  const browser = await launchBrowser(config)
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'pt-BR' })
  context.setDefaultTimeout(config.timeout)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(config.baseUrl).origin })
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))

  /** The API as the page calls it: the session cookie plus the CSRF header. */
  const api = async (method, path, data) => {
    const { csrfToken } = await (await page.request.get(new URL('/api/v1/auth/me', config.baseUrl).href)).json()
    return page.request.fetch(new URL(`/api/v1${path}`, config.baseUrl).href, { method, headers: { 'X-CSRF-Token': csrfToken }, data })
  }
  const items = async (path) => (await (await api('GET', path)).json()).items ?? []
  const go = async (link, heading) => {
    await sidebar(page).getByRole('link', { name: link, exact: true }).click()
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor()
  }
  const applyDialog = () => page.getByRole('dialog', { name: 'Aplicar no Asterisk' })
  const openApply = async () => {
    await page.getByRole('button', { name: /^Aplicar no Asterisk/ }).click()
    await applyDialog().waitFor()
  }
  const closeDialog = async (dialog) => {
    await dialog.getByRole('button', { name: 'Fechar', exact: true }).last().click()
    await dialog.waitFor({ state: 'hidden' })
  }
  const autoSwitch = () => applyDialog().getByRole('switch', { name: 'Aplicar automaticamente' })
  const setAuto = async (on) => {
    const sw = autoSwitch()
    await until(async () => !(await sw.isDisabled()), () => 'the "Aplicar automaticamente" switch stays disabled')
    if ((await sw.getAttribute('aria-checked')) !== String(on)) {
      const answered = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/v1/settings/pbx'))
      await sw.click()
      const res = await answered
      if (res.status() !== 200) throw new Error(`PUT /settings/pbx answered ${res.status()}`)
    }
    await until(async () => (await sw.getAttribute('aria-checked')) === String(on), () => `the switch does not show ${on ? 'on' : 'off'}`)
  }
  const row = (name) => page.getByRole('row', { name, exact: true })
  const created = { extensions: [], queue: null, trunk: null, node: null }
  const secrets = {} // number -> secret shown once
  const endpoints = {} // number -> SIP user
  let autoApplyBefore = null

  try {
    await step(page, 'log in; leftovers of an interrupted run are removed', async () => {
      const res = await page.goto(config.baseUrl, { waitUntil: 'domcontentloaded' })
      if (!res || !res.ok()) throw new Error(`GET ${config.baseUrl} answered ${res?.status()}`)
      await login(page, config.email, config.password)
      autoApplyBefore = (await (await api('GET', '/settings/pbx')).json()).autoApply
      for (const q of await items('/queues')) if (q.name === QUEUE) await api('DELETE', `/queues/${q.id}`)
      for (const t of await items('/trunks')) if (t.name === TRUNK.name) await api('DELETE', `/trunks/${t.id}`)
      for (const n of await items('/pbx-nodes')) if (n.name === NODE) await api('DELETE', `/pbx-nodes/${n.id}`)
    })

    await step(page, `create the PBX node ${NODE} in Servidores and see it connected`, async () => {
      await go('Servidores', 'Servidores')
      await page.getByRole('button', { name: /^(Novo servidor|Cadastrar servidor)$/ }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Novo servidor Asterisk' })
      await dialog.getByLabel('Nome').fill(NODE)
      await dialog.getByLabel('Endereço do Asterisk').fill('127.0.0.1')
      await dialog.getByLabel('Porta AMI').fill(String(AMI_PORT))
      await dialog.getByLabel('Usuário AMI').fill('torpedo')
      await dialog.getByLabel('Segredo AMI').fill('e2e-ami-secret')
      await dialog.getByLabel('Diretório de configuração').fill(ASTERISK_DIR)
      await dialog.getByRole('button', { name: 'Testar conexão' }).click()
      await dialog.getByText('Conexão bem-sucedida').waitFor({ timeout: LIVE_TIMEOUT })
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/pbx-nodes'))
      await dialog.getByRole('button', { name: 'Cadastrar servidor' }).click()
      const res = await answered
      const body = await res.json()
      if (res.status() !== 201) throw new Error(`POST /pbx-nodes answered ${res.status()}: ${JSON.stringify(body)}`)
      created.node = body.id
      if (body.configDir !== ASTERISK_DIR) throw new Error(`the node's configuration directory is ${body.configDir}`)
      await dialog.waitFor({ state: 'hidden' })
      await page.getByRole('article', { name: NODE }).getByText('Conectado', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, 'node-connected')
    })

    await step(page, 'Ramais: the empty page says what to do; "Aplicar automaticamente" is turned off', async () => {
      await go('Ramais', 'Ramais')
      await page
        .getByRole('heading', { name: 'Cadastre o primeiro ramal' })
        .or(page.getByRole('table', { name: 'Ramais' }))
        .first()
        .waitFor()
      await shot(page, 'extensions-empty')
      await openApply()
      await applyDialog().getByRole('region', { name: NODE }).waitFor()
      await setAuto(false)
      await applyDialog().getByText('As alterações esperam aqui até você clicar em “Aplicar”.').waitFor()
      await shot(page, 'apply-auto-off')
      await closeDialog(applyDialog())
    })

    for (const [i, ext] of EXT.entries()) {
      await step(page, `create extension ${ext.number} (${ext.name}): its SIP user and 24-character secret are shown once`, async () => {
        await page.getByRole('button', { name: /^(Novo ramal|Criar ramal)$/ }).first().click()
        const dialog = page.getByRole('dialog', { name: 'Novo ramal' })
        if (i === 0) {
          await dialog.getByLabel('Número do ramal').fill('1')
          await dialog.getByLabel('Nome', { exact: true }).fill('Ana "Souza"')
          await dialog.getByRole('button', { name: 'Criar ramal' }).click()
          await dialog.getByText('Use de 2 a 8 dígitos (ex.: 1001).').waitFor()
          await dialog.getByText(/Use só letras, números, espaço, ponto, hífen, sublinhado e apóstrofo/).waitFor()
          await shot(page, 'extension-invalid')
        }
        await dialog.getByLabel('Número do ramal').fill(ext.number)
        await dialog.getByLabel('Nome', { exact: true }).fill(ext.name)
        const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/extensions'))
        await dialog.getByRole('button', { name: 'Criar ramal' }).click()
        const res = await answered
        const body = await res.json()
        if (res.status() !== 201) throw new Error(`POST /extensions answered ${res.status()}: ${JSON.stringify(body)}`)
        created.extensions.push(body.id)
        const shown = page.getByRole('dialog', { name: `Ramal ${ext.number} criado` })
        const secret = await shown.getByTestId('sip-secret').inputValue()
        const endpoint = await shown.getByTestId('sip-endpoint').inputValue()
        if (!/^[A-Za-z0-9]{24}$/.test(secret)) throw new Error(`the secret shown is "${secret}", expected 24 letters and digits`)
        if (secret !== body.secret) throw new Error('the secret shown is not the one the server answered')
        if (!new RegExp(`^r${ext.number}-[a-z0-9]{6}$`).test(endpoint)) throw new Error(`the SIP user shown is "${endpoint}"`)
        await shown.getByText('Anote agora: a senha não será mostrada de novo.').waitFor()
        await shown.getByRole('button', { name: 'Copiar senha' }).click()
        const copied = await page.evaluate(() => navigator.clipboard.readText())
        if (copied !== secret) throw new Error(`the clipboard holds "${copied}", expected the secret`)
        secrets[ext.number] = secret
        endpoints[ext.number] = endpoint
        await shot(page, `extension-${i + 1}-secret`)
        await shown.getByRole('button', { name: 'Já anotei' }).click()
        await shown.waitFor({ state: 'hidden' })
        const r = row(`${ext.number} ${ext.name}`)
        await r.waitFor()
        if (!(await r.innerText()).includes(endpoint)) throw new Error(`the row does not show the SIP user ${endpoint}`)
      })
    }

    await step(page, 'the extensions are listed, "Não aplicado" while automatic apply is off', async () => {
      for (const ext of EXT) await row(`${ext.number} ${ext.name}`).getByText('Não aplicado').waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, 'extensions-not-applied')
    })

    await step(page, `Troncos: create ${TRUNK.name} with user, password and registration`, async () => {
      await go('Troncos', 'Troncos')
      await page.getByRole('button', { name: /^(Novo tronco|Criar tronco)$/ }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Novo tronco SIP' })
      for (const section of ['Conexão', 'Autenticação', 'Limites', 'Numeração']) await dialog.getByRole('heading', { name: section }).waitFor()
      await dialog.getByLabel('Nome do tronco').fill(TRUNK.name)
      await dialog.getByLabel('Servidor SIP da operadora').fill(TRUNK.host)
      await dialog.getByLabel('Porta', { exact: true }).fill(TRUNK.port)
      await dialog.getByRole('switch', { name: 'Registrar na operadora' }).click()
      await dialog.getByRole('button', { name: 'Criar tronco' }).click()
      await dialog.getByText('Para registrar na operadora, informe usuário e senha.').waitFor()
      await shot(page, 'trunk-invalid')
      await dialog.getByLabel('Usuário', { exact: true }).fill(TRUNK.username)
      await dialog.getByLabel('Senha', { exact: true }).fill(TRUNK.secret)
      await dialog.getByLabel('Máximo de canais').fill('20')
      await dialog.getByLabel('Chamadas por segundo (CPS)').fill('2.5')
      await dialog.getByLabel('Prefixos permitidos (opcional)').fill('11, 21')
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/trunks'))
      await dialog.getByRole('button', { name: 'Criar tronco' }).click()
      const res = await answered
      const body = await res.json()
      if (res.status() !== 201) throw new Error(`POST /trunks answered ${res.status()}: ${JSON.stringify(body)}`)
      created.trunk = body.id
      if (!body.hasSecret || 'secret' in body) throw new Error('the trunk answer should say hasSecret and never carry the secret')
      if (body.maxCps !== 2.5 || body.allowedPrefixes.join() !== '11,21') throw new Error(`the trunk was stored as ${JSON.stringify(body)}`)
      await dialog.waitFor({ state: 'hidden' })
      const r = row(TRUNK.name)
      await r.waitFor()
      await r.getByText('Usuário torpedo-e2e, com registro').waitFor()
      await shot(page, 'trunk-created')
    })

    await step(page, `Filas: create "${QUEUE}" with both extensions as members`, async () => {
      await go('Filas', 'Filas')
      await page.getByRole('button', { name: /^(Nova fila|Criar fila)$/ }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Nova fila' })
      await dialog.getByLabel('Nome da fila').fill(QUEUE)
      await dialog.getByRole('radio', { name: /Rodízio/ }).click()
      await dialog.getByLabel('Tempo de toque (s)').fill('20')
      const list = dialog.getByTestId('members-list')
      for (const ext of EXT) await list.getByRole('checkbox', { name: `Ramal ${ext.number} — ${ext.name}` }).check()
      await list.getByRole('spinbutton', { name: `Penalidade do ramal ${EXT[1].number}` }).fill('5')
      const count = await dialog.getByTestId('members-count').innerText()
      if (count !== '2 selecionados') throw new Error(`the members count says "${count}"`)
      await dialog.evaluate((el) => el.scrollTo(0, el.scrollHeight))
      await shot(page, 'queue-form')
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/queues'))
      await dialog.getByRole('button', { name: 'Criar fila' }).click()
      const res = await answered
      const body = await res.json()
      if (res.status() !== 201) throw new Error(`POST /queues answered ${res.status()}: ${JSON.stringify(body)}`)
      created.queue = body.id
      const members = body.members.map((m) => `${m.number}:${m.penalty}:${m.paused}`).join()
      if (members !== `${EXT[0].number}:0:false,${EXT[1].number}:5:false`) throw new Error(`the queue's members were stored as ${members}`)
      await dialog.waitFor({ state: 'hidden' })
      const r = row(QUEUE)
      await r.getByText('2 membros').waitFor()
      await r.getByText('Não aplicado').waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, 'queue-created')
    })

    await step(page, `"Aplicar no Asterisk" shows the new sections in ${NODE}'s files, passwords masked`, async () => {
      await openApply()
      const node = applyDialog().getByRole('region', { name: NODE })
      await node.getByText(/arquivos? com alterações/).waitFor()
      const pjsip = node.getByRole('region', { name: 'Alterações em torpedo_pjsip.conf' })
      const queues = node.getByRole('region', { name: 'Alterações em torpedo_queues.conf' })
      const pjsipDiff = await pjsip.innerText()
      for (const want of [...EXT.map((e) => `+[${endpoints[e.number]}]`), `+[trunk-${TRUNK.name}]`, `+[trunk-${TRUNK.name}-reg]`, '+password = ********'])
        if (!pjsipDiff.includes(want)) throw new Error(`the diff of torpedo_pjsip.conf lacks "${want}"`)
      for (const secret of [...Object.values(secrets), TRUNK.secret]) if (pjsipDiff.includes(secret)) throw new Error('a password shows in the preview')
      const queuesDiff = await queues.innerText()
      for (const want of [`+[${QUEUE}]`, `+member => PJSIP/${endpoints[EXT[0].number]},0,${EXT[0].name}`, `+member => PJSIP/${endpoints[EXT[1].number]},5,${EXT[1].name}`])
        if (!queuesDiff.includes(want)) throw new Error(`the diff of torpedo_queues.conf lacks "${want}"`)
      // Added lines are green, the hunk headers marked.
      const added = pjsip.locator('[data-kind="add"]').first()
      if (!/text-success/.test((await added.getAttribute('class')) ?? '')) throw new Error('added lines are not highlighted')
      await shot(page, 'apply-preview')
      await pjsip.evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shot(page, 'apply-preview-diff')
    })

    await step(page, `apply: "${NODE}" says "Aplicado", with the files written and the modules reloaded`, async () => {
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/pbx/apply'), { timeout: LIVE_TIMEOUT })
      await applyDialog().getByRole('button', { name: 'Aplicar', exact: true }).click()
      const res = await answered
      const body = await res.json()
      if (res.status() !== 200) throw new Error(`POST /pbx/apply answered ${res.status()}: ${JSON.stringify(body)}`)
      const mine = body.nodes.find((n) => n.nodeName === NODE)
      if (!mine?.ok) throw new Error(`the apply on ${NODE} did not succeed: ${JSON.stringify(mine)}`)
      const result = applyDialog().getByRole('list', { name: 'Resultado por servidor' }).getByRole('listitem', { name: NODE, exact: true })
      await result.getByText('Aplicado', { exact: true }).waitFor()
      if ((await result.getAttribute('data-outcome')) !== 'ok') throw new Error('the result is not marked ok')
      const text = await result.innerText()
      for (const want of ['torpedo_pjsip.conf', 'torpedo_queues.conf', 'torpedo_musiconhold.conf', 'torpedo_extensions.conf', 'res_pjsip.so', 'app_queue.so', 'res_musiconhold.so', 'pbx_config.so'])
        if (!text.includes(want)) throw new Error(`the result does not list ${want}: ${text.replace(/\s+/g, ' ')}`)
      if (await result.getByTestId('apply-error').count()) throw new Error(`the result shows an error: ${await result.getByTestId('apply-error').innerText()}`)
      // The preview is read again: the disk now has what Torpedo would write.
      await applyDialog().getByRole('region', { name: NODE }).getByText('Sem alterações', { exact: true }).waitFor()
      await applyDialog().evaluate((el) => el.scrollTo(0, 0))
      await shot(page, 'apply-result')
      await closeDialog(applyDialog())
    })

    await step(page, `${NODE}'s torpedo_pjsip.conf on disk has both endpoints with the secrets shown, and the trunk`, async () => {
      const file = join(ASTERISK_DIR, 'torpedo_pjsip.conf')
      if (!existsSync(file)) throw new Error(`${file} does not exist`)
      const text = readFileSync(file, 'utf8')
      for (const ext of EXT) {
        const ep = endpoints[ext.number]
        if (!text.includes(`[${ep}]`)) throw new Error(`${file} has no section [${ep}]`)
        if (!text.includes(`username = ${ep}\npassword = ${secrets[ext.number]}\n`)) throw new Error(`${file} does not have ${ep}'s secret as shown`)
      }
      for (const want of [`[trunk-${TRUNK.name}]`, `[trunk-${TRUNK.name}-reg]`, `password = ${TRUNK.secret}`])
        if (!text.includes(want)) throw new Error(`${file} lacks "${want}"`)
      const queues = readFileSync(join(ASTERISK_DIR, 'torpedo_queues.conf'), 'utf8')
      if (!queues.includes(`[${QUEUE}]`)) throw new Error(`torpedo_queues.conf has no [${QUEUE}]`)
    })

    await step(page, 'Troncos: the trunk is "Registrado" and "Alcançável"', async () => {
      await go('Troncos', 'Troncos')
      const live = row(TRUNK.name).getByTestId('trunk-live')
      await live.getByText('Registrado', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT })
      await live.getByText('Alcançável', { exact: true }).waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, 'trunk-live')
    })

    await step(page, `Filas: "${QUEUE}" is live with both members listed`, async () => {
      await go('Filas', 'Filas')
      const members = row(QUEUE).getByRole('list', { name: `Membros da fila ${QUEUE} em ${NODE}` })
      await until(
        async () => (await members.getByTestId('live-member').count()) === 2,
        async () => `the live members are: ${(await members.count()) ? await members.innerText() : '(none)'}`,
        LIVE_TIMEOUT,
      )
      const text = await members.innerText()
      for (const ext of EXT) if (!text.includes(ext.number)) throw new Error(`the live members lack ${ext.number}: ${text}`)
      await row(QUEUE).getByTestId('queue-waiting').waitFor()
      await shot(page, 'queue-live')
    })

    await step(page, 'Ramais: Asterisk knows both extensions (no phone registered yet)', async () => {
      await go('Ramais', 'Ramais')
      for (const ext of EXT) {
        const r = row(`${ext.number} ${ext.name}`)
        await r.getByText(/^(Não registrado|Registrado|Em ligação|Tocando)$/).waitFor({ timeout: LIVE_TIMEOUT })
        if (await r.getByText('Não aplicado').count()) throw new Error(`${ext.number} is still "Não aplicado"`)
        await r.getByText(QUEUE, { exact: true }).waitFor()
      }
      await shot(page, 'extensions-live')
    })

    await step(page, 'with automatic apply back on, pausing a member reaches the disk and Asterisk by itself', async () => {
      await openApply()
      await setAuto(true)
      await closeDialog(applyDialog())
      await go('Filas', 'Filas')
      await row(QUEUE).getByRole('button', { name: `Editar a fila ${QUEUE}` }).click()
      const dialog = page.getByRole('dialog', { name: 'Editar fila' })
      await dialog.getByTestId('members-list').getByRole('switch', { name: `Ramal ${EXT[1].number} pausado` }).click()
      const chip = page.getByTestId('last-apply-chip')
      const before = (await chip.count()) ? await chip.innerText() : ''
      await dialog.getByRole('button', { name: 'Salvar alterações' }).click()
      await dialog.waitFor({ state: 'hidden' })
      const file = join(ASTERISK_DIR, 'torpedo_queues.conf')
      await until(
        () => readFileSync(file, 'utf8').includes(`PJSIP/${endpoints[EXT[1].number]},5,${EXT[1].name},,,,1`),
        () => `${file} does not have the member paused: ${readFileSync(file, 'utf8')}`,
        LIVE_TIMEOUT,
      )
      // The daemon's `pbx-apply` message: the header says how the last apply went (a newer one than the manual apply's).
      await until(
        async () => {
          const text = (await chip.count()) ? await chip.innerText() : ''
          return text !== before && /^Aplicado às/.test(text)
        },
        async () => `the last apply shows "${(await chip.count()) ? await chip.innerText() : '(nothing)'}" (before the change: "${before}")`,
        LIVE_TIMEOUT,
      )
      const members = row(QUEUE).getByRole('list', { name: `Membros da fila ${QUEUE} em ${NODE}` })
      await members.locator('[data-paused="true"]').waitFor({ timeout: LIVE_TIMEOUT })
      await shot(page, 'queue-paused-auto-applied')
    })

    await step(page, 'an extension in a queue cannot be deleted: the page says which queue', async () => {
      await go('Ramais', 'Ramais')
      await row(`${EXT[0].number} ${EXT[0].name}`).getByRole('button', { name: `Excluir o ramal ${EXT[0].number}` }).click()
      const confirm = page.getByRole('alertdialog', { name: 'Excluir ramal?' })
      await confirm.getByRole('button', { name: 'Excluir ramal' }).click()
      await confirm.getByText(`O ramal ${EXT[0].number} é membro da(s) fila(s) "${QUEUE}": tire-o de lá antes de excluí-lo.`).waitFor()
      await shot(page, 'extension-delete-conflict')
      await confirm.getByRole('button', { name: 'Cancelar' }).click()
      await confirm.waitFor({ state: 'hidden' })
    })

    await step(page, 'no uncaught errors in the page', async () => {
      if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`)
    })
  } catch {
    // the failing step has already said why
  } finally {
    // Leave nothing behind: the queue first (its members), then the extensions, the trunk and the node.
    const remove = async (path, what) => {
      const res = await api('DELETE', path).catch(() => null)
      if (res?.status() !== 204) console.error(`     could not delete ${what}: ${res?.status()}`)
    }
    if (created.queue !== null) await remove(`/queues/${created.queue}`, `the queue ${QUEUE}`)
    for (const id of created.extensions) await remove(`/extensions/${id}`, `the extension #${id}`)
    if (created.trunk !== null) await remove(`/trunks/${created.trunk}`, `the trunk ${TRUNK.name}`)
    if (created.node !== null) await remove(`/pbx-nodes/${created.node}`, `the node ${NODE}`)
    if (autoApplyBefore !== null) await api('PUT', '/settings/pbx', { autoApply: autoApplyBefore }).catch(() => null)
    if (ownDir) rmSync(ownDir, { recursive: true, force: true })
    await browser.close()
  }
  finish()
}

main().catch(crash)
