import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CreateUserDialog } from '@/features/users/components/create-user-dialog'
import { UsersList } from '@/features/users/components/users-list'

export function UsersRoute() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  return (
    <div className="space-y-6">
      <PageHeader title={t('users.title')} description={t('users.description')} actions={<CreateUserDialog />} />
      <UsersList currentUserId={me.id} />
    </div>
  )
}

export default UsersRoute
