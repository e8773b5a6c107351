import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Extension } from '@/lib/api/client'
import { useUpdateExtension } from '../api/update-extension'
import { extensionChanges, valuesFromExtension, type ExtensionFormValues } from '../lib/extension-form'
import { ExtensionForm } from './extension-form'

export function EditExtensionDialog({ extension, onOpenChange }: { extension: Extension | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const update = useUpdateExtension()

  const onSubmit = async (values: ExtensionFormValues) => {
    if (!extension) return
    const body = extensionChanges(extension, values)
    if (Object.keys(body).length > 0) {
      const updated = await update.mutateAsync({ id: extension.id, body })
      toast.success(t('telephony.extensions.edit.success', { number: updated.number }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={extension !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('telephony.extensions.edit.title')}</DialogTitle>
          <DialogDescription>{extension ? t('telephony.extensions.edit.description', { number: extension.number }) : null}</DialogDescription>
        </DialogHeader>
        {extension && (
          <ExtensionForm
            key={extension.id}
            mode="edit"
            defaultValues={valuesFromExtension(extension)}
            submitLabel={t('common.saveChanges')}
            onSubmit={onSubmit}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}
