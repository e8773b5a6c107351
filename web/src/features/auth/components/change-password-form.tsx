import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { z } from 'zod'
import { FormError } from '@/components/form/form-error'
import { FormField } from '@/components/form/form-field'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { applyApiError, formMessage } from '@/lib/forms'
import { useChangePassword } from '../api/change-password'

const schema = z
  .object({
    currentPassword: z.string().min(1, 'validation.passwordRequired'),
    newPassword: z.string().min(10, 'validation.passwordMin').max(1024, 'validation.passwordMax'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: 'validation.passwordsDontMatch',
    path: ['confirmPassword'],
  })
type Values = z.infer<typeof schema>

export function ChangePasswordForm() {
  const { t } = useTranslation()
  const mutation = useChangePassword()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  })
  const { errors } = form.formState
  const msg = (m?: string) => formMessage(t, m)

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await mutation.mutateAsync({ currentPassword, newPassword })
      form.reset()
      toast.success(t('account.success'))
    } catch (error) {
      applyApiError(error, form.setError, ['currentPassword', 'newPassword'], t)
    }
  })

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-md gap-4">
      <FormField id="current-password" label={t('account.currentPassword')} error={msg(errors.currentPassword?.message)}>
        <Input type="password" autoComplete="current-password" {...form.register('currentPassword')} />
      </FormField>
      <FormField
        id="new-password"
        label={t('account.newPassword')}
        error={msg(errors.newPassword?.message)}
        hint={t('users.form.passwordHint')}
      >
        <Input type="password" autoComplete="new-password" {...form.register('newPassword')} />
      </FormField>
      <FormField id="confirm-password" label={t('account.confirmPassword')} error={msg(errors.confirmPassword?.message)}>
        <Input type="password" autoComplete="new-password" {...form.register('confirmPassword')} />
      </FormField>
      <FormError message={errors.root?.server?.message} />
      <div>
        <Button type="submit" loading={form.formState.isSubmitting}>
          {t('account.submit')}
        </Button>
      </div>
    </form>
  )
}
