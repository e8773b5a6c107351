import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { setCsrfToken, setUnauthorizedHandler } from '@/lib/api/client'
import { i18n } from '@/lib/i18n'
import { resetDb } from './mocks/db'
import { server } from './mocks/server'

// jsdom lacks a few browser APIs that Radix primitives touch.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver
Element.prototype.hasPointerCapture ??= () => false
Element.prototype.releasePointerCapture ??= () => {}
Element.prototype.scrollIntoView ??= () => {}
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => {},
  removeListener: () => {},
  addEventListener: () => {},
  removeEventListener: () => {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia

// jsdom has <audio> but cannot play media: play() resolves and pause()/load() do nothing, so
// that tests drive the element with its events ('playing', 'timeupdate', 'ended', …).
for (const [name, value] of [
  ['play', () => Promise.resolve()],
  ['pause', () => {}],
  ['load', () => {}],
] as const) {
  Object.defineProperty(HTMLMediaElement.prototype, name, { configurable: true, writable: true, value })
}

// jsdom has no layout (every element is 0 px high): give virtualized scroll containers a
// screenful so that they render their first rows.
for (const prop of ['clientHeight', 'clientWidth', 'offsetHeight', 'offsetWidth'] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-virtual-scroll') ? (prop.endsWith('Height') ? 800 : 1200) : 0
    },
  })
}

// No live-update socket in unit tests (the EventsClient has its own tests with a fake socket).
vi.stubGlobal('WebSocket', undefined)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(async () => {
  resetDb()
  window.localStorage.clear()
  setCsrfToken(null)
  setUnauthorizedHandler(null)
  await i18n.changeLanguage('pt-BR')
})
afterEach(() => {
  cleanup()
  server.resetHandlers()
})
afterAll(() => server.close())
