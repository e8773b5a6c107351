import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { ContactList } from '@/lib/api/client'
import { useUpdateContactList } from '../api/update-contact-list'
import { listChanges, valuesFromList, type ListFormValues } from '../lib/list-form'
import { ContactListForm } from './contact-list-form'

export function EditContactListDialog({ list, onOpenChange }: { list: ContactList | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const updateList = useUpdateContactList()

  const onSubmit = async (values: ListFormValues) => {
    if (!list) return
    const body = listChanges(list, values)
    if (Object.keys(body).length > 0) {
      const updated = await updateList.mutateAsync({ id: list.id, body })
      toast.success(t('contactLists.edit.success', { name: updated.name }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={list !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('contactLists.edit.title')}</DialogTitle>
          <DialogDescription>{list ? t('contactLists.edit.description', { name: list.name }) : null}</DialogDescription>
        </DialogHeader>
        {list && <ContactListForm key={list.id} defaultValues={valuesFromList(list)} submitLabel={t('common.saveChanges')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
