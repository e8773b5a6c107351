#!/usr/bin/env node
// End-to-end check of Áudios as a new person would use it, against a running Torpedo (same
// environment as login-users.mjs):
//
//   TORPEDO_E2E_URL=http://127.0.0.1:8080/ TORPEDO_E2E_EMAIL=admin@… TORPEDO_E2E_PASSWORD=… \
//   TORPEDO_E2E_SHOTS=/tmp/shots node e2e/audio-upload.mjs
//
// Steps: log in; create a PBX node "ast-e2e" through the API whose sounds directory is a fresh
// directory under the system's temporary directory (the daemon runs on this machine; its AMI
// port is 1, nobody answers there, which does not matter for delivery); open Áudios; upload an
// MP3 made here (a real MPEG-1 Layer III file of beeps, see audio-fixtures.mjs: no encoder, no
// network) and see it converted, with its duration ("0:02"), format and waveform; see it
// delivered to "ast-e2e" in "Entrega aos servidores" and its files, audio-<id>.wav (8 kHz) and
// .wav16 (16 kHz), in <soundsDir>/campaign; copy the media URL with the page's button (and fetch
// it), revoke it after confirming and see a new URL shown (the old one answers 404); play it in
// the page (the button turns to pause and the <audio> element's time advances on the 16 kHz
// WAV); rename it; download the original and compare the bytes; upload at once a WAV as music on
// hold and a text file renamed .wav, and see the WAV accepted and the text refused with the
// server's Portuguese reason next to it; filter by kind; delete both audio again (and their files
// leave the sounds directory). A screenshot per key step. Prints "N passed, M failed"; exits 1 on
// failure. Names are unique per run; the node and the directory are removed at the end.
// TORPEDO_E2E_AUDIO_TIMEOUT_MS (default 60 s) bounds each upload (the daemon answers once the
// audio is transcoded) and the delivery to the node.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeMp3, makeToneWav, NOT_AUDIO } from './audio-fixtures.mjs'
import { createHarness, e2eConfig, launchBrowser, login, sidebar } from './harness.mjs'

const config = e2eConfig('e2e/shots/audio-upload')
const { shot, step, until, finish, crash } = createHarness(config)
const UPLOAD_TIMEOUT = Number(process.env.TORPEDO_E2E_AUDIO_TIMEOUT_MS ?? 60_000)

const stamp = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
// What a person has on disk: a recorded message, a song for the queue, and a wrong file.
const MP3 = { file: `aviso-vencimento-${stamp}.mp3`, bytes: makeMp3({ seconds: 2 }) } // 56 frames: 2.016 s
const MP3_NAME = `aviso-vencimento-${stamp}` // the name the page suggests: the file's, without .mp3
const RENAMED = `Aviso de vencimento ${stamp}`
const WAV = { file: `espera-${stamp}.wav`, bytes: makeToneWav({ seconds: 3, sampleRate: 44_100, channels: 2 }) }
const WAV_NAME = `espera-${stamp}`
const TEXT = { file: `leia-me-${stamp}.wav`, bytes: NOT_AUDIO }
const sha256 = (b) => createHash('sha256').update(b).digest('hex')
// The node the audio is delivered to; its sounds directory is on this machine, like the daemon.
const NODE = 'ast-e2e'
const SOUNDS_DIR = mkdtempSync(join(tmpdir(), 'torpedo-e2e-sounds-'))
if (!/^(\/[A-Za-z0-9._-]+)+$/.test(SOUNDS_DIR)) {
  console.error(`e2e: the temporary directory ${SOUNDS_DIR} has characters a sounds directory may not have; set TMPDIR to a plain path`)
  process.exit(2)
}
/** The sample rate in a WAV file's fmt chunk (Asterisk's .wav is 8 kHz, .wav16 16 kHz). */
const wavRate = (bytes) => (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 12, 16) === 'fmt ' ? bytes.readUInt32LE(24) : null)

const pageErrors = []

async function main() {
  const browser = await launchBrowser(config)
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'pt-BR', acceptDownloads: true })
  context.setDefaultTimeout(config.timeout)
  // "Copiar" writes to the clipboard; the test reads it back.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(config.baseUrl).origin })
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))
  const uploadDialog = () => page.getByRole('dialog', { name: 'Enviar áudios' })
  const table = () => page.getByRole('table', { name: 'Áudios' })
  const row = (name) => table().getByRole('row', { name, exact: true })
  const player = () => page.getByTestId('audio-player')
  const uploaded = () =>
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/api/v1/audio'), { timeout: UPLOAD_TIMEOUT })
  const created = {} // name -> id, to clean up
  let nodeId = null // ast-e2e, to clean up
  let mp3Id = null // the MP3's id, kept after it is deleted
  /** The API as the page calls it: the session cookie plus the CSRF header (see src/lib/api/client.ts). */
  const api = async (method, path, data) => {
    const me = await page.request.get(new URL('/api/v1/auth/me', config.baseUrl).href)
    const { csrfToken } = await me.json()
    return page.request.fetch(new URL(`/api/v1${path}`, config.baseUrl).href, { method, headers: { 'X-CSRF-Token': csrfToken }, data })
  }
  const deliveryDialog = () => page.getByRole('dialog', { name: 'Entrega aos servidores' })
  const mediaUrl = () => deliveryDialog().getByRole('textbox', { name: /^URL de mídia de / })

  try {
    await step(page, 'log in and open Áudios', async () => {
      const res = await page.goto(config.baseUrl, { waitUntil: 'domcontentloaded' })
      if (!res || !res.ok()) throw new Error(`GET ${config.baseUrl} answered ${res?.status()}`)
      await page.getByText('Entrar no Torpedo').first().waitFor()
      await login(page, config.email, config.password)
      await sidebar(page).getByRole('link', { name: 'Áudios' }).click()
      await page.getByRole('heading', { name: 'Áudios', level: 1 }).waitFor()
      // A fresh install shows the empty state, which has the same button as the header.
      await page.getByRole('table', { name: 'Áudios' }).or(page.getByRole('heading', { name: 'Nenhum áudio ainda' })).first().waitFor()
      await shot(page, 'audio-page')
    })

    await step(page, `create the PBX node ${NODE} with a sounds directory on this machine`, async () => {
      const body = { name: NODE, amiHost: '127.0.0.1', amiPort: 1, amiUser: 'torpedo', amiSecret: 'x', soundsDir: SOUNDS_DIR }
      let res = await api('POST', '/pbx-nodes', body)
      if (res.status() === 409) {
        // Left by an interrupted run against the same instance: replace it.
        const { items } = await (await api('GET', '/pbx-nodes')).json()
        const old = items.find((n) => n.name === NODE)
        if (old) await api('DELETE', `/pbx-nodes/${old.id}`)
        res = await api('POST', '/pbx-nodes', body)
      }
      const node = await res.json().catch(() => null)
      if (res.status() !== 201) throw new Error(`POST /pbx-nodes answered ${res.status()}: ${JSON.stringify(node)}`)
      nodeId = node.id
      if (node.soundsDir !== SOUNDS_DIR || node.mediaMode !== 'directory') throw new Error(`the node was stored as ${JSON.stringify(node)}`)
    })

    await step(page, 'upload an MP3: converted, with its duration, format and waveform', async () => {
      await page.getByRole('button', { name: 'Enviar áudio' }).first().click()
      await uploadDialog().getByText('Arraste os arquivos de áudio até aqui').waitFor()
      await uploadDialog().getByLabel('Arquivos de áudio').setInputFiles({ name: MP3.file, mimeType: 'audio/mpeg', buffer: MP3.bytes })
      const item = uploadDialog().getByTestId('upload-item')
      const suggested = await item.getByLabel('Nome').inputValue()
      if (suggested !== MP3_NAME) throw new Error(`the name suggested is "${suggested}", expected the file's name without .mp3: "${MP3_NAME}"`)
      const kind = await item.getByLabel('Tipo').innerText()
      if (!kind.includes('Mensagem de campanha')) throw new Error(`the kind suggested is "${kind}", expected Mensagem de campanha`)
      await item.getByLabel('Descrição (opcional)').fill('Criado pelo teste de ponta a ponta')
      await shot(page, 'mp3-chosen')
      const answer = uploaded()
      await uploadDialog().getByRole('button', { name: 'Enviar áudio', exact: true }).click()
      const res = await answer
      const body = await res.json().catch(() => null)
      if (res.status() !== 201) throw new Error(`POST /audio answered ${res.status()}: ${JSON.stringify(body)}`)
      created[MP3_NAME] = body.id
      mp3Id = body.id
      if (body.format !== 'MP3') throw new Error(`the server says the format is "${body.format}", expected MP3`)
      if (!(body.durationMs >= 1900 && body.durationMs <= 2200)) throw new Error(`the server says it lasts ${body.durationMs} ms, expected about 2016`)
      if (body.channels !== 1 || body.sampleRate !== 32_000) throw new Error(`the server read ${body.channels} channel(s) at ${body.sampleRate} Hz, expected 1 at 32000`)
      if (body.sizeBytes !== MP3.bytes.length || body.sha256 !== sha256(MP3.bytes)) throw new Error('the stored size or sha256 is not the file’s')
      // The file beeps: its waveform is not flat.
      if (!Array.isArray(body.peaks) || body.peaks.length === 0 || Math.max(...body.peaks) < 0.3)
        throw new Error(`the waveform looks silent: ${body.peaks?.length} peaks, max ${Math.max(...(body.peaks ?? [0]))}`)
      await item.and(page.locator('[data-status="done"]')).waitFor()
      const result = await item.getByTestId('upload-result').innerText()
      if (!result.includes('0:02') || !result.includes('MP3')) throw new Error(`the upload shows "${result}", expected "0:02 · MP3"`)
      await item.getByTestId('waveform').waitFor()
      await shot(page, 'mp3-uploaded')
      await uploadDialog().getByRole('button', { name: 'Concluir' }).click()
      await uploadDialog().waitFor({ state: 'hidden' })
    })

    await step(page, 'the MP3 is listed with 0:02, MP3 and its waveform', async () => {
      const r = row(MP3_NAME)
      await r.waitFor()
      const text = await r.innerText()
      for (const want of ['0:02', 'MP3', 'Mensagem de campanha', '32 kHz', 'mono', 'Criado pelo teste de ponta a ponta'])
        if (!text.includes(want)) throw new Error(`the row does not show "${want}": ${text.replace(/\s+/g, ' ')}`)
      const bars = await r.getByTestId('waveform').locator('path').first().getAttribute('d')
      if (!bars || (bars.match(/M/g) ?? []).length < 32) throw new Error('the row has no waveform drawn')
      await shot(page, 'mp3-listed')
    })

    await step(page, `the MP3 is delivered to ${NODE}: the page says so and the files are in the sounds directory`, async () => {
      const id = created[MP3_NAME]
      const summary = row(MP3_NAME).getByTestId('delivery-summary')
      // The daemon writes the files right after the upload; the change feed updates the row.
      await until(
        async () => /^Entregue em (\d+)\/\1 servidor/.test(await summary.innerText()),
        async () => `the row says "${await summary.innerText()}", expected "Entregue em N/N servidor(es)"`,
        UPLOAD_TIMEOUT,
      )
      await summary.click()
      const item = deliveryDialog().getByRole('listitem', { name: NODE, exact: true })
      await item.getByText('Entregue', { exact: true }).waitFor()
      const text = await item.innerText()
      if (!text.includes('Diretório de sons')) throw new Error(`the node's entry does not say it is delivered by directory: ${text.replace(/\s+/g, ' ')}`)
      const location = await item.getByTestId('delivery-location').getAttribute('title')
      if (location !== `${SOUNDS_DIR}/campaign`) throw new Error(`the node's entry shows the location "${location}", expected ${SOUNDS_DIR}/campaign`)
      if (await item.getByTestId('delivery-error').count()) throw new Error(`the node's entry shows an error: ${await item.getByTestId('delivery-error').innerText()}`)
      for (const [ext, rate] of [['wav', 8000], ['wav16', 16000]]) {
        const file = join(SOUNDS_DIR, 'campaign', `audio-${id}.${ext}`)
        if (!existsSync(file)) throw new Error(`${file} does not exist`)
        const bytes = await readFile(file)
        if (wavRate(bytes) !== rate) throw new Error(`${file} is not a ${rate} Hz WAV (${bytes.length} bytes, rate ${wavRate(bytes)})`)
      }
      await shot(page, 'mp3-delivered')
    })

    await step(page, 'copy the media URL, then revoke it after confirming: a new URL is shown and the old one stops working', async () => {
      const before = await mediaUrl().inputValue()
      if (!/^https?:\/\/.+\/media\/[0-9a-f]{64}\/\d+\.wav$/.test(before)) throw new Error(`the media URL shown is "${before}"`)
      await deliveryDialog().getByRole('button', { name: 'Copiar', exact: true }).click()
      await deliveryDialog().getByRole('button', { name: 'Copiado!' }).waitFor()
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      if (copied !== before) throw new Error(`the clipboard holds "${copied}", expected the URL shown "${before}"`)
      const fetched = await page.request.get(before)
      if (fetched.status() !== 200 || !(fetched.headers()['content-type'] ?? '').startsWith('audio/wav'))
        throw new Error(`GET of the media URL answered ${fetched.status()} ${fetched.headers()['content-type']}`)

      await deliveryDialog().getByRole('button', { name: 'Revogar URL' }).click()
      const confirm = page.getByRole('alertdialog', { name: 'Revogar a URL de mídia?' })
      await confirm.getByText(/para de funcionar na hora/).waitFor()
      await shot(page, 'revoke-url-confirm')
      const revoked = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/api/v1/audio/${created[MP3_NAME]}/revoke-url`))
      await confirm.getByRole('button', { name: 'Revogar URL' }).click()
      const res = await revoked
      if (res.status() !== 200) throw new Error(`POST revoke-url answered ${res.status()}: ${await res.text()}`)
      await confirm.waitFor({ state: 'hidden' })
      await until(
        async () => (await mediaUrl().inputValue()) !== before,
        () => `the page still shows the old URL ${before}`,
      )
      const after = await mediaUrl().inputValue()
      if (after !== (await res.json()).mediaUrl) throw new Error(`the page shows ${after}, not the server's new URL`)
      if ((await page.request.get(before)).status() !== 404) throw new Error('the revoked URL still works')
      if ((await page.request.get(after)).status() !== 200) throw new Error('the new URL does not work')
      await page.getByText(`URL de “${MP3_NAME}” revogada.`, { exact: false }).first().waitFor()
      await shot(page, 'url-revoked')
      await page.keyboard.press('Escape')
      await deliveryDialog().waitFor({ state: 'hidden' })
    })

    await step(page, 'play it in the page', async () => {
      const file = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/api/v1/audio/${created[MP3_NAME]}/file`))
      await row(MP3_NAME).getByRole('button', { name: `Tocar ${MP3_NAME}` }).click()
      const res = await file
      if (![200, 206].includes(res.status())) throw new Error(`GET /audio/${created[MP3_NAME]}/file answered ${res.status()}`)
      if (!(res.headers()['content-type'] ?? '').startsWith('audio/wav')) throw new Error(`the file played is ${res.headers()['content-type']}, expected audio/wav`)
      await row(MP3_NAME).getByRole('button', { name: `Pausar ${MP3_NAME}` }).waitFor()
      await shot(page, 'mp3-playing')
      // The element's clock moves (or the 2 s audio already ended).
      await until(
        () => player().evaluate((a) => a.currentTime > 0.3 || a.ended),
        async () => `the audio did not advance: ${JSON.stringify(await player().evaluate((a) => ({ t: a.currentTime, paused: a.paused, err: a.error?.code ?? null, src: a.src })))}`,
      )
      const err = await player().evaluate((a) => a.error?.code ?? null)
      if (err !== null) throw new Error(`the browser could not play it (MediaError ${err})`)
      // At the end the row is back to "Tocar".
      await row(MP3_NAME).getByRole('button', { name: `Tocar ${MP3_NAME}` }).waitFor({ timeout: 10_000 })
    })

    await step(page, 'rename it', async () => {
      await row(MP3_NAME).getByRole('button', { name: `Editar ${MP3_NAME}` }).click()
      const dlg = page.getByRole('dialog', { name: 'Editar áudio' })
      await dlg.getByLabel('Nome').fill(RENAMED)
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.endsWith(`/api/v1/audio/${created[MP3_NAME]}`))
      await dlg.getByRole('button', { name: 'Salvar alterações' }).click()
      const res = await saved
      if (res.status() !== 200) throw new Error(`PATCH /audio/${created[MP3_NAME]} answered ${res.status()}: ${await res.text()}`)
      await dlg.waitFor({ state: 'hidden' })
      await row(RENAMED).waitFor()
      if (await row(MP3_NAME).count()) throw new Error('the old name is still listed')
      created[RENAMED] = created[MP3_NAME]
      delete created[MP3_NAME]
      await shot(page, 'mp3-renamed')
    })

    await step(page, 'download the original: the same bytes', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), row(RENAMED).getByRole('link', { name: `Baixar o original de ${RENAMED}` }).click()])
      const failure = await download.failure()
      if (failure) throw new Error(`download failed: ${failure}`)
      const bytes = await readFile(await download.path())
      if (sha256(bytes) !== sha256(MP3.bytes)) throw new Error(`the original downloaded (${bytes.length} bytes) is not the MP3 sent (${MP3.bytes.length} bytes)`)
    })

    await step(page, 'upload a WAV and a text file renamed .wav: the WAV goes in, the text is refused in Portuguese', async () => {
      await page.getByRole('button', { name: 'Enviar áudio' }).first().click()
      await uploadDialog().getByLabel('Arquivos de áudio').setInputFiles([
        { name: WAV.file, mimeType: 'audio/wav', buffer: WAV.bytes },
        { name: TEXT.file, mimeType: 'audio/wav', buffer: TEXT.bytes },
      ])
      const [wav, text] = [uploadDialog().getByTestId('upload-item').nth(0), uploadDialog().getByTestId('upload-item').nth(1)]
      await text.waitFor()
      await wav.getByLabel('Tipo').click()
      await page.getByRole('option', { name: 'Música de espera' }).click()
      const answers = []
      const collect = (r) => {
        if (r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/api/v1/audio')) answers.push(r)
      }
      page.on('response', collect)
      await uploadDialog().getByRole('button', { name: 'Enviar 2 áudios' }).click()
      await text.and(page.locator('[data-status="failed"]')).waitFor({ timeout: UPLOAD_TIMEOUT * 2 })
      page.off('response', collect)
      await wav.and(page.locator('[data-status="done"]')).waitFor()
      const [first, second] = answers
      if (first?.status() !== 201) throw new Error(`the WAV got ${first?.status()}: ${await first?.text()}`)
      created[WAV_NAME] = (await first.json()).id
      if (second?.status() !== 422) throw new Error(`the text file got ${second?.status()}, expected 422: ${await second?.text()}`)
      const reason = (await second.json()).error?.message ?? ''
      const shown = await text.getByRole('alert').innerText()
      if (!shown.includes(reason.trim().replace(/\.$/, ''))) throw new Error(`the page shows "${shown}", not the server's reason "${reason}"`)
      if (!/não é um arquivo de áudio|não foi possível usar/i.test(shown)) throw new Error(`the refusal is not the Portuguese explanation expected: "${shown}"`)
      const result = await wav.getByTestId('upload-result').innerText()
      if (!/^0:03 · WAV/.test(result)) throw new Error(`the WAV shows "${result}", expected "0:03 · WAV (…)"`)
      await shot(page, 'wav-and-text')
      await text.getByRole('button', { name: `Tirar ${TEXT.file} da lista` }).click()
      await uploadDialog().getByRole('button', { name: 'Concluir' }).click()
      await uploadDialog().waitFor({ state: 'hidden' })
      if (await row(`leia-me-${stamp}`).count()) throw new Error('the refused file is listed')
    })

    await step(page, 'the kind tabs filter the list', async () => {
      await page.getByRole('tab', { name: 'Música de espera' }).click()
      const moh = page.getByRole('table', { name: 'Músicas de espera' })
      await moh.getByRole('row', { name: WAV_NAME, exact: true }).waitFor()
      if (await moh.getByRole('row', { name: RENAMED, exact: true }).count()) throw new Error('the campaign message is listed under Música de espera')
      await shot(page, 'tab-moh')
      await page.getByRole('tab', { name: 'Todos' }).click()
      await page.getByRole('searchbox', { name: 'Buscar áudio pelo nome' }).fill(stamp)
      await row(RENAMED).waitFor()
      await row(WAV_NAME).waitFor()
    })

    await step(page, 'delete both after confirming', async () => {
      for (const name of [RENAMED, WAV_NAME]) {
        await row(name).getByRole('button', { name: `Excluir ${name}` }).click()
        const confirm = page.getByRole('alertdialog', { name: 'Excluir áudio?' })
        await confirm.getByRole('button', { name: 'Excluir áudio' }).click()
        await confirm.waitFor({ state: 'hidden' })
        await row(name).waitFor({ state: 'detached' })
        delete created[name]
      }
      await page.getByText(`Nenhum áudio encontrado para “${stamp}”.`).waitFor()
      await shot(page, 'deleted')
    })

    await step(page, `the deleted audio leave ${NODE}'s sounds directory`, async () => {
      const left = () => ['wav', 'wav16'].map((ext) => join(SOUNDS_DIR, 'campaign', `audio-${mp3Id}.${ext}`)).filter((f) => existsSync(f))
      await until(
        async () => left().length === 0,
        () => `still there: ${left().join(', ')}`,
      )
    })

    await step(page, 'no uncaught errors in the page', async () => {
      if (pageErrors.length) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`)
    })
  } catch {
    // the failing step has already said why
  } finally {
    // Leave nothing behind from a failed run.
    for (const [name, id] of Object.entries(created)) {
      try {
        const { csrfToken } = await (await page.request.get(new URL('/api/v1/auth/me', config.baseUrl).href)).json()
        await page.request.delete(new URL(`/api/v1/audio/${id}`, config.baseUrl).href, { headers: { 'X-CSRF-Token': csrfToken } })
      } catch {
        console.error(`     could not delete "${name}" (#${id})`)
      }
    }
    if (nodeId !== null) {
      const res = await api('DELETE', `/pbx-nodes/${nodeId}`).catch(() => null)
      if (res?.status() !== 204) console.error(`     could not delete the node ${NODE} (#${nodeId}): ${res?.status()}`)
    }
    rmSync(SOUNDS_DIR, { recursive: true, force: true })
    await browser.close()
  }
  finish()
}

main().catch(crash)
