import * as React from 'react'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router'
import { AppProvider } from '@/app/provider'
import { installUnauthorizedHandler, routes } from '@/app/router'
import { createQueryClient } from '@/lib/query-client'
import { loginAs } from './mocks/db'

/** Renders the whole app (real routes, guard, shell) at `path`, logged in as `userId` (or not). */
export function renderApp(path: string, { userId = null as number | null } = {}) {
  loginAs(userId)
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  installUnauthorizedHandler(router, queryClient)
  const user = userEvent.setup()
  const utils = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )
  return { ...utils, user, router, queryClient }
}

/** Renders a component with providers and a router, without the app's routes. */
export function renderWithProviders(ui: React.ReactElement, { path = '/' } = {}) {
  const queryClient = createQueryClient()
  const user = userEvent.setup()
  const utils = render(
    <AppProvider queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </AppProvider>,
  )
  return { ...utils, user, queryClient }
}
