#!/usr/bin/env node
// Runs e2e/login-users.mjs (or the script named as the first argument, e.g. screenshots.mjs)
// against e2e/mock-server.mjs serving the current dist/ build.
//   npm run build && npm run e2e:mock          # login-users.mjs, shots in e2e/shots
//   npm run build && npm run e2e:tour:mock     # screenshots.mjs, shots in e2e/shots/tour
//   npm run build && npm run e2e:contacts:mock # contacts-import.mjs, shots in e2e/shots/contacts-import
//   npm run build && npm run e2e:audio:mock    # audio-upload.mjs, shots in e2e/shots/audio-upload
//   npm run build && npm run e2e:telephony:mock # telephony.mjs, shots in e2e/shots/telephony
//   npm run build && npm run e2e:campaigns:mock # campaigns.mjs, shots in e2e/shots/campaigns
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const script = process.argv[2] ?? 'login-users.mjs'
if (!/^[\w-]+\.mjs$/.test(script) || !existsSync(`${here}${script}`)) {
  console.error(`e2e:mock: no script e2e/${script}`)
  process.exit(2)
}
if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
  console.error('e2e:mock: no dist/ build; run npm run build first')
  process.exit(2)
}

const freePort = () =>
  new Promise((res, rej) => {
    const s = createServer()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })

const port = await freePort()
const admin = { email: 'admin@torpedo.local', password: 'admin-senha-123' }
const server = spawn(process.execPath, [`${here}mock-server.mjs`, '--port', String(port)], {
  env: { ...process.env, TORPEDO_ADMIN_EMAIL: admin.email, TORPEDO_ADMIN_PASSWORD: admin.password },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((res, rej) => {
  server.stdout.on('data', (d) => String(d).includes('listening') && res())
  server.on('exit', (code) => rej(new Error(`mock server exited with ${code}`)))
})

const child = spawn(process.execPath, [`${here}${script}`], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TORPEDO_E2E_URL: `http://127.0.0.1:${port}/`,
    TORPEDO_E2E_EMAIL: admin.email,
    TORPEDO_E2E_PASSWORD: admin.password,
    TORPEDO_E2E_SHOTS:
      process.env.TORPEDO_E2E_SHOTS ??
      { 'login-users.mjs': 'e2e/shots', 'screenshots.mjs': 'e2e/shots/tour' }[script] ??
      `e2e/shots/${script.replace(/\.mjs$/, '')}`,
  },
})
const code = await new Promise((res) => child.on('exit', (c) => res(c ?? 1)))
server.kill('SIGTERM')
process.exit(code)
