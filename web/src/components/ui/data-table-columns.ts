import { createColumnHelper, tableFeatures, type RowData } from '@tanstack/react-table'

/** Shared by every table: data is filtered and paged by the server, so no row-model features. */
export const dataTableFeatures = tableFeatures({})
export type DataTableFeatures = typeof dataTableFeatures

export function dataTableColumns<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>()
}
