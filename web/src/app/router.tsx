import { createBrowserRouter, type RouteObject } from 'react-router'
import type { QueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { FullPageSpinner } from '@/components/full-page'
import { loginPath, paths } from '@/config/paths'
import { meQueryKey, type Me } from '@/features/auth/api/get-me'
import { setUnauthorizedHandler } from '@/lib/api/client'
import { i18n } from '@/lib/i18n'
import { LoginRoute } from './routes/login'
import { NotFoundRoute, RouteErrorBoundary } from './routes/not-found'
import { AdminOnly, AppRoot, HomeRedirect } from './routes/app/root'

export const routes: RouteObject[] = [
  { path: paths.login, Component: LoginRoute, ErrorBoundary: RouteErrorBoundary },
  {
    path: paths.home,
    Component: AppRoot,
    ErrorBoundary: RouteErrorBoundary,
    // Shown while a lazily loaded page's code arrives on first load.
    HydrateFallback: FullPageSpinner,
    children: [
      { index: true, Component: HomeRedirect },
      {
        Component: AdminOnly,
        children: [
          { path: paths.users, lazy: async () => ({ Component: (await import('./routes/app/users')).UsersRoute }) },
          { path: paths.audit, lazy: async () => ({ Component: (await import('./routes/app/audit')).AuditRoute }) },
          { path: paths.campaignNew, lazy: async () => ({ Component: (await import('./routes/app/campaign-new')).CampaignNewRoute }) },
          { path: paths.campaignEdit, lazy: async () => ({ Component: (await import('./routes/app/campaign-edit')).CampaignEditRoute }) },
        ],
      },
      { path: paths.campaigns, lazy: async () => ({ Component: (await import('./routes/app/campaigns')).CampaignsRoute }) },
      { path: paths.campaign, lazy: async () => ({ Component: (await import('./routes/app/campaign')).CampaignRoute }) },
      { path: paths.contacts, lazy: async () => ({ Component: (await import('./routes/app/contacts')).ContactListsRoute }) },
      { path: paths.contactList, lazy: async () => ({ Component: (await import('./routes/app/contact-list')).ContactListRoute }) },
      { path: paths.audio, lazy: async () => ({ Component: (await import('./routes/app/audio')).AudioRoute }) },
      { path: paths.dnc, lazy: async () => ({ Component: (await import('./routes/app/dnc')).DncRoute }) },
      { path: paths.servers, lazy: async () => ({ Component: (await import('./routes/app/servers')).ServersRoute }) },
      { path: paths.extensions, lazy: async () => ({ Component: (await import('./routes/app/extensions')).ExtensionsRoute }) },
      { path: paths.queues, lazy: async () => ({ Component: (await import('./routes/app/queues')).QueuesRoute }) },
      { path: paths.trunks, lazy: async () => ({ Component: (await import('./routes/app/trunks')).TrunksRoute }) },
      { path: paths.tokens, lazy: async () => ({ Component: (await import('./routes/app/tokens')).TokensRoute }) },
      { path: paths.account, lazy: async () => ({ Component: (await import('./routes/app/account')).AccountRoute }) },
      { path: '*', Component: NotFoundRoute },
    ],
  },
]

type AppRouter = ReturnType<typeof createBrowserRouter>

/** On any 401 (session expired, logged out elsewhere): forget the user and go to the login page. */
export function installUnauthorizedHandler(router: AppRouter, queryClient: QueryClient) {
  setUnauthorizedHandler(() => {
    const wasLoggedIn = Boolean(queryClient.getQueryData<Me | null>(meQueryKey))
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
    queryClient.setQueryData<Me | null>(meQueryKey, null)
    const { pathname, search } = router.state.location
    if (pathname.startsWith(paths.login)) return
    if (wasLoggedIn) toast.warning(i18n.t('login.sessionExpired'), { id: 'session-expired' })
    void router.navigate(loginPath(pathname + search), { replace: true })
  })
}

export function createAppRouter(queryClient: QueryClient) {
  const router = createBrowserRouter(routes)
  installUnauthorizedHandler(router, queryClient)
  return router
}
