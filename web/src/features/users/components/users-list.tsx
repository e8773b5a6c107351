import { useMemo, useState } from 'react'
import { Pencil, Search, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { InitialsAvatar } from '@/components/ui/avatar'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Input } from '@/components/ui/input'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { User } from '@/lib/api/client'
import { formatDateTime } from '@/lib/format'
import { useUsers } from '../api/get-users'
import { DeleteUserDialog } from './delete-user-dialog'
import { EditUserDialog } from './edit-user-dialog'
import { RoleBadge, StatusBadge } from './user-badges'

const col = dataTableColumns<User>()

const COLUMN_CLASSES: Record<string, string> = {
  name: 'min-w-48',
  lastLoginAt: 'hidden xl:table-cell whitespace-nowrap text-muted-foreground',
  createdAt: 'hidden 2xl:table-cell whitespace-nowrap text-muted-foreground',
  actions: 'w-24 text-right',
}

export function UsersList({ currentUserId }: { currentUserId: number }) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const q = useDebouncedValue(search.trim(), 300)
  const query = useUsers(q)
  const [editing, setEditing] = useState<User | null>(null)
  const [deleting, setDeleting] = useState<User | null>(null)

  const users = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('users.columns.name'),
        cell: ({ row }) => {
          const u = row.original
          return (
            <div className="flex items-center gap-3">
              <InitialsAvatar name={u.name} />
              <div className="min-w-0">
                <div className="flex items-center gap-2 font-medium">
                  <span className="max-w-56 truncate" title={u.name}>
                    {u.name}
                  </span>
                  {u.id === currentUserId && (
                    <Badge variant="outline" className="px-1.5 py-0 text-[0.65rem] text-muted-foreground">
                      {t('common.you')}
                    </Badge>
                  )}
                </div>
                <div className="truncate text-xs text-muted-foreground md:hidden">{u.email}</div>
              </div>
            </div>
          )
        },
      }),
      col.accessor('email', {
        header: () => t('users.columns.email'),
        cell: ({ getValue }) => (
          <span className="block max-w-60 truncate text-muted-foreground" title={getValue()}>
            {getValue()}
          </span>
        ),
      }),
      col.accessor('role', {
        header: () => t('users.columns.role'),
        cell: ({ getValue }) => <RoleBadge role={getValue()} />,
      }),
      col.accessor('active', {
        header: () => t('users.columns.status'),
        cell: ({ getValue }) => <StatusBadge active={getValue()} />,
      }),
      col.accessor('lastLoginAt', {
        header: () => t('users.columns.lastLogin'),
        cell: ({ getValue }) => formatDateTime(getValue()) || t('common.never'),
      }),
      col.accessor('createdAt', {
        header: () => t('users.columns.createdAt'),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => {
          const u = row.original
          const isSelf = u.id === currentUserId
          return (
            <div className="flex justify-end gap-1">
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    aria-label={t('users.edit.action', { name: u.name })}
                    onClick={() => setEditing(u)}
                  >
                    <Pencil />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.edit')}</TooltipContent>
              </Tooltip>
              <Tooltip>
                <TooltipTrigger asChild>
                  {/* span keeps the tooltip working on a disabled button */}
                  <span tabIndex={isSelf ? 0 : -1}>
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                      aria-label={t('users.delete.action', { name: u.name })}
                      disabled={isSelf}
                      onClick={() => setDeleting(u)}
                    >
                      <Trash2 />
                    </Button>
                  </span>
                </TooltipTrigger>
                <TooltipContent>{isSelf ? t('users.delete.self') : t('common.delete')}</TooltipContent>
              </Tooltip>
            </div>
          )
        },
      }),
    ],
    [t, currentUserId],
  )

  const emailClass = 'hidden md:table-cell whitespace-nowrap'
  return (
    <div className="space-y-4">
      <div className="relative max-w-sm">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          className="pl-9"
        />
      </div>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              aria-label={t('users.title')}
              columns={columns}
              data={users}
              getRowId={(u) => String(u.id)}
              isLoading={query.isPending}
              empty={q ? t('users.emptySearch', { q }) : t('users.empty')}
              columnClassName={{ ...COLUMN_CLASSES, email: emailClass }}
            />
            {!query.isPending && (
              <LoadMore
                count={users.length}
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
              />
            )}
          </>
        )}
      </Card>
      <EditUserDialog user={editing} isSelf={editing?.id === currentUserId} onOpenChange={(o) => !o && setEditing(null)} />
      <DeleteUserDialog user={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
    </div>
  )
}
