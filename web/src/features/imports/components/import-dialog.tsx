import { useCallback, useState } from 'react'
import { FileUp } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button, type ButtonProps } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import type { ImportTarget } from '../api/start-import'
import { ImportWizard } from './import-wizard'
import type { WizardStep } from '../lib/wizard-steps'

interface ImportDialogProps {
  target: ImportTarget
  /** Name of the contact list, for the description. */
  listName?: string
  trigger?: React.ReactElement
  /** Look of the default "Importar CSV" button. */
  triggerVariant?: ButtonProps['variant']
}

/** "Importar CSV": the import wizard in a dialog. Each opening starts from the file step. */
export function ImportDialog({ target, listName, trigger, triggerVariant }: ImportDialogProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [step, setStep] = useState<WizardStep>('file')
  const onPhaseChange = useCallback((s: WizardStep) => setStep(s), [])

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setStep('file')
      }}
    >
      <DialogTrigger asChild>
        {trigger ?? (
          <Button variant={triggerVariant}>
            <FileUp aria-hidden />
            {t('imports.action')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-4xl"
        onInteractOutside={(e) => {
          // A stray click must not throw away the checked columns or hide a running import.
          if (step !== 'file' && step !== 'summary') e.preventDefault()
        }}
      >
        <DialogHeader>
          <DialogTitle>{t(`imports.title.${target.kind}`)}</DialogTitle>
          <DialogDescription>{t(`imports.description.${target.kind}`, { list: listName ?? '' })}</DialogDescription>
        </DialogHeader>
        {open && <ImportWizard target={target} onPhaseChange={onPhaseChange} />}
      </DialogContent>
    </Dialog>
  )
}
