import { useMemo, useState } from 'react'
import { Bot, FileSpreadsheet, Search, Trash2, UserRound } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Input } from '@/components/ui/input'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { DncEntry } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { formatDateTime } from '@/lib/format'
import { formatPhone } from '@/lib/phone'
import { useDeleteDnc } from '../api/delete-dnc'
import { useDnc } from '../api/get-dnc'

const col = dataTableColumns<DncEntry>()

const SOURCES = {
  manual: { Icon: UserRound, variant: 'secondary' },
  import: { Icon: FileSpreadsheet, variant: 'default' },
  ivr: { Icon: Bot, variant: 'warning' },
} as const

function SourceBadge({ source }: { source: DncEntry['source'] }) {
  const { t } = useTranslation()
  const { Icon, variant } = SOURCES[source]
  return (
    <Badge variant={variant}>
      <Icon aria-hidden />
      {t(`dnc.sources.${source}`)}
    </Badge>
  )
}

function DeleteDncDialog({ entry, onOpenChange }: { entry: DncEntry | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const deleteDnc = useDeleteDnc()
  const number = entry ? formatPhone(entry.e164) : ''
  return (
    <ConfirmDialog
      open={entry !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteDnc.reset()}
      title={t('dnc.delete.title')}
      description={entry ? t('dnc.delete.description', { number }) : null}
      error={deleteDnc.error ? errorMessage(t, deleteDnc.error) : undefined}
      confirmLabel={t('dnc.delete.confirm')}
      pending={deleteDnc.isPending}
      onConfirm={async () => {
        if (!entry) return
        await deleteDnc.mutateAsync(entry.id)
        toast.success(t('dnc.delete.success', { number }))
      }}
    />
  )
}

/** Não Me Perturbe: search by number in any format, paged table, remove with confirmation. */
export function DncList() {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const q = useDebouncedValue(search.trim(), 250)
  const query = useDnc(q)
  const [deleting, setDeleting] = useState<DncEntry | null>(null)
  const entries = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('e164', {
        header: () => t('dnc.columns.number'),
        cell: ({ getValue }) => <span className="font-mono text-[0.85rem] font-medium tabular-nums">{formatPhone(getValue())}</span>,
      }),
      col.accessor('source', {
        header: () => t('dnc.columns.source'),
        cell: ({ getValue }) => <SourceBadge source={getValue()} />,
      }),
      col.accessor('note', {
        header: () => t('dnc.columns.note'),
        cell: ({ getValue }) =>
          getValue() ? (
            <span className="block max-w-80 truncate" title={getValue() ?? undefined}>
              {getValue()}
            </span>
          ) : (
            <span className="text-muted-foreground">{t('dnc.noNote')}</span>
          ),
      }),
      col.accessor('createdAt', {
        header: () => t('dnc.columns.createdAt'),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => {
          const number = formatPhone(row.original.e164)
          return (
            <div className="flex justify-end">
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                    aria-label={t('dnc.delete.action', { number })}
                    onClick={() => setDeleting(row.original)}
                  >
                    <Trash2 />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('dnc.delete.confirm')}</TooltipContent>
              </Tooltip>
            </div>
          )
        },
      }),
    ],
    [t],
  )

  return (
    <div className="space-y-4">
      <div className="relative max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          inputMode="tel"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('dnc.searchPlaceholder')}
          aria-label={t('dnc.searchPlaceholder')}
          className="pl-9"
        />
      </div>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              aria-label={t('dnc.title')}
              columns={columns}
              data={entries}
              getRowId={(e) => String(e.id)}
              isLoading={query.isPending}
              empty={q ? t('dnc.emptySearch', { q }) : t('dnc.empty')}
              columnClassName={{
                e164: 'w-56 whitespace-nowrap',
                source: 'w-40',
                note: 'hidden md:table-cell',
                createdAt: 'hidden sm:table-cell w-44 whitespace-nowrap text-muted-foreground',
                actions: 'w-16 text-right',
              }}
            />
            {!query.isPending && (
              <LoadMore
                count={entries.length}
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
              />
            )}
          </>
        )}
      </Card>
      <DeleteDncDialog entry={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
    </div>
  )
}
