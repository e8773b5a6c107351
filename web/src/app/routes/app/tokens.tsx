import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { CreateTokenDialog } from '@/features/tokens/components/create-token-dialog'
import { TokensList } from '@/features/tokens/components/tokens-list'

export function TokensRoute() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} actions={<CreateTokenDialog />} />
      <TokensList />
      <p className="font-mono text-xs text-muted-foreground">{t('tokens.usage')}</p>
    </div>
  )
}

export default TokensRoute
