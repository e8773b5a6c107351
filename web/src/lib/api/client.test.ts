import { http, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '@/testing/mocks/server'
import { api, setCsrfToken, setUnauthorizedHandler } from './client'
import { ApiError, unwrap } from './errors'

describe('API client', () => {
  it('sends X-CSRF-Token on writes only, and same-origin credentials', async () => {
    const seen: Record<string, string | null> = {}
    server.use(
      http.get('*/api/v1/tokens', ({ request }) => {
        seen.GET = request.headers.get('X-CSRF-Token')
        return HttpResponse.json({ items: [] })
      }),
      http.delete('*/api/v1/tokens/:id', ({ request }) => {
        seen.DELETE = request.headers.get('X-CSRF-Token')
        seen.credentials = request.credentials
        return new HttpResponse(null, { status: 204 })
      }),
    )
    setCsrfToken('abc123')
    await unwrap(api.GET('/tokens'))
    await unwrap(api.DELETE('/tokens/{id}', { params: { path: { id: 4 } } }))
    expect(seen).toEqual({ GET: null, DELETE: 'abc123', credentials: 'same-origin' })
  })

  it('turns error bodies into ApiError with code, field and Retry-After', async () => {
    server.use(
      http.post('*/api/v1/users', () =>
        HttpResponse.json(
          { error: { code: 'validation', message: 'too short', field: 'password' } },
          { status: 422, headers: { 'Retry-After': '5' } },
        ),
      ),
    )
    const err = await unwrap(
      api.POST('/users', { body: { email: 'a@b.co', name: 'A', role: 'user', password: 'x' } }),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 422, code: 'validation', field: 'password', retryAfter: 5 })
  })

  it('maps a status without a JSON body to its code', async () => {
    server.use(http.get('*/api/v1/audit', () => new HttpResponse('busy', { status: 503 })))
    await expect(unwrap(api.GET('/audit'))).rejects.toMatchObject({ code: 'internal', status: 503 })
  })

  it('calls the 401 handler except for the login call itself', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    setCsrfToken('abc')
    server.use(http.post('*/api/v1/auth/login', () => HttpResponse.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 })))
    await unwrap(api.POST('/auth/login', { body: { email: 'x@y.z', password: 'p' } })).catch(() => {})
    expect(onUnauthorized).not.toHaveBeenCalled()
    await unwrap(api.GET('/auth/me')).catch(() => {})
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })
})
