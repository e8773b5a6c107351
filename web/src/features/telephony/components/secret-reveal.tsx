import { KeyRound, TriangleAlert } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { CopyButton } from './copy-button'

interface SecretRevealProps {
  title: string
  endpoint: string
  secret: string
  onDone: () => void
}

/**
 * An extension's SIP user and its secret, shown this once (after creating it or making a new
 * password): each with "Copiar", and the warning that the secret is not shown again.
 * Rendered inside a DialogContent.
 */
export function SecretReveal({ title, endpoint, secret, onDone }: SecretRevealProps) {
  const { t } = useTranslation()
  return (
    <>
      <DialogHeader>
        <DialogTitle className="flex items-center gap-2">
          <KeyRound className="size-5 text-primary" aria-hidden />
          {title}
        </DialogTitle>
        <DialogDescription>{t('telephony.secret.intro')}</DialogDescription>
      </DialogHeader>
      <div className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="sip-endpoint">{t('telephony.secret.endpoint')}</Label>
          <div className="flex items-center gap-2">
            <Input id="sip-endpoint" readOnly value={endpoint} className="font-mono" onFocus={(e) => e.currentTarget.select()} data-testid="sip-endpoint" />
            <CopyButton text={endpoint} label={t('telephony.secret.copyEndpoint')} />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="sip-secret">{t('telephony.secret.secret')}</Label>
          <div className="flex items-center gap-2">
            <Input
              id="sip-secret"
              readOnly
              value={secret}
              className="font-mono tracking-wide"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="sip-secret"
            />
            <CopyButton text={secret} label={t('telephony.secret.copySecret')} />
          </div>
        </div>
        <Alert variant="warning">
          <TriangleAlert aria-hidden />
          <AlertTitle>{t('telephony.secret.warning')}</AlertTitle>
          <AlertDescription className="text-warning/90">{t('telephony.secret.warningDetail')}</AlertDescription>
        </Alert>
      </div>
      <DialogFooter>
        <Button onClick={onDone}>{t('telephony.secret.done')}</Button>
      </DialogFooter>
    </>
  )
}
