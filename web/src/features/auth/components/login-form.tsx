import { zodResolver } from '@hookform/resolvers/zod'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormError } from '@/components/form/form-error'
import { FormField } from '@/components/form/form-field'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { isApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { formMessage } from '@/lib/forms'
import { useLogin } from '../api/login'
import type { User } from '@/lib/api/client'

const loginSchema = z.object({
  email: z.string().trim().min(1, 'validation.emailRequired').pipe(z.email('validation.emailInvalid')),
  password: z.string().min(1, 'validation.passwordRequired'),
})
type LoginValues = z.infer<typeof loginSchema>

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const { t } = useTranslation()
  const login = useLogin()
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: '', password: '' },
  })
  const { errors } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const data = await login.mutateAsync(values)
      onSuccess(data.user)
    } catch (error) {
      let message: string
      if (isApiError(error, 'unauthorized')) message = t('login.invalidCredentials')
      else if (isApiError(error, 'rate_limited'))
        message = error.retryAfter
          ? t('login.rateLimited', { seconds: error.retryAfter })
          : t('login.rateLimitedNoTime')
      else message = errorMessage(t, error)
      form.setError('root.server', { type: 'server', message })
      form.resetField('password', { keepError: false })
      form.setFocus('password')
    }
  })

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" aria-label={t('login.title')}>
      <FormField id="login-email" label={t('login.email')} error={formMessage(t, errors.email?.message)}>
        <Input
          type="email"
          autoComplete="username"
          autoFocus
          placeholder={t('login.emailPlaceholder')}
          {...form.register('email')}
        />
      </FormField>
      <FormField
        id="login-password"
        label={t('login.password')}
        error={formMessage(t, errors.password?.message)}
      >
        <Input type="password" autoComplete="current-password" {...form.register('password')} />
      </FormField>
      <FormError message={errors.root?.server?.message} />
      <Button type="submit" size="lg" className="w-full" loading={form.formState.isSubmitting}>
        {t('login.submit')}
      </Button>
    </form>
  )
}
