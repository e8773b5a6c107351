import * as React from 'react'
import { useState } from 'react'
import { Cable, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { useCreateTrunk } from '../api/create-trunk'
import { createTrunkBody, EMPTY_TRUNK, type TrunkFormValues } from '../lib/trunk-form'
import { TrunkForm } from './trunk-form'

/** "Novo tronco" button + dialog. `trigger` replaces the default button (e.g. in the empty state). */
export function CreateTrunkDialog({ trigger }: { trigger?: React.ReactElement }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const create = useCreateTrunk()

  const onSubmit = async (v: TrunkFormValues) => {
    const trunk = await create.mutateAsync(createTrunkBody(v))
    setOpen(false)
    toast.success(t('telephony.trunks.create.success', { name: trunk.name }))
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden />
            {t('telephony.trunks.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Cable className="size-5 text-primary" aria-hidden />
            {t('telephony.trunks.create.title')}
          </DialogTitle>
          <DialogDescription>{t('telephony.trunks.create.description')}</DialogDescription>
        </DialogHeader>
        {open && <TrunkForm mode="create" defaultValues={EMPTY_TRUNK} submitLabel={t('telephony.trunks.create.submit')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
