import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { AuditList } from '@/features/audit/components/audit-list'

export function AuditRoute() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <AuditList />
    </div>
  )
}

export default AuditRoute
