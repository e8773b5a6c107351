import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Queue } from '@/lib/api/client'
import { useDeleteQueue } from '../api/delete-queue'
import { deleteErrorText } from '../lib/server-errors'

export function DeleteQueueDialog({ queue, onOpenChange }: { queue: Queue | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const remove = useDeleteQueue()
  return (
    <ConfirmDialog
      open={queue !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => remove.reset()}
      title={t('telephony.queues.delete.title')}
      description={queue ? t('telephony.queues.delete.description', { name: queue.name }) : null}
      error={deleteErrorText(t, remove.error)}
      confirmLabel={t('telephony.queues.delete.confirm')}
      pending={remove.isPending}
      onConfirm={async () => {
        if (!queue) return
        await remove.mutateAsync(queue.id)
        remove.reset()
        toast.success(t('telephony.queues.delete.success', { name: queue.name }))
      }}
    />
  )
}
