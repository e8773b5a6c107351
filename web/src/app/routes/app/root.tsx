import { Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FullPageMessage, FullPageSpinner } from '@/components/full-page'
import { Sidebar } from '@/components/layouts/sidebar'
import { Topbar } from '@/components/layouts/topbar'
import { Button } from '@/components/ui/button'
import { homePathFor } from '@/config/sections'
import { loginPath } from '@/config/paths'
import { useMe } from '@/features/auth/api/get-me'
import { CurrentUserProvider, useCurrentUser } from '@/features/auth/components/current-user'
import { useLogout } from '@/features/auth/api/logout'
import { useCampaignEvents } from '@/features/campaigns/api/campaign-events'
import { useJobEvents } from '@/features/imports/api/job-events'
import { usePbxStatusEvents } from '@/features/pbx-nodes/api/pbx-status-events'
import { usePbxApplyEvents } from '@/features/telephony/api/pbx-apply-events'
import { errorMessage } from '@/lib/api/messages'
import { useEventsConnection } from '@/lib/events'

/** Everything behind login: auth guard + shell (sidebar, top bar) + live updates. */
export function AppRoot() {
  const { t } = useTranslation()
  const me = useMe()
  const location = useLocation()

  if (me.isPending) return <FullPageSpinner />
  if (me.isError)
    return (
      <FullPageMessage
        title={t('common.loadError')}
        description={errorMessage(t, me.error)}
        action={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    )
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />
  return (
    <CurrentUserProvider user={me.data.user}>
      <AppShell />
    </CurrentUserProvider>
  )
}

function AppShell() {
  const user = useCurrentUser()
  const logout = useLogout()
  const navigate = useNavigate()
  const realtime = useEventsConnection(true)
  // Live data pushed by the server patches the query cache (see lib/events.ts).
  usePbxStatusEvents()
  useJobEvents()
  useCampaignEvents()
  // The outcome of each apply to Asterisk; admins, who can act on it, get a toast when one fails.
  usePbxApplyEvents({ notify: user.role === 'admin' })

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate(loginPath(), { replace: true }) })
  }

  return (
    <div className="flex min-h-svh">
      <Sidebar role={user.role} />
      <div className="flex min-w-0 flex-1 flex-col">
        <Topbar user={user} realtime={realtime} onLogout={onLogout} loggingOut={logout.isPending} />
        <main className="flex-1 px-4 py-6 md:px-8 md:py-8">
          <div className="mx-auto w-full max-w-6xl">
            <Outlet />
          </div>
        </main>
      </div>
    </div>
  )
}

/** "/" leads to the first section the user can see. */
export function HomeRedirect() {
  const user = useCurrentUser()
  return <Navigate to={homePathFor(user.role)} replace />
}

/** Admin-only routes: anyone else is sent home (the server enforces it too). */
export function AdminOnly() {
  const user = useCurrentUser()
  if (user.role !== 'admin') return <Navigate to={homePathFor(user.role)} replace />
  return <Outlet />
}
