import { useState } from 'react'
import { KeyRound } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Extension } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { useRegenerateExtensionSecret } from '../api/regenerate-extension-secret'
import { SecretReveal } from './secret-reveal'

/** "Gerar nova senha": confirm, then show the new secret once (the old one stops working). */
export function RegenerateSecretDialog({ extension, onOpenChange }: { extension: Extension | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const regenerate = useRegenerateExtensionSecret()
  const [secret, setSecret] = useState<string | null>(null)

  const close = (next: boolean) => {
    if (next) return
    setSecret(null)
    regenerate.reset()
    onOpenChange(false)
  }

  const confirm = async () => {
    if (!extension) return
    try {
      const res = await regenerate.mutateAsync(extension.id)
      setSecret(res.secret)
    } catch {
      // Shown below through regenerate.error.
    }
  }

  return (
    <Dialog open={extension !== null} onOpenChange={close}>
      <DialogContent
        className="sm:max-w-xl"
        onInteractOutside={(e) => {
          if (secret) e.preventDefault()
        }}
      >
        {extension && secret ? (
          <SecretReveal
            title={t('telephony.secret.newTitle', { number: extension.number })}
            endpoint={extension.endpoint}
            secret={secret}
            onDone={() => close(false)}
          />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <KeyRound className="size-5 text-warning" aria-hidden />
                {t('telephony.extensions.secretAction.title')}
              </DialogTitle>
              <DialogDescription>
                {extension ? t('telephony.extensions.secretAction.description', { number: extension.number }) : null}
              </DialogDescription>
            </DialogHeader>
            <FormError message={regenerate.error ? errorMessage(t, regenerate.error) : undefined} />
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {t('common.cancel')}
                </Button>
              </DialogClose>
              <Button onClick={confirm} loading={regenerate.isPending}>
                {t('telephony.extensions.secretAction.confirm')}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  )
}
