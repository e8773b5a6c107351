import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Queue } from '@/lib/api/client'
import { useUpdateQueue } from '../api/update-queue'
import { queueChanges, valuesFromQueue, type QueueFormValues } from '../lib/queue-form'
import { QueueForm } from './queue-form'

export function EditQueueDialog({ queue, onOpenChange }: { queue: Queue | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const update = useUpdateQueue()

  const onSubmit = async (values: QueueFormValues) => {
    if (!queue) return
    const body = queueChanges(queue, values)
    if (Object.keys(body).length > 0) {
      const updated = await update.mutateAsync({ id: queue.id, body })
      toast.success(t('telephony.queues.edit.success', { name: updated.name }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={queue !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t('telephony.queues.edit.title')}</DialogTitle>
          <DialogDescription>{queue ? t('telephony.queues.edit.description', { name: queue.name }) : null}</DialogDescription>
        </DialogHeader>
        {queue && <QueueForm key={queue.id} mode="edit" defaultValues={valuesFromQueue(queue)} submitLabel={t('common.saveChanges')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
