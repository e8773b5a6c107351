import { useCallback, useEffect, useMemo, useRef } from 'react'
import {
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp, ArrowUpDown, Loader2, Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Skeleton } from '@/components/ui/skeleton'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { Contact, ContactList } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { contactLabel } from '../lib/contact-form'
import { sortingToSort, sortToSorting, toggleSelection, type ContactSort } from '../lib/contact-query'
import { usedCustomFields } from '../lib/list-form'
import { DncBadge, PhonesCell } from './contact-cells'

/** Row height in px: every cell is one line, so the virtualizer can place rows without measuring them. */
export const ROW_HEIGHT = 48
/** Ask for the next page when this many loaded rows are left below the visible ones. */
const PREFETCH_ROWS = 40

const features = tableFeatures({ rowSelectionFeature, rowSortingFeature })
const col = createColumnHelper<typeof features, Contact>()

const WIDTHS: Record<string, number> = { select: 44, name: 220, phone: 235, email: 175, actions: 84 }
const CUSTOM_WIDTH = 140

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater
}

interface ContactsTableProps {
  list: ContactList
  contacts: Contact[]
  isLoading: boolean
  /** A new search or filter is loading (the previous rows are still shown). */
  isRefreshing: boolean
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => void
  sort: ContactSort
  onSortChange: (sort: ContactSort) => void
  /** Changes with the search, filters and sort: the table goes back to the top. */
  scrollKey: string
  rowSelection: RowSelectionState
  onRowSelectionChange: (selection: RowSelectionState) => void
  onEdit: (contact: Contact) => void
  /** Delete one contact (asks for confirmation). */
  onDelete: (target: { ids: number[]; name: string }) => void
  empty: React.ReactNode
  footer: React.ReactNode
}

/**
 * A list's contacts: TanStack Table (row selection, with Shift-click ranges; server-side sorting by
 * header click) rendered through a virtualizer, so 100 000 loaded rows cost as much as 20; the
 * next page (keyset cursor) is fetched as the end of the loaded rows comes near.
 */
export function ContactsTable(props: ContactsTableProps) {
  const { list, contacts, isLoading, isRefreshing, hasNextPage, isFetchingNextPage, fetchNextPage, sort, onSortChange } = props
  const { rowSelection, onRowSelectionChange, onEdit, onDelete, empty, footer, scrollKey } = props
  const { t } = useTranslation()
  const custom = useMemo(() => usedCustomFields(list), [list])
  const sorting = useMemo<SortingState>(() => sortToSorting(sort), [sort])

  const selectedCount = contacts.reduce((n, c) => n + (rowSelection[String(c.id)] ? 1 : 0), 0)
  const allSelected = contacts.length > 0 && selectedCount === contacts.length
  const headerChecked = allSelected ? true : selectedCount > 0 ? 'indeterminate' : false
  const selectAll = (value: boolean) =>
    onRowSelectionChange(value ? Object.fromEntries(contacts.map((c) => [String(c.id), true as const])) : {})

  // Shift-click selects a range from the previous click (see toggleSelection).
  const anchor = useRef<number | null>(null)
  const latest = useRef({ contacts, rowSelection, onRowSelectionChange })
  useEffect(() => {
    latest.current = { contacts, rowSelection, onRowSelectionChange }
  })
  const onRowClick = useCallback((index: number, shift: boolean) => {
    const { contacts: rows, rowSelection: selection, onRowSelectionChange: change } = latest.current
    change(toggleSelection(selection, rows.map((c) => String(c.id)), index, anchor.current, shift))
    anchor.current = index
  }, [])

  const columns = useMemo<ColumnDef<typeof features, Contact, any>[]>(
    () => [
      col.display({
        id: 'select',
        header: () => null,
        cell: ({ row }) => (
          <Checkbox
            checked={row.getIsSelected()}
            onClick={(e) => onRowClick(row.index, e.shiftKey)}
            aria-label={t('contacts.selectRow', { name: contactLabel(row.original) })}
          />
        ),
      }),
      col.accessor('name', {
        header: () => t('contacts.columns.name'),
        cell: ({ row }) => {
          const c = row.original
          return (
            <div className="flex min-w-0 items-center gap-2">
              <span className={cn('truncate font-medium', !c.name && 'font-normal text-muted-foreground italic')} title={c.name ?? undefined}>
                {c.name || t('contacts.noName')}
              </span>
              {c.dnc && <DncBadge />}
            </div>
          )
        },
      }),
      col.accessor((c) => c.phones[0]?.e164 ?? '', {
        id: 'phone',
        header: () => t('contacts.columns.phone'),
        cell: ({ row }) => <PhonesCell phones={row.original.phones} />,
      }),
      col.accessor((c) => c.email ?? '', {
        id: 'email',
        header: () => t('contacts.columns.email'),
        cell: ({ getValue }) => (
          <span className="block truncate text-muted-foreground" title={getValue() || undefined}>
            {getValue()}
          </span>
        ),
      }),
      ...custom.map((f) =>
        col.accessor((c) => c.custom[f.index] ?? '', {
          id: `custom${f.index + 1}`,
          header: () => <span title={f.label}>{f.label}</span>,
          enableSorting: false,
          cell: ({ getValue }) => (
            <span className="block truncate" title={getValue() || undefined}>
              {getValue()}
            </span>
          ),
        }),
      ),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => {
          const c = row.original
          const name = contactLabel(c)
          return (
            <div className="flex justify-end gap-0.5">
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button variant="ghost" size="icon-sm" aria-label={t('contacts.edit.action', { name })} onClick={() => onEdit(c)}>
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
                    aria-label={t('contacts.delete.action', { name })}
                    onClick={() => onDelete({ ids: [c.id], name })}
                  >
                    <Trash2 />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.delete')}</TooltipContent>
              </Tooltip>
            </div>
          )
        },
      }),
    ],
    [t, custom, onEdit, onDelete, onRowClick],
  )

  const table = useTable({
    features,
    columns,
    data: contacts,
    getRowId: (c) => String(c.id),
    state: { rowSelection, sorting },
    onRowSelectionChange: (updater) => onRowSelectionChange(resolve(updater, rowSelection)),
    onSortingChange: (updater) => onSortChange(sortingToSort(resolve(updater, sorting))),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: true,
    sortDescFirst: false,
    enableSorting: true,
  })

  const rows = table.getRowModel().rows
  const scrollRef = useRef<HTMLDivElement>(null)
  // No React Compiler in this build; the virtualizer is only read during render.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
    // Until the container is measured (and in tests, where nothing is), assume a screenful.
    initialRect: { width: 1000, height: 640 },
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? -1

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage()
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage])

  // A new search, filter or sort starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0
    anchor.current = null
  }, [scrollKey])

  const visible = table.getAllLeafColumns()
  const minWidth = visible.reduce((w, c) => w + (WIDTHS[c.id] ?? CUSTOM_WIDTH), 0)
  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0))

  return (
    <div className="flex flex-col">
      <div
        ref={scrollRef}
        className={cn('relative overflow-auto overscroll-contain', (isLoading || rows.length > 0) && 'max-h-[max(360px,calc(100svh-24rem))]')}
        data-testid="contacts-scroll"
        data-virtual-scroll=""
        aria-busy={isLoading || isRefreshing || undefined}
      >
        <table
          className={cn('w-full table-fixed border-separate border-spacing-0 text-sm transition-opacity', isRefreshing && 'opacity-60')}
          style={{ minWidth }}
          aria-label={t('contacts.tableLabel', { name: list.name })}
          aria-rowcount={hasNextPage ? -1 : rows.length + 1}
        >
          <colgroup>
            {visible.map((c) => (
              <col key={c.id} style={{ width: c.id === 'name' ? undefined : (WIDTHS[c.id] ?? CUSTOM_WIDTH) }} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-card">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const column = header.column
                  const sorted = column.getIsSorted()
                  const base = 'h-10 border-b bg-muted/30 px-3 text-left align-middle text-xs font-medium tracking-wide whitespace-nowrap text-muted-foreground uppercase'
                  if (column.id === 'select')
                    return (
                      <th key={header.id} className={base}>
                        <Checkbox
                          checked={headerChecked}
                          onCheckedChange={(v) => selectAll(v === true)}
                          disabled={contacts.length === 0}
                          aria-label={t('contacts.selectAll')}
                        />
                      </th>
                    )
                  const canSort = column.getCanSort() && ['name', 'phone', 'email'].includes(column.id)
                  return (
                    <th
                      key={header.id}
                      className={cn(base, column.id === 'actions' && 'text-right')}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={column.getToggleSortingHandler()}
                          className={cn(
                            '-ml-2 inline-flex max-w-full items-center gap-1.5 rounded px-2 py-1 uppercase hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
                            sorted && 'text-foreground',
                          )}
                          title={t('contacts.sortBy', { column: t(`contacts.columns.${column.id}`) })}
                        >
                          <span className="truncate">
                            <table.FlexRender header={header} />
                          </span>
                          {sorted === 'asc' ? (
                            <ArrowUp className="size-3.5 text-primary" aria-hidden />
                          ) : sorted === 'desc' ? (
                            <ArrowDown className="size-3.5 text-primary" aria-hidden />
                          ) : (
                            <ArrowUpDown className="size-3.5 opacity-50" aria-hidden />
                          )}
                        </button>
                      ) : (
                        <span className="block truncate">{header.isPlaceholder ? null : <table.FlexRender header={header} />}</span>
                      )}
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {isLoading ? (
              Array.from({ length: 6 }, (_, i) => (
                <tr key={`skeleton-${i}`} style={{ height: ROW_HEIGHT }}>
                  {visible.map((c) => (
                    <td key={c.id} className="border-b px-3">
                      <Skeleton className="h-4 w-full max-w-40" />
                    </td>
                  ))}
                </tr>
              ))
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={visible.length} className="h-64 border-b px-3 text-center text-muted-foreground">
                  {empty}
                </td>
              </tr>
            ) : (
              <>
                {paddingTop > 0 && (
                  <tr aria-hidden>
                    <td colSpan={visible.length} style={{ height: paddingTop, padding: 0 }} />
                  </tr>
                )}
                {items.map((item) => {
                  const row = rows[item.index]!
                  const selected = row.getIsSelected()
                  return (
                    <tr
                      key={row.id}
                      aria-rowindex={item.index + 2}
                      aria-selected={selected}
                      data-state={selected ? 'selected' : undefined}
                      className="transition-colors hover:bg-muted/40 data-[state=selected]:bg-primary/10"
                      style={{ height: ROW_HEIGHT }}
                    >
                      {row.getAllCells().map((cell) => (
                        <td
                          key={cell.id}
                          className={cn('overflow-hidden border-b px-3 align-middle whitespace-nowrap', cell.column.id === 'actions' && 'px-2')}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  )
                })}
                {paddingBottom > 0 && (
                  <tr aria-hidden>
                    <td colSpan={visible.length} style={{ height: paddingBottom, padding: 0 }} />
                  </tr>
                )}
              </>
            )}
          </tbody>
        </table>
      </div>
      <div className="flex min-h-11 items-center justify-between gap-4 border-t px-4 py-2 text-xs text-muted-foreground">
        <span aria-live="polite">{footer}</span>
        {isFetchingNextPage && (
          <span className="flex items-center gap-2" role="status">
            <Loader2 className="size-3.5 animate-spin" aria-hidden />
            {t('contacts.loadingMore')}
          </span>
        )}
      </div>
    </div>
  )
}
