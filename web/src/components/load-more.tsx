import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'

interface LoadMoreProps {
  hasNextPage: boolean
  isFetchingNextPage: boolean
  onLoadMore: () => void
  count: number
  endText?: string
}

export function LoadMore({ hasNextPage, isFetchingNextPage, onLoadMore, count, endText }: LoadMoreProps) {
  const { t } = useTranslation()
  return (
    <div className="flex items-center justify-between gap-4 border-t px-4 py-3 text-xs text-muted-foreground">
      <span>{t('common.showing', { count })}</span>
      {hasNextPage ? (
        <Button variant="outline" size="sm" onClick={onLoadMore} loading={isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : (
        count > 0 && <span>{endText ?? t('common.endOfList')}</span>
      )}
    </div>
  )
}
