import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { errorMessage } from '@/lib/api/messages'
import { formatNumber } from '@/lib/format'
import { useDeleteContacts } from '../api/delete-contacts'

interface DeleteContactsDialogProps {
  listId: number
  /** The contacts to delete (ids) and, for one, how to name it; null when closed. */
  target: { ids: number[]; name?: string } | null
  onOpenChange: (open: boolean) => void
  onDeleted?: () => void
}

/** Confirms and deletes one contact or the selected ones (POST …/contacts/delete). */
export function DeleteContactsDialog({ listId, target, onOpenChange, onDeleted }: DeleteContactsDialogProps) {
  const { t } = useTranslation()
  const deleteContacts = useDeleteContacts()
  const count = target?.ids.length ?? 0
  const vars = { count, formatted: formatNumber(count), name: target?.name ?? '' }

  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteContacts.reset()}
      title={t('contacts.delete.title', vars)}
      description={target ? t('contacts.delete.description', vars) : null}
      error={deleteContacts.error ? errorMessage(t, deleteContacts.error) : undefined}
      confirmLabel={t('contacts.delete.confirm', vars)}
      pending={deleteContacts.isPending}
      onConfirm={async () => {
        if (!target) return
        const deleted = await deleteContacts.mutateAsync({ listId, ids: target.ids })
        toast.success(t('contacts.delete.success', { count: deleted, formatted: formatNumber(deleted) }))
        onDeleted?.()
      }}
    />
  )
}
