import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CreateTrunkDialog } from '@/features/telephony/components/create-trunk-dialog'
import { TelephonyActions } from '@/features/telephony/components/telephony-actions'
import { TrunksList } from '@/features/telephony/components/trunks-list'

/** Troncos: every signed-in user sees the trunks and their live registration; admins manage them. */
export function TrunksRoute() {
  const { t } = useTranslation()
  const canManage = useCurrentUser().role === 'admin'
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('telephony.trunks.title')}
        description={t('telephony.trunks.description')}
        actions={
          <TelephonyActions canManage={canManage}>
            <CreateTrunkDialog />
          </TelephonyActions>
        }
      />
      <TrunksList canManage={canManage} />
    </div>
  )
}

export default TrunksRoute
