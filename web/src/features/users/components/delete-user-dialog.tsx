import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { FormError } from '@/components/form/form-error'
import { Button } from '@/components/ui/button'
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

  const confirm = async () => {
    if (!user) return
    try {
      await deleteUser.mutateAsync(user.id)
      toast.success(t('users.delete.success', { name: user.name }))
      onOpenChange(false)
    } catch {
      // Shown in the dialog from deleteUser.error.
    }
  }

  return (
    <AlertDialog
      open={user !== null}
      onOpenChange={(open) => {
        if (!open) deleteUser.reset()
        onOpenChange(open)
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t('users.delete.title')}</AlertDialogTitle>
          <AlertDialogDescription>
            {user ? t('users.delete.description', { name: user.name, email: user.email }) : null}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={errorText} />
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} loading={deleteUser.isPending}>
            {t('users.delete.confirm')}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
