import type { PhoneType } from '@/lib/api/client'

export type SortColumn = 'name' | 'phone' | 'email'
export type ContactSort = 'id' | SortColumn | `-${SortColumn}`
export const SORT_COLUMNS: readonly SortColumn[] = ['name', 'phone', 'email']

export interface ContactFilters {
  /** Free search: name words, a phone in any format or an e-mail. */
  q: string
  type?: PhoneType
  dnc?: boolean
  /** Custom field 1–5 filtered by `value` (substring). */
  field?: number
  value?: string
  sort: ContactSort
}

export const NO_FILTERS: ContactFilters = { q: '', sort: 'id' }

/** The query of GET /contact-lists/{id}/contacts for these filters: empty and default values left out. */
export function contactsQueryParams(filters: ContactFilters) {
  const q = filters.q.trim()
  const value = filters.value?.trim() ?? ''
  const hasField = filters.field !== undefined && filters.field >= 1 && filters.field <= 5 && value !== ''
  return {
    ...(q ? { q } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.dnc !== undefined ? { dnc: filters.dnc } : {}),
    ...(hasField ? { field: filters.field, value } : {}),
    ...(filters.sort !== 'id' ? { sort: filters.sort } : {}),
  }
}

/** Whether anything narrows the list (the sort does not). */
export function hasActiveFilters(filters: ContactFilters) {
  const { sort: _sort, ...params } = contactsQueryParams(filters)
  return Object.keys(params).length > 0
}

/** TanStack Table's sorting state ↔ the `sort` parameter. No sorting = import order (`id`). */
export function sortToSorting(sort: ContactSort): { id: SortColumn; desc: boolean }[] {
  if (sort === 'id') return []
  const desc = sort.startsWith('-')
  return [{ id: (desc ? sort.slice(1) : sort) as SortColumn, desc }]
}

export function sortingToSort(sorting: readonly { id: string; desc: boolean }[]): ContactSort {
  const first = sorting[0]
  if (!first || !(SORT_COLUMNS as readonly string[]).includes(first.id)) return 'id'
  return (first.desc ? `-${first.id}` : first.id) as ContactSort
}

/** A header click: ascending, then descending, then back to the import order. */
export function nextSort(current: ContactSort, column: SortColumn): ContactSort {
  if (current === column) return `-${column}`
  if (current === `-${column}`) return 'id'
  return column
}

/** What the search box and the filter controls hold (the search text before its debounce). */
export interface ToolbarState {
  search: string
  type?: PhoneType
  dnc?: boolean
  field?: number
  value: string
}

export const EMPTY_TOOLBAR: ToolbarState = { search: '', value: '' }

export type Selection = Record<string, true>

/**
 * A checkbox click on row `index` of `ids` (the loaded rows, in table order). A plain click toggles
 * that row; with Shift, every row from the previous click (`anchor`) to this one takes the new
 * state of the clicked row — as in a file manager.
 */
export function toggleSelection(selection: Selection, ids: readonly string[], index: number, anchor: number | null, shift: boolean): Selection {
  const id = ids[index]
  if (id === undefined) return selection
  const value = !selection[id]
  const next = { ...selection }
  const [from, to] = shift && anchor !== null && anchor < ids.length ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index]
  for (let i = from; i <= to; i++) {
    if (value) next[ids[i]!] = true
    else delete next[ids[i]!]
  }
  return next
}
