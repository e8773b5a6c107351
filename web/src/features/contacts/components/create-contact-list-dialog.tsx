import { useState } from 'react'
import { Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { contactListPath } from '@/config/paths'
import { useCreateContactList } from '../api/create-contact-list'
import { createListBody, EMPTY_LIST, type ListFormValues } from '../lib/list-form'
import { ContactListForm } from './contact-list-form'

/** "Nova lista": creates the list and opens it, ready for an import. */
export function CreateContactListDialog({ trigger }: { trigger?: React.ReactElement }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const createList = useCreateContactList()
  const navigate = useNavigate()

  const onSubmit = async (values: ListFormValues) => {
    const list = await createList.mutateAsync(createListBody(values))
    setOpen(false)
    toast.success(t('contactLists.create.success', { name: list.name }))
    void navigate(contactListPath(list.id))
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden />
            {t('contactLists.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('contactLists.create.title')}</DialogTitle>
          <DialogDescription>{t('contactLists.create.description')}</DialogDescription>
        </DialogHeader>
        {open && <ContactListForm defaultValues={EMPTY_LIST} submitLabel={t('contactLists.create.submit')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
