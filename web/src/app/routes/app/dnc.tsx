import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { AddDncDialog } from '@/features/dnc/components/add-dnc-dialog'
import { DncList } from '@/features/dnc/components/dnc-list'
import { ImportDialog } from '@/features/imports/components/import-dialog'
import { RecentImports } from '@/features/imports/components/recent-imports'

/** Não Me Perturbe: numbers never dialed. Every signed-in user manages it. */
export function DncRoute() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('dnc.title')}
        description={t('dnc.description')}
        actions={
          <>
            <ImportDialog target={{ kind: 'dnc-import' }} triggerVariant="outline" />
            <AddDncDialog />
          </>
        }
      />
      <DncList />
      <RecentImports filters={{ kind: 'dnc-import' }} />
    </div>
  )
}

export default DncRoute
