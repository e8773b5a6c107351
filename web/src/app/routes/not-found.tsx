import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FullPageMessage } from '@/components/full-page'
import { Button } from '@/components/ui/button'
import { paths } from '@/config/paths'

export function NotFoundRoute() {
  const { t } = useTranslation()
  return (
    <FullPageMessage
      title={t('notFound.title')}
      description={t('notFound.description')}
      action={
        <Button asChild variant="outline">
          <Link to={paths.home}>{t('notFound.back')}</Link>
        </Button>
      }
    />
  )
}

export function RouteErrorBoundary() {
  const { t } = useTranslation()
  return (
    <FullPageMessage
      title={t('boundary.title')}
      description={t('boundary.description')}
      action={<Button onClick={() => window.location.reload()}>{t('boundary.reload')}</Button>}
    />
  )
}
