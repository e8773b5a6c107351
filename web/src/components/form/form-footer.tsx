import type * as React from 'react'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'

interface FormFooterProps {
  /** The form-level (server) error, shown above the buttons. */
  error?: string
  submitLabel: React.ReactNode
  /** The submit button shows a spinner and is disabled. */
  pending: boolean
}

/** The end of a form inside a Dialog: its error, then Cancel (closes the dialog) and submit. */
export function FormFooter({ error, submitLabel, pending }: FormFooterProps) {
  const { t } = useTranslation()
  return (
    <>
      <FormError message={error} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            {t('common.cancel')}
          </Button>
        </DialogClose>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </>
  )
}
