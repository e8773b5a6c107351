import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { useCurrentUser } from '@/features/auth/components/current-user'
import { CreatePbxNodeDialog } from '@/features/pbx-nodes/components/create-pbx-node-dialog'
import { PbxNodesList } from '@/features/pbx-nodes/components/pbx-nodes-list'

/** Servidores: every logged-in user sees the nodes and their live status; only admins change them. */
export function ServersRoute() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const canManage = me.role === 'admin'
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('pbxNodes.title')}
        description={t('pbxNodes.description')}
        actions={canManage ? <CreatePbxNodeDialog /> : undefined}
      />
      <PbxNodesList canManage={canManage} />
    </div>
  )
}

export default ServersRoute
