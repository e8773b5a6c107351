import { useMemo, useState } from 'react'
import { BookUser, ChevronRight, Pencil, Search, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Input } from '@/components/ui/input'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { contactListPath } from '@/config/paths'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { ContactList } from '@/lib/api/client'
import { formatDateTime, formatNumber } from '@/lib/format'
import { useContactLists } from '../api/get-contact-lists'
import { usedCustomFields } from '../lib/list-form'
import { CreateContactListDialog } from './create-contact-list-dialog'
import { DeleteContactListDialog } from './delete-contact-list-dialog'
import { EditContactListDialog } from './edit-contact-list-dialog'

const col = dataTableColumns<ContactList>()

function ListsEmpty() {
  const { t } = useTranslation()
  return (
    <Card className="items-center gap-3 px-6 py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
        <BookUser className="size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-semibold">{t('contactLists.empty.title')}</h2>
      <p className="max-w-md text-sm text-muted-foreground">{t('contactLists.empty.description')}</p>
      <CreateContactListDialog />
    </Card>
  )
}

/** Listas de contatos: search, open, edit and delete lists. */
export function ContactListsList() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search, setSearch] = useState('')
  const q = useDebouncedValue(search.trim(), 250)
  const query = useContactLists(q)
  const [editing, setEditing] = useState<ContactList | null>(null)
  const [deleting, setDeleting] = useState<ContactList | null>(null)
  const lists = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('contactLists.columns.name'),
        cell: ({ row }) => {
          const l = row.original
          return (
            <div className="min-w-0">
              <Link
                to={contactListPath(l.id)}
                className="font-medium hover:text-primary hover:underline focus-visible:underline focus-visible:outline-none"
                onClick={(e) => e.stopPropagation()}
              >
                {l.name}
              </Link>
              {l.description && (
                <p className="max-w-md truncate text-xs text-muted-foreground" title={l.description}>
                  {l.description}
                </p>
              )}
            </div>
          )
        },
      }),
      col.accessor('contactCount', {
        header: () => t('contactLists.columns.contacts'),
        cell: ({ getValue }) => <span className="tabular-nums">{formatNumber(getValue())}</span>,
      }),
      col.display({
        id: 'customFields',
        header: () => t('contactLists.columns.customFields'),
        cell: ({ row }) => {
          const used = usedCustomFields(row.original)
          if (used.length === 0) return <span className="text-muted-foreground">{t('contactLists.noCustomFields')}</span>
          return (
            <div className="flex max-w-72 flex-wrap gap-1">
              {used.map((f) => (
                <Badge key={f.index} variant="secondary" className="font-normal">
                  {f.label}
                </Badge>
              ))}
            </div>
          )
        },
      }),
      col.accessor('updatedAt', {
        header: () => t('contactLists.columns.updatedAt'),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => {
          const l = row.original
          return (
            <div className="flex justify-end gap-1" onClick={(e) => e.stopPropagation()}>
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button variant="ghost" size="icon-sm" aria-label={t('contactLists.edit.action', { name: l.name })} onClick={() => setEditing(l)}>
                    <Pencil />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.edit')}</TooltipContent>
              </Tooltip>
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                    aria-label={t('contactLists.delete.action', { name: l.name })}
                    onClick={() => setDeleting(l)}
                  >
                    <Trash2 />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.delete')}</TooltipContent>
              </Tooltip>
              <ChevronRight className="ml-1 size-4 self-center text-muted-foreground/60" aria-hidden />
            </div>
          )
        },
      }),
    ],
    [t],
  )

  if (!q && !search && query.isSuccess && lists.length === 0) return <ListsEmpty />

  return (
    <div className="space-y-4">
      <div className="relative max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('contactLists.searchPlaceholder')}
          aria-label={t('contactLists.searchPlaceholder')}
          className="pl-9"
        />
      </div>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              aria-label={t('contactLists.title')}
              columns={columns}
              data={lists}
              getRowId={(l) => String(l.id)}
              isLoading={query.isPending}
              empty={t('contactLists.emptySearch', { q })}
              columnClassName={{
                name: 'min-w-56',
                contactCount: 'w-28 text-right',
                customFields: 'hidden lg:table-cell',
                updatedAt: 'hidden md:table-cell w-44 whitespace-nowrap text-muted-foreground',
                actions: 'w-32 text-right',
              }}
              rowProps={(l) => ({ className: 'cursor-pointer', onClick: () => void navigate(contactListPath(l.id)) })}
            />
            {!query.isPending && (
              <LoadMore
                count={lists.length}
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
              />
            )}
          </>
        )}
      </Card>
      <EditContactListDialog list={editing} onOpenChange={(o) => !o && setEditing(null)} />
      <DeleteContactListDialog list={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
    </div>
  )
}
