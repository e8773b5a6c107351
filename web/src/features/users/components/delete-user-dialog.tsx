import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { User } from '@/lib/api/client'
import { isApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { useDeleteUser } from '../api/delete-user'

interface DeleteUserDialogProps {
  user: User | null
  onOpenChange: (open: boolean) => void
}

export function DeleteUserDialog({ user, onOpenChange }: DeleteUserDialogProps) {
  const { t } = useTranslation()
  const deleteUser = useDeleteUser()

  const error = deleteUser.error
  const errorText = error
    ? isApiError(error, 'conflict')
      ? t('users.delete.conflict')
      : errorMessage(t, error)
    : undefined

  return (
    <ConfirmDialog
      open={user !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteUser.reset()}
      title={t('users.delete.title')}
      description={user ? t('users.delete.description', { name: user.name, email: user.email }) : null}
      error={errorText}
      confirmLabel={t('users.delete.confirm')}
      pending={deleteUser.isPending}
      onConfirm={async () => {
        if (!user) return
        await deleteUser.mutateAsync(user.id)
        toast.success(t('users.delete.success', { name: user.name }))
      }}
    />
  )
}
