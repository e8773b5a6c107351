import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { db, makeContact } from '@/testing/mocks/db'
import { server } from '@/testing/mocks/server'
import { renderApp } from '@/testing/test-utils'

describe('contacts table with many rows', () => {
  it('renders only the visible rows and fetches the next page by cursor while scrolling', async () => {
    const all = Array.from({ length: 250 }, (_, i) => makeContact({ id: i + 1, listId: 1, name: `Cliente ${String(i + 1).padStart(3, '0')}` }))
    db.contactLists[0]!.contactCount = all.length
    const cursors: (string | null)[] = []
    server.use(
      http.get('*/api/v1/contact-lists/1/contacts', ({ request }) => {
        const url = new URL(request.url)
        const cursor = url.searchParams.get('cursor')
        cursors.push(cursor)
        const start = cursor ? Number(cursor.replace('after-', '')) : 0
        const limit = Number(url.searchParams.get('limit'))
        const items = all.slice(start, start + limit)
        const end = start + items.length
        return HttpResponse.json({ items, nextCursor: end < all.length ? `after-${end}` : null })
      }),
    )
    renderApp('/contatos/1', { userId: 2 })
    const table = await screen.findByRole('table', { name: 'Contatos da lista Cobrança março' })
    await within(table).findByText('Cliente 001')
    expect(cursors).toEqual([null])
    // 100 rows loaded, but only a screenful (800 px / 48 px) plus overscan is in the DOM.
    const rendered = within(table).getAllByRole('checkbox', { name: /^Selecionar Cliente/ }).length
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(40)
    expect(screen.getByText('100 de 250 contatos carregados')).toBeInTheDocument()

    const scroller = screen.getByTestId('contacts-scroll')
    scroller.scrollTop = 70 * 48
    fireEvent.scroll(scroller)
    expect(await within(table).findByText('Cliente 080')).toBeInTheDocument()
    await waitFor(() => expect(cursors).toEqual([null, 'after-100']))
    expect(await screen.findByText('200 de 250 contatos carregados')).toBeInTheDocument()
    expect(within(table).queryByText('Cliente 001')).not.toBeInTheDocument()
  })
})
