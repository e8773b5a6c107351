import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { ContactList } from '@/lib/api/client'
import { isApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { formatNumber } from '@/lib/format'
import { useDeleteContactList } from '../api/delete-contact-list'

interface DeleteContactListDialogProps {
  list: ContactList | null
  onOpenChange: (open: boolean) => void
  onDeleted?: () => void
}

export function DeleteContactListDialog({ list, onOpenChange, onDeleted }: DeleteContactListDialogProps) {
  const { t } = useTranslation()
  const deleteList = useDeleteContactList()

  const error = deleteList.error
  // 409: a campaign uses the list (the server's message names it) or an import is running.
  const errorText = error
    ? isApiError(error, 'conflict')
      ? t('contactLists.delete.conflict', { message: error.message.replace(/\.?$/, '.') })
      : errorMessage(t, error)
    : undefined

  return (
    <ConfirmDialog
      open={list !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteList.reset()}
      title={t('contactLists.delete.title')}
      description={
        list ? t('contactLists.delete.description', { name: list.name, count: list.contactCount, formatted: formatNumber(list.contactCount) }) : null
      }
      error={errorText}
      confirmLabel={t('contactLists.delete.confirm')}
      pending={deleteList.isPending}
      onConfirm={async () => {
        if (!list) return
        await deleteList.mutateAsync(list.id)
        toast.success(t('contactLists.delete.success', { name: list.name }))
        onDeleted?.()
      }}
    />
  )
}
