import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Trunk } from '@/lib/api/client'
import { useUpdateTrunk } from '../api/update-trunk'
import { trunkChanges, valuesFromTrunk, type TrunkFormValues } from '../lib/trunk-form'
import { TrunkForm } from './trunk-form'

export function EditTrunkDialog({ trunk, onOpenChange }: { trunk: Trunk | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const update = useUpdateTrunk()

  const onSubmit = async (values: TrunkFormValues) => {
    if (!trunk) return
    const body = trunkChanges(trunk, values)
    if (Object.keys(body).length > 0) {
      const updated = await update.mutateAsync({ id: trunk.id, body })
      toast.success(t('telephony.trunks.edit.success', { name: updated.name }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={trunk !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t('telephony.trunks.edit.title')}</DialogTitle>
          <DialogDescription>{trunk ? t('telephony.trunks.edit.description', { name: trunk.name }) : null}</DialogDescription>
        </DialogHeader>
        {trunk && (
          <TrunkForm key={trunk.id} mode="edit" trunk={trunk} defaultValues={valuesFromTrunk(trunk)} submitLabel={t('common.saveChanges')} onSubmit={onSubmit} />
        )}
      </DialogContent>
    </Dialog>
  )
}
