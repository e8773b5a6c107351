import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { User } from '@/lib/api/client'
import { useUpdateUser, type UpdateUserInput } from '../api/update-user'
import { UserForm, type UserFormValues } from './user-form'

interface EditUserDialogProps {
  user: User | null
  isSelf: boolean
  onOpenChange: (open: boolean) => void
}

export function EditUserDialog({ user, isSelf, onOpenChange }: EditUserDialogProps) {
  const { t } = useTranslation()
  const updateUser = useUpdateUser()

  const onSubmit = async (values: UserFormValues) => {
    if (!user) return
    // PATCH only what changed.
    const body: UpdateUserInput = {}
    if (values.name !== user.name) body.name = values.name
    if (values.email !== user.email) body.email = values.email
    if (values.role !== user.role) body.role = values.role
    if (values.active !== user.active) body.active = values.active
    if (values.password) body.password = values.password
    if (Object.keys(body).length > 0) {
      const updated = await updateUser.mutateAsync({ id: user.id, body })
      toast.success(t('users.edit.success', { name: updated.name }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={user !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('users.edit.title')}</DialogTitle>
          <DialogDescription>{user ? t('users.edit.description', { name: user.name }) : null}</DialogDescription>
        </DialogHeader>
        {user && (
          <UserForm
            key={user.id}
            mode="edit"
            defaultValues={{ name: user.name, email: user.email, role: user.role, active: user.active, password: '' }}
            submitLabel={t('common.saveChanges')}
            onSubmit={onSubmit}
            lockRoleAndActive={isSelf}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}
