import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { ContactListsList } from '@/features/contacts/components/contact-lists-list'
import { CreateContactListDialog } from '@/features/contacts/components/create-contact-list-dialog'

/** Contatos: every signed-in user manages the contact lists. */
export function ContactListsRoute() {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader title={t('contactLists.title')} description={t('contactLists.description')} actions={<CreateContactListDialog />} />
      <ContactListsList />
    </div>
  )
}

export default ContactListsRoute
