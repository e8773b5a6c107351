import { useMemo, useState } from 'react'
import { ChevronDown, ChevronRight, FilterX } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import type { AuditEntry } from '@/lib/api/client'
import { formatDateTime } from '@/lib/format'
import { useAudit, type AuditFilters } from '../api/get-audit'

/** Known values offered in the filters; the server may record more. */
const AUDIT_ENTITY_TYPES = ['user', 'token', 'session', 'pbx-node'] as const
const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password',
  'user.create',
  'user.update',
  'user.delete',
  'token.create',
  'token.revoke',
  'pbx-node.create',
  'pbx-node.update',
  'pbx-node.delete',
] as const

const ALL = '__all__'
const col = dataTableColumns<AuditEntry>()

function actionVariant(action: string) {
  if (action.endsWith('_failed')) return 'destructive' as const
  if (action.endsWith('.delete') || action.endsWith('.revoke')) return 'warning' as const
  if (action.endsWith('.create')) return 'success' as const
  return 'secondary' as const
}

export function AuditList() {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<AuditFilters>({})
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const query = useAudit(filters)
  const entries = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const columns = useMemo(
    () => [
      col.accessor('at', {
        header: () => t('audit.columns.at'),
        cell: ({ getValue }) => <span className="whitespace-nowrap tabular-nums">{formatDateTime(getValue(), { seconds: true })}</span>,
      }),
      col.accessor('userEmail', {
        header: () => t('audit.columns.user'),
        cell: ({ getValue }) => getValue() ?? <span className="text-muted-foreground italic">{t('audit.system')}</span>,
      }),
      col.accessor('action', {
        header: () => t('audit.columns.action'),
        cell: ({ getValue }) => {
          const action = getValue()
          return (
            <div className="flex flex-col gap-0.5">
              <Badge variant={actionVariant(action)}>{t(`audit.actions.${action}`, { defaultValue: action })}</Badge>
              <code className="font-mono text-[0.7rem] text-muted-foreground">{action}</code>
            </div>
          )
        },
      }),
      col.display({
        id: 'entity',
        header: () => t('audit.columns.entity'),
        cell: ({ row }) => {
          const e = row.original
          return (
            <span className="whitespace-nowrap">
              {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })}
              {e.entityId && <span className="ml-1 font-mono text-xs text-muted-foreground">#{e.entityId}</span>}
            </span>
          )
        },
      }),
      col.accessor('address', {
        header: () => t('audit.columns.address'),
        cell: ({ getValue }) => <span className="font-mono text-xs text-muted-foreground">{getValue()}</span>,
      }),
      col.display({
        id: 'details',
        header: () => t('audit.columns.details'),
        cell: ({ row }) => {
          const e = row.original
          if (!e.details || Object.keys(e.details).length === 0)
            return <span className="text-muted-foreground">{t('audit.noDetails')}</span>
          const open = expanded.has(e.id)
          return (
            <Button
              variant="ghost"
              size="sm"
              aria-expanded={open}
              aria-controls={`audit-details-${e.id}`}
              onClick={() => toggle(e.id)}
              className="-ml-2 text-muted-foreground"
            >
              {open ? <ChevronDown /> : <ChevronRight />}
              {open ? t('audit.hideDetails') : t('audit.showDetails')}
            </Button>
          )
        },
      }),
    ],
    [t, expanded],
  )

  const hasFilters = Boolean(filters.action || filters.entityType)

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid w-56 gap-1.5">
          <Label htmlFor="audit-entity" className="text-xs text-muted-foreground">
            {t('audit.filters.entityType')}
          </Label>
          <Select
            value={filters.entityType ?? ALL}
            onValueChange={(v) => setFilters((f) => ({ ...f, entityType: v === ALL ? undefined : v }))}
          >
            <SelectTrigger id="audit-entity">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('audit.filters.allEntities')}</SelectItem>
              {AUDIT_ENTITY_TYPES.map((e) => (
                <SelectItem key={e} value={e}>
                  {t(`audit.entities.${e}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid w-64 gap-1.5">
          <Label htmlFor="audit-action" className="text-xs text-muted-foreground">
            {t('audit.filters.action')}
          </Label>
          <Select
            value={filters.action ?? ALL}
            onValueChange={(v) => setFilters((f) => ({ ...f, action: v === ALL ? undefined : v }))}
          >
            <SelectTrigger id="audit-action">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('audit.filters.allActions')}</SelectItem>
              {AUDIT_ACTIONS.map((a) => (
                <SelectItem key={a} value={a}>
                  {t(`audit.actions.${a}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {hasFilters && (
          <Button variant="ghost" size="sm" onClick={() => setFilters({})} className="mb-0.5">
            <FilterX aria-hidden />
            {t('common.clearFilters')}
          </Button>
        )}
      </div>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              aria-label={t('audit.title')}
              columns={columns}
              data={entries}
              getRowId={(e) => String(e.id)}
              isLoading={query.isPending}
              empty={t('audit.empty')}
              columnClassName={{ address: 'hidden lg:table-cell', details: 'w-40' }}
              renderSubRow={(e) =>
                expanded.has(e.id) && e.details ? (
                  <pre
                    id={`audit-details-${e.id}`}
                    className="max-h-80 overflow-auto px-6 py-3 font-mono text-xs leading-relaxed text-muted-foreground"
                  >
                    {JSON.stringify(e.details, null, 2)}
                  </pre>
                ) : null
              }
            />
            {!query.isPending && (
              <LoadMore
                count={entries.length}
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
                endText={t('audit.end')}
              />
            )}
          </>
        )}
      </Card>
    </div>
  )
}
