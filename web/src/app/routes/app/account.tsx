import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { InitialsAvatar } from '@/components/ui/avatar'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { ChangePasswordForm } from '@/features/auth/components/change-password-form'
import { formatDateTime } from '@/lib/format'

export function AccountRoute() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const rows: [string, string][] = [
    [t('account.name'), user.name],
    [t('account.email'), user.email],
    [t('account.role'), t(`roles.${user.role}`)],
    [t('account.lastLogin'), formatDateTime(user.lastLoginAt) || t('common.never')],
  ]
  return (
    <div className="space-y-6">
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <div className="grid gap-6 items-start lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <CardHeader className="flex-row items-center gap-4">
            <InitialsAvatar name={user.name} className="size-12 text-base" />
            <div className="grid gap-1">
              <CardTitle>{user.name}</CardTitle>
              <CardDescription>{user.email}</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {rows.map(([k, v]) => (
                <div key={k} className="grid grid-cols-[8rem_1fr] gap-2">
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd className="truncate">{v}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('account.changePassword')}</CardTitle>
            <CardDescription>{t('account.changePasswordDescription')}</CardDescription>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm />
          </CardContent>
        </Card>
      </div>
    </div>
  )
}

export default AccountRoute
