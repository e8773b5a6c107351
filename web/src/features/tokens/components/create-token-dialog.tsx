import { useState } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { Check, Copy, KeyRound, Plus, TriangleAlert } from 'lucide-react'
import { Controller, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { z } from 'zod'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { applyApiError, formMessage } from '@/lib/forms'
import { useCreateToken } from '../api/create-token'

const EXPIRY_OPTIONS = ['30', '90', '365', 'never'] as const

const schema = z.object({
  name: z.string().trim().min(1, 'validation.tokenNameRequired').max(100, 'validation.tokenNameMax'),
  expires: z.enum(EXPIRY_OPTIONS),
})
type Values = z.infer<typeof schema>

function CreateTokenForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation()
  const createToken = useCreateToken()
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', expires: '90' } })
  const { errors, isSubmitting } = form.formState

  const submit = form.handleSubmit(async (values) => {
    try {
      const res = await createToken.mutateAsync({
        name: values.name,
        ...(values.expires === 'never' ? {} : { expiresInDays: Number(values.expires) }),
      })
      onCreated(res.token)
    } catch (error) {
      applyApiError(error, form.setError, ['name'], t)
    }
  })

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField id="token-name" label={t('tokens.create.name')} error={formMessage(t, errors.name?.message)}>
        <Input autoComplete="off" placeholder={t('tokens.create.namePlaceholder')} {...form.register('name')} />
      </FormField>
      <FormField id="token-expires" label={t('tokens.create.expires')}>
        <Controller
          control={form.control}
          name="expires"
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange}>
              <SelectTrigger ref={field.ref} onBlur={field.onBlur}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {EXPIRY_OPTIONS.map((o) => (
                  <SelectItem key={o} value={o}>
                    {t(`tokens.create.expiresOptions.${o}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
      </FormField>
      <FormFooter error={errors.root?.server?.message} submitLabel={t('tokens.create.submit')} pending={isSubmitting} />
    </form>
  )
}

function TokenSecret({ secret }: { secret: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret)
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } catch {
      toast.error(t('tokens.created.copyFailed'))
    }
  }
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-2">
        <Input
          readOnly
          value={secret}
          aria-label={t('tokens.created.title')}
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
          data-testid="token-secret"
        />
        <Button type="button" variant="secondary" onClick={copy} className="shrink-0">
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <Alert variant="warning">
        <TriangleAlert aria-hidden />
        <AlertDescription>{t('tokens.created.description')}</AlertDescription>
      </Alert>
      <p className="font-mono text-xs text-muted-foreground">{t('tokens.usage')}</p>
    </div>
  )
}

export function CreateTokenDialog() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)

  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) setSecret(null) // the secret is never shown again
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          {t('tokens.new')}
        </Button>
      </DialogTrigger>
      <DialogContent
        onInteractOutside={(e) => {
          // Do not lose the one-time secret with a stray click.
          if (secret) e.preventDefault()
        }}
      >
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <KeyRound className="size-5 text-primary" aria-hidden />
            {secret ? t('tokens.created.title') : t('tokens.create.title')}
          </DialogTitle>
          <DialogDescription>{secret ? null : t('tokens.create.description')}</DialogDescription>
        </DialogHeader>
        {secret ? (
          <>
            <TokenSecret secret={secret} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>{t('tokens.created.done')}</Button>
            </DialogFooter>
          </>
        ) : (
          open && <CreateTokenForm onCreated={setSecret} />
        )}
      </DialogContent>
    </Dialog>
  )
}
