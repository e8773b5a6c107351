import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CreateQueueDialog } from '@/features/telephony/components/create-queue-dialog'
import { QueuesList } from '@/features/telephony/components/queues-list'
import { TelephonyActions } from '@/features/telephony/components/telephony-actions'

/** Filas: every signed-in user sees the queues and who is in them now; admins manage them. */
export function QueuesRoute() {
  const { t } = useTranslation()
  const canManage = useCurrentUser().role === 'admin'
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('telephony.queues.title')}
        description={t('telephony.queues.description')}
        actions={
          <TelephonyActions canManage={canManage}>
            <CreateQueueDialog />
          </TelephonyActions>
        }
      />
      <QueuesList canManage={canManage} />
    </div>
  )
}

export default QueuesRoute
