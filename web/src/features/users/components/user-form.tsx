import { zodResolver } from '@hookform/resolvers/zod'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import type { Role } from '@/lib/api/client'
import { applyApiError, formMessage } from '@/lib/forms'

const base = {
  name: z.string().trim().min(1, 'validation.nameRequired').max(200, 'validation.nameMax'),
  email: z
    .string()
    .trim()
    .min(1, 'validation.emailRequired')
    .max(254, 'validation.emailInvalid')
    .pipe(z.email('validation.emailInvalid')),
  role: z.enum(['admin', 'user']),
  active: z.boolean(),
}

const createUserSchema = z.object({
  ...base,
  password: z.string().min(10, 'validation.passwordMin').max(1024, 'validation.passwordMax'),
})

const editUserSchema = z.object({
  ...base,
  password: z
    .string()
    .max(1024, 'validation.passwordMax')
    .refine((v) => v === '' || v.length >= 10, 'validation.passwordMin'),
})

export type UserFormValues = z.infer<typeof createUserSchema>

const FIELDS = ['name', 'email', 'role', 'active', 'password'] as const

interface UserFormProps {
  mode: 'create' | 'edit'
  defaultValues: UserFormValues
  submitLabel: string
  /** Throws an ApiError on failure; the form maps it to fields. */
  onSubmit: (values: UserFormValues) => Promise<void>
  /** Role/active cannot be changed (editing your own account). */
  lockRoleAndActive?: boolean
}

export function UserForm({ mode, defaultValues, submitLabel, onSubmit, lockRoleAndActive }: UserFormProps) {
  const { t } = useTranslation()
  const form = useForm<UserFormValues>({
    resolver: zodResolver(mode === 'create' ? createUserSchema : editUserSchema),
    defaultValues,
  })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const role: Role = useWatch({ control: form.control, name: 'role' })

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      applyApiError(error, form.setError, FIELDS, t)
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id={`${mode}-user-name`} label={t('users.form.name')} error={msg(errors.name?.message)}>
        <Input autoComplete="off" placeholder={t('users.form.namePlaceholder')} {...form.register('name')} />
      </FormField>
      <FormField id={`${mode}-user-email`} label={t('users.form.email')} error={msg(errors.email?.message)}>
        <Input type="email" autoComplete="off" placeholder={t('login.emailPlaceholder')} {...form.register('email')} />
      </FormField>
      <FormField
        id={`${mode}-user-role`}
        label={t('users.form.role')}
        error={msg(errors.role?.message)}
        hint={t(`users.form.roleHints.${role}`)}
      >
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange} disabled={lockRoleAndActive}>
              <SelectTrigger onBlur={field.onBlur} ref={field.ref}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="user">{t('roles.user')}</SelectItem>
                <SelectItem value="admin">{t('roles.admin')}</SelectItem>
              </SelectContent>
            </Select>
          )}
        />
      </FormField>
      <FormField
        id={`${mode}-user-password`}
        label={mode === 'create' ? t('users.form.password') : t('users.form.newPassword')}
        error={msg(errors.password?.message)}
        hint={mode === 'create' ? t('users.form.passwordHint') : t('users.form.newPasswordHint')}
      >
        <Input type="password" autoComplete="new-password" {...form.register('password')} />
      </FormField>
      <Controller
        control={form.control}
        name="active"
        render={({ field }) => (
          <div className="flex items-start justify-between gap-4 rounded-lg border bg-muted/30 px-4 py-3">
            <div className="grid gap-1">
              <Label htmlFor={`${mode}-user-active`}>{t('users.form.active')}</Label>
              <p className="text-[0.8rem] text-muted-foreground">
                {errors.active?.message ? (
                  <span className="font-medium text-destructive">{msg(errors.active.message)}</span>
                ) : (
                  t('users.form.activeHint')
                )}
              </p>
            </div>
            <Switch
              id={`${mode}-user-active`}
              checked={field.value}
              onCheckedChange={field.onChange}
              onBlur={field.onBlur}
              disabled={lockRoleAndActive}
            />
          </div>
        )}
      />
      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
