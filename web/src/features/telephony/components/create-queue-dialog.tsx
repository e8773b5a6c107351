import * as React from 'react'
import { useState } from 'react'
import { ListOrdered, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { useCreateQueue } from '../api/create-queue'
import { createQueueBody, EMPTY_QUEUE, type QueueFormValues } from '../lib/queue-form'
import { QueueForm } from './queue-form'

/** "Nova fila" button + dialog. `trigger` replaces the default button (e.g. in the empty state). */
export function CreateQueueDialog({ trigger }: { trigger?: React.ReactElement }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const create = useCreateQueue()

  const onSubmit = async (v: QueueFormValues) => {
    const queue = await create.mutateAsync(createQueueBody(v))
    setOpen(false)
    toast.success(t('telephony.queues.create.success', { name: queue.name }))
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden />
            {t('telephony.queues.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <ListOrdered className="size-5 text-primary" aria-hidden />
            {t('telephony.queues.create.title')}
          </DialogTitle>
          <DialogDescription>{t('telephony.queues.create.description')}</DialogDescription>
        </DialogHeader>
        {open && <QueueForm mode="create" defaultValues={EMPTY_QUEUE} submitLabel={t('telephony.queues.create.submit')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
