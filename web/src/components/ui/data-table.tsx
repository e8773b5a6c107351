import * as React from 'react'
import { useTable, type ColumnDef, type RowData } from '@tanstack/react-table'
import { cn } from '@/lib/utils'
import { dataTableFeatures, type DataTableFeatures } from './data-table-columns'
import { Skeleton } from './skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table'

interface DataTableProps<TData extends RowData> {
  columns: ColumnDef<DataTableFeatures, TData, any>[]
  data: TData[]
  getRowId: (row: TData) => string
  isLoading?: boolean
  empty?: React.ReactNode
  /** Extra Tailwind classes per column id (th and td). */
  columnClassName?: Record<string, string>
  /** Optional full-width row rendered under a row (e.g. expanded details). */
  renderSubRow?: (row: TData) => React.ReactNode
  rowProps?: (row: TData) => React.ComponentProps<'tr'>
  'aria-label'?: string
}

export function DataTable<TData extends RowData>({
  columns,
  data,
  getRowId,
  isLoading,
  empty,
  columnClassName = {},
  renderSubRow,
  rowProps,
  'aria-label': ariaLabel,
}: DataTableProps<TData>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
  })
  const columnCount = columns.length

  return (
    <Table aria-label={ariaLabel} aria-busy={isLoading || undefined}>
      <TableHeader className="bg-muted/30">
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id} className="hover:bg-transparent">
            {group.headers.map((header) => (
              <TableHead key={header.id} className={columnClassName[header.column.id]}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {isLoading ? (
          Array.from({ length: 5 }, (_, i) => (
            <TableRow key={`skeleton-${i}`} className="hover:bg-transparent">
              {Array.from({ length: columnCount }, (__, j) => (
                <TableCell key={j}>
                  <Skeleton className="h-4 w-full max-w-40" />
                </TableCell>
              ))}
            </TableRow>
          ))
        ) : table.getRowModel().rows.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={columnCount} className="h-32 text-center text-muted-foreground">
              {empty}
            </TableCell>
          </TableRow>
        ) : (
          table.getRowModel().rows.map((row) => {
            const sub = renderSubRow?.(row.original)
            return (
              <React.Fragment key={row.id}>
                <TableRow {...rowProps?.(row.original)}>
                  {row.getAllCells().map((cell) => (
                    <TableCell key={cell.id} className={cn(columnClassName[cell.column.id])}>
                      <table.FlexRender cell={cell} />
                    </TableCell>
                  ))}
                </TableRow>
                {sub ? (
                  <TableRow className="bg-muted/20 hover:bg-muted/20">
                    <TableCell colSpan={columnCount} className="p-0">
                      {sub}
                    </TableCell>
                  </TableRow>
                ) : null}
              </React.Fragment>
            )
          })
        )}
      </TableBody>
    </Table>
  )
}
