import type * as React from 'react'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'

interface ConfirmDialogProps {
  open: boolean
  /** Called with `false` when the user dismisses the dialog and after `onConfirm` succeeds. */
  onOpenChange: (open: boolean) => void
  /** Runs before `onOpenChange(false)` when the user dismisses the dialog (Cancel, Escape), e.g. a mutation's `reset`. */
  onDismiss?: () => void
  title: React.ReactNode
  description: React.ReactNode
  confirmLabel: React.ReactNode
  /** The dismiss button's label (default "Cancelar"; say "Voltar" when the action itself is a cancel). */
  cancelLabel?: React.ReactNode
  /** The confirm button shows a spinner and is disabled. */
  pending?: boolean
  /** Shown above the buttons, e.g. why the last attempt failed. */
  error?: string
  /** Resolves: the dialog closes. Throws: it stays open (show the failure through `error`). */
  onConfirm: () => Promise<unknown>
}

/** A destructive confirmation (delete, revoke) on the alert dialog. */
export function ConfirmDialog({
  open,
  onOpenChange,
  onDismiss,
  title,
  description,
  confirmLabel,
  cancelLabel,
  pending = false,
  error,
  onConfirm,
}: ConfirmDialogProps) {
  const { t } = useTranslation()

  const confirm = async () => {
    try {
      await onConfirm()
      onOpenChange(false)
    } catch {
      // The caller shows it through `error`.
    }
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onDismiss?.()
        onOpenChange(next)
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={error} />
        <AlertDialogFooter>
          <AlertDialogCancel>{cancelLabel ?? t('common.cancel')}</AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} loading={pending}>
            {confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
