import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Contact, ContactList } from '@/lib/api/client'
import { formatPhone } from '@/lib/phone'
import { useCreateContact } from '../api/create-contact'
import { useUpdateContact } from '../api/update-contact'
import { contactChanges, createContactBody, EMPTY_CONTACT, valuesFromContact, type ContactFormValues } from '../lib/contact-form'
import { ContactForm } from './contact-form'

interface ContactDialogProps {
  list: ContactList
  /** `'new'` to add one, a contact to edit it, null when closed. */
  contact: Contact | 'new' | null
  onOpenChange: (open: boolean) => void
}

/** Adds a contact to the list or edits one; phones are validated by the server as in an import. */
export function ContactDialog({ list, contact, onOpenChange }: ContactDialogProps) {
  const { t } = useTranslation()
  const createContact = useCreateContact()
  const updateContact = useUpdateContact()
  const editing = contact !== null && contact !== 'new' ? contact : null

  const onSubmit = async (values: ContactFormValues) => {
    if (editing) {
      const body = contactChanges(editing, values)
      if (Object.keys(body).length > 0) {
        await updateContact.mutateAsync({ id: editing.id, body })
        toast.success(t('contacts.edit.success'))
      }
    } else {
      await createContact.mutateAsync({ listId: list.id, body: createContactBody(values) })
      toast.success(t('contacts.create.success'))
    }
    onOpenChange(false)
  }

  const who = editing ? editing.name || formatPhone(editing.phones[0]?.e164) : ''
  return (
    <Dialog open={contact !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{editing ? t('contacts.edit.title') : t('contacts.create.title')}</DialogTitle>
          <DialogDescription>
            {editing ? t('contacts.edit.description', { name: who }) : t('contacts.create.description', { list: list.name })}
          </DialogDescription>
        </DialogHeader>
        {contact !== null && (
          <ContactForm
            key={editing?.id ?? 'new'}
            defaultValues={editing ? valuesFromContact(editing) : EMPTY_CONTACT}
            customLabels={list.customLabels}
            submitLabel={editing ? t('common.saveChanges') : t('contacts.create.submit')}
            onSubmit={onSubmit}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}
