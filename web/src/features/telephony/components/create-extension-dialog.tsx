import * as React from 'react'
import { useState } from 'react'
import { Headset, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import type { ExtensionCreated } from '@/lib/api/client'
import { useCreateExtension } from '../api/create-extension'
import { createExtensionBody, EMPTY_EXTENSION, type ExtensionFormValues } from '../lib/extension-form'
import { ExtensionForm } from './extension-form'
import { SecretReveal } from './secret-reveal'

/**
 * "Novo ramal" button + dialog. After creating, the same dialog shows the SIP user and the
 * generated secret, once; closing it forgets the secret. `trigger` replaces the default button.
 */
export function CreateExtensionDialog({ trigger }: { trigger?: React.ReactElement }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [created, setCreated] = useState<ExtensionCreated | null>(null)
  const createExtension = useCreateExtension()

  const onOpenChange = (next: boolean) => {
    setOpen(next)
    if (!next) setCreated(null) // the secret is never shown again
  }

  const onSubmit = async (v: ExtensionFormValues) => {
    const extension = await createExtension.mutateAsync(createExtensionBody(v))
    setCreated(extension)
    toast.success(t('telephony.extensions.create.success', { number: extension.number }))
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden />
            {t('telephony.extensions.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-xl"
        onInteractOutside={(e) => {
          // Do not lose the one-time secret with a stray click.
          if (created) e.preventDefault()
        }}
      >
        {created ? (
          <SecretReveal
            title={t('telephony.secret.createdTitle', { number: created.number })}
            endpoint={created.endpoint}
            secret={created.secret}
            onDone={() => onOpenChange(false)}
          />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <Headset className="size-5 text-primary" aria-hidden />
                {t('telephony.extensions.create.title')}
              </DialogTitle>
              <DialogDescription>{t('telephony.extensions.create.description')}</DialogDescription>
            </DialogHeader>
            {/* Mounted only while open: every opening starts with an empty form. */}
            {open && (
              <ExtensionForm mode="create" defaultValues={EMPTY_EXTENSION} submitLabel={t('telephony.extensions.create.submit')} onSubmit={onSubmit} />
            )}
          </>
        )}
      </DialogContent>
    </Dialog>
  )
}
