import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CreateExtensionDialog } from '@/features/telephony/components/create-extension-dialog'
import { ExtensionsList } from '@/features/telephony/components/extensions-list'
import { TelephonyActions } from '@/features/telephony/components/telephony-actions'

/** Ramais: every signed-in user sees the extensions and their live registration; admins manage them. */
export function ExtensionsRoute() {
  const { t } = useTranslation()
  const canManage = useCurrentUser().role === 'admin'
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('telephony.extensions.title')}
        description={t('telephony.extensions.description')}
        actions={
          <TelephonyActions canManage={canManage}>
            <CreateExtensionDialog />
          </TelephonyActions>
        }
      />
      <ExtensionsList canManage={canManage} />
    </div>
  )
}

export default ExtensionsRoute
