import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Trunk } from '@/lib/api/client'
import { useDeleteTrunk } from '../api/delete-trunk'
import { deleteErrorText } from '../lib/server-errors'

export function DeleteTrunkDialog({ trunk, onOpenChange }: { trunk: Trunk | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const remove = useDeleteTrunk()
  return (
    <ConfirmDialog
      open={trunk !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => remove.reset()}
      title={t('telephony.trunks.delete.title')}
      description={trunk ? t('telephony.trunks.delete.description', { name: trunk.name, host: trunk.host }) : null}
      // 409: a campaign dials through it; the daemon's message names the campaign.
      error={deleteErrorText(t, remove.error)}
      confirmLabel={t('telephony.trunks.delete.confirm')}
      pending={remove.isPending}
      onConfirm={async () => {
        if (!trunk) return
        await remove.mutateAsync(trunk.id)
        remove.reset()
        toast.success(t('telephony.trunks.delete.success', { name: trunk.name }))
      }}
    />
  )
}
