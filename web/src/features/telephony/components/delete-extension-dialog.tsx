import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Extension } from '@/lib/api/client'
import { useDeleteExtension } from '../api/delete-extension'
import { deleteErrorText } from '../lib/server-errors'

export function DeleteExtensionDialog({ extension, onOpenChange }: { extension: Extension | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const remove = useDeleteExtension()
  return (
    <ConfirmDialog
      open={extension !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => remove.reset()}
      title={t('telephony.extensions.delete.title')}
      description={extension ? t('telephony.extensions.delete.description', { number: extension.number, name: extension.name }) : null}
      // 409: a queue has it as a member; the daemon's message names the queue and says what to do.
      error={deleteErrorText(t, remove.error)}
      confirmLabel={t('telephony.extensions.delete.confirm')}
      pending={remove.isPending}
      onConfirm={async () => {
        if (!extension) return
        await remove.mutateAsync(extension.id)
        remove.reset()
        toast.success(t('telephony.extensions.delete.success', { number: extension.number }))
      }}
    />
  )
}
