import { useParams } from 'react-router'
import { ContactListPage } from '@/features/contacts/components/contact-list-page'
import { ImportDialog } from '@/features/imports/components/import-dialog'
import { RecentImports } from '@/features/imports/components/recent-imports'
import { NotFoundRoute } from '../not-found'

/** /contatos/:id — a list's contacts, with the CSV import wizard and the list's recent imports. */
export function ContactListRoute() {
  const { id } = useParams()
  const listId = Number(id)
  if (!Number.isSafeInteger(listId) || listId < 1) return <NotFoundRoute />
  return (
    // Keyed: another list starts with fresh search, filters and selection.
    <ContactListPage
      key={listId}
      listId={listId}
      importAction={(list) => (
        <ImportDialog target={{ kind: 'contact-import', listId: list.id, customLabels: list.customLabels }} listName={list.name} />
      )}
    >
      <RecentImports filters={{ listId }} />
    </ContactListPage>
  )
}

export default ContactListRoute
