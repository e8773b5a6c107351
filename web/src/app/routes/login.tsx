import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Brand } from '@/components/brand'
import { FullPageSpinner } from '@/components/full-page'
import { LanguageSwitch } from '@/components/layouts/language-switch'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { homePathFor } from '@/config/sections'
import { paths } from '@/config/paths'
import { useMe } from '@/features/auth/api/get-me'
import { LoginForm } from '@/features/auth/components/login-form'
import type { Role } from '@/lib/api/client'

function safeNext(next: string | null, role: Role) {
  // Only local paths: never bounce to another site after login.
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith(paths.login)) return next
  return homePathFor(role)
}

export function LoginRoute() {
  const { t } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = params.get('next')

  if (me.isPending) return <FullPageSpinner />
  if (me.data) return <Navigate to={safeNext(next, me.data.user.role)} replace />

  return (
    <div className="relative flex min-h-svh flex-col">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_50%_-10%,oklch(0.64_0.19_256/0.18),transparent)]"
      />
      <header className="relative flex items-center justify-between px-6 py-4">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="relative flex flex-1 items-center justify-center px-4 pb-16">
        <Card className="w-full max-w-sm gap-6 border-border/70 bg-card/80 shadow-2xl backdrop-blur">
          <CardHeader>
            <CardTitle className="text-xl">{t('login.title')}</CardTitle>
            <CardDescription>{t('login.subtitle')}</CardDescription>
          </CardHeader>
          <CardContent>
            <LoginForm onSuccess={(user) => navigate(safeNext(next, user.role), { replace: true })} />
          </CardContent>
        </Card>
      </main>
      <footer className="relative pb-6 text-center text-xs text-muted-foreground">{t('login.footer')}</footer>
    </div>
  )
}
