import { useState } from 'react'
import { UserPlus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { useCreateUser } from '../api/create-user'
import { UserForm, type UserFormValues } from './user-form'

const EMPTY: UserFormValues = { name: '', email: '', role: 'user', active: true, password: '' }

export function CreateUserDialog() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const createUser = useCreateUser()

  const onSubmit = async (values: UserFormValues) => {
    const user = await createUser.mutateAsync({
      name: values.name,
      email: values.email,
      role: values.role,
      active: values.active,
      password: values.password,
    })
    setOpen(false)
    toast.success(t('users.create.success', { name: user.name }))
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          {t('users.new')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('users.create.title')}</DialogTitle>
          <DialogDescription>{t('users.create.description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open: every opening starts with an empty form. */}
        {open && <UserForm mode="create" defaultValues={EMPTY} submitLabel={t('users.create.submit')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
