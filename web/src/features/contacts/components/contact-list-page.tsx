import { useCallback, useMemo, useState } from 'react'
import { ArrowLeft, BookX, Download, FileDown, MoreHorizontal, Pencil, Trash2, UserPlus, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { Skeleton } from '@/components/ui/skeleton'
import { paths } from '@/config/paths'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { Contact, ContactList } from '@/lib/api/client'
import { contactsExportUrl, contactTemplateUrl } from '@/lib/api/downloads'
import { isApiError } from '@/lib/api/errors'
import { formatDateTime, formatNumber } from '@/lib/format'
import { useContactList } from '../api/get-contact-list'
import { useContacts } from '../api/get-contacts'
import { contactsQueryParams, EMPTY_TOOLBAR, hasActiveFilters, type ContactFilters, type ContactSort, type ToolbarState } from '../lib/contact-query'
import { usedCustomFields } from '../lib/list-form'
import { ContactDialog } from './contact-dialog'
import { ContactsTable } from './contacts-table'
import { ContactsToolbar } from './contacts-toolbar'
import { DeleteContactListDialog } from './delete-contact-list-dialog'
import { DeleteContactsDialog } from './delete-contacts-dialog'
import { EditContactListDialog } from './edit-contact-list-dialog'

/** The search box is debounced so that typing does not send a request per key. */
const SEARCH_DEBOUNCE_MS = 250

interface ContactListPageProps {
  listId: number
  /** The "Importar CSV" button, from the imports feature (composed by the route). */
  importAction: (list: ContactList) => React.ReactNode
  /** Shown under the table, e.g. the list's recent imports. */
  children?: React.ReactNode
}

function NotFound() {
  const { t } = useTranslation()
  return (
    <Card className="items-center gap-3 px-6 py-14 text-center">
      <BookX className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-lg font-semibold">{t('contacts.notFound.title')}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{t('contacts.notFound.description')}</p>
      <Button asChild variant="outline">
        <Link to={paths.contacts}>{t('contacts.notFound.back')}</Link>
      </Button>
    </Card>
  )
}

function BackLink() {
  const { t } = useTranslation()
  return (
    <Link to={paths.contacts} className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden />
      {t('contacts.back')}
    </Link>
  )
}

/** A contact list's page: header and actions, search and filters, the virtualized contacts table. */
export function ContactListPage({ listId, importAction, children }: ContactListPageProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const listQuery = useContactList(listId)
  const [editingList, setEditingList] = useState<ContactList | null>(null)
  const [adding, setAdding] = useState(false)
  const [deletingList, setDeletingList] = useState<ContactList | null>(null)

  if (listQuery.isPending)
    return (
      <div className="space-y-6" role="status" aria-label={t('common.loading')}>
        <BackLink />
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-4 w-96" />
        <Skeleton className="h-96 w-full" />
      </div>
    )
  if (listQuery.isError)
    return isApiError(listQuery.error, 'not_found') ? (
      <NotFound />
    ) : (
      <Card className="py-0">
        <QueryError error={listQuery.error} onRetry={() => void listQuery.refetch()} />
      </Card>
    )

  const list = listQuery.data
  const used = usedCustomFields(list)
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <BackLink />
        <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
          <div className="min-w-0 space-y-1.5">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{list.name}</h1>
            {list.description && <p className="max-w-2xl text-sm text-muted-foreground">{list.description}</p>}
            <div className="flex flex-wrap items-center gap-2 pt-1 text-xs text-muted-foreground">
              <Badge variant="secondary" className="tabular-nums" data-testid="list-contact-count">
                {t('contactLists.contactCount', { count: list.contactCount, formatted: formatNumber(list.contactCount) })}
              </Badge>
              <span>{t('contacts.updatedAt', { date: formatDateTime(list.updatedAt) })}</span>
              {used.map((f) => (
                <Badge key={f.index} variant="outline" className="font-normal text-muted-foreground">
                  {f.label}
                </Badge>
              ))}
            </div>
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            {importAction(list)}
            <Button variant="outline" onClick={() => setAdding(true)}>
              <UserPlus aria-hidden />
              {t('contacts.actions.add')}
            </Button>
            <ContactsActions list={list} onEditList={() => setEditingList(list)} onDeleteList={() => setDeletingList(list)} />
          </div>
        </div>
      </div>
      <ContactsPanel list={list} importAction={importAction} adding={adding} onAddingChange={setAdding} />
      {children}
      <EditContactListDialog list={editingList} onOpenChange={(o) => !o && setEditingList(null)} />
      <DeleteContactListDialog
        list={deletingList}
        onOpenChange={(o) => !o && setDeletingList(null)}
        onDeleted={() => void navigate(paths.contacts, { replace: true })}
      />
    </div>
  )
}

/** Export, template, edit and delete of the list. */
function ContactsActions({ list, onEditList, onDeleteList }: { list: ContactList; onEditList: () => void; onDeleteList: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <Button asChild variant="outline">
        <a href={contactsExportUrl(list.id)} download>
          <FileDown aria-hidden />
          {t('contacts.actions.export')}
        </a>
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label={t('contacts.actions.more')}>
            <MoreHorizontal />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-52">
          <DropdownMenuItem asChild>
            <a href={contactTemplateUrl} download>
              <Download />
              {t('contacts.actions.template')}
            </a>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={onEditList}>
            <Pencil />
            {t('contacts.actions.editList')}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={onDeleteList}>
            <Trash2 />
            {t('contacts.actions.deleteList')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  )
}

interface ContactsPanelProps {
  list: ContactList
  importAction: (list: ContactList) => React.ReactNode
  /** The "Novo contato" dialog is open (its button is in the page header). */
  adding: boolean
  onAddingChange: (adding: boolean) => void
}

function ContactsPanel({ list, importAction, adding, onAddingChange }: ContactsPanelProps) {
  const { t } = useTranslation()
  const [toolbar, setToolbar] = useState<ToolbarState>(EMPTY_TOOLBAR)
  const [sort, setSort] = useState<ContactSort>('id')
  const q = useDebouncedValue(toolbar.search, SEARCH_DEBOUNCE_MS)
  const value = useDebouncedValue(toolbar.value, SEARCH_DEBOUNCE_MS)
  const filters = useMemo<ContactFilters>(
    () => ({ q, type: toolbar.type, dnc: toolbar.dnc, field: toolbar.field, value, sort }),
    [q, toolbar.type, toolbar.dnc, toolbar.field, value, sort],
  )
  const query = useContacts(list.id, filters)
  const contacts = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  // The selection belongs to one search: another search, filter or sort starts with none.
  const selectionKey = JSON.stringify(contactsQueryParams(filters))
  const [selection, setSelection] = useState<{ key: string; ids: Record<string, true> }>({ key: '', ids: {} })
  const rowSelection = selection.key === selectionKey ? selection.ids : {}
  const selectedIds = contacts.filter((c) => rowSelection[String(c.id)]).map((c) => c.id)
  const clearSelection = () => setSelection({ key: selectionKey, ids: {} })

  const [editingContact, setEditing] = useState<Contact | null>(null)
  const editing: Contact | 'new' | null = adding ? 'new' : editingContact
  const [deleting, setDeleting] = useState<{ ids: number[]; name?: string } | null>(null)
  const { fetchNextPage: fetchNext } = query
  const fetchNextPage = useCallback(() => void fetchNext({ cancelRefetch: false }), [fetchNext])

  const filtered = hasActiveFilters(filters)
  const loaded = contacts.length
  const footer = !filtered && loaded === 0 ? '' : filtered
    ? query.hasNextPage
      ? t('contacts.count.foundMore', { formatted: formatNumber(loaded) })
      : t('contacts.count.found', { count: loaded, formatted: formatNumber(loaded) })
    : t('contacts.count.loaded', { loaded: formatNumber(loaded), total: formatNumber(Math.max(loaded, list.contactCount)) })

  const empty =
    filtered || query.isPlaceholderData ? (
      t('contacts.emptySearch')
    ) : (
      <div className="flex flex-col items-center gap-3 whitespace-normal">
        <p className="font-medium text-foreground">{t('contacts.empty.title')}</p>
        <p className="max-w-sm text-sm">{t('contacts.empty.description')}</p>
        <div className="flex gap-2">
          {importAction(list)}
          <Button variant="outline" onClick={() => onAddingChange(true)}>
            <UserPlus aria-hidden />
            {t('contacts.actions.add')}
          </Button>
        </div>
      </div>
    )

  return (
    <div className="space-y-4">
      <ContactsToolbar list={list} state={toolbar} onChange={setToolbar} />
      <Card className="gap-0 overflow-hidden py-0">
        {selectedIds.length > 0 && (
          <div className="flex flex-wrap items-center gap-3 border-b bg-primary/10 px-4 py-2 text-sm" role="region" aria-label={t('contacts.selection.delete')}>
            <span className="font-medium tabular-nums">
              {t('contacts.selection.count', { count: selectedIds.length, formatted: formatNumber(selectedIds.length) })}
            </span>
            <Button variant="ghost" size="sm" onClick={clearSelection}>
              <X aria-hidden />
              {t('contacts.selection.clear')}
            </Button>
            <Button variant="destructive" size="sm" className="ml-auto" onClick={() => setDeleting({ ids: selectedIds })}>
              <Trash2 aria-hidden />
              {t('contacts.selection.delete')}
            </Button>
          </div>
        )}
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <ContactsTable
            list={list}
            contacts={contacts}
            isLoading={query.isPending}
            isRefreshing={query.isPlaceholderData}
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            fetchNextPage={fetchNextPage}
            sort={sort}
            onSortChange={setSort}
            scrollKey={selectionKey}
            rowSelection={rowSelection}
            onRowSelectionChange={(ids) => setSelection({ key: selectionKey, ids })}
            onEdit={setEditing}
            onDelete={setDeleting}
            empty={empty}
            footer={footer}
          />
        )}
      </Card>
      <ContactDialog
        list={list}
        contact={editing}
        onOpenChange={(o) => {
          if (o) return
          setEditing(null)
          onAddingChange(false)
        }}
      />
      <DeleteContactsDialog
        listId={list.id}
        target={deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        onDeleted={clearSelection}
      />
    </div>
  )
}
