import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { FormError } from '@/components/form/form-error'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import type { PbxNode } from '@/lib/api/client'
import { isApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { useDeletePbxNode } from '../api/delete-pbx-node'
import { amiAddress } from '../lib/node-display'

export function DeletePbxNodeDialog({ node, onOpenChange }: { node: PbxNode | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const deleteNode = useDeletePbxNode()

  const error = deleteNode.error
  const errorText = error
    ? isApiError(error, 'conflict')
      ? t('pbxNodes.delete.conflict', { name: node?.name ?? '' })
      : errorMessage(t, error)
    : undefined

  const confirm = async () => {
    if (!node) return
    try {
      await deleteNode.mutateAsync(node.id)
      toast.success(t('pbxNodes.delete.success', { name: node.name }))
      onOpenChange(false)
    } catch {
      // Shown in the dialog from deleteNode.error.
    }
  }

  return (
    <AlertDialog
      open={node !== null}
      onOpenChange={(open) => {
        if (!open) deleteNode.reset()
        onOpenChange(open)
      }}
    >
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{t('pbxNodes.delete.title')}</AlertDialogTitle>
          <AlertDialogDescription>
            {node ? t('pbxNodes.delete.description', { name: node.name, address: amiAddress(node.amiHost, node.amiPort) }) : null}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={errorText} />
        <AlertDialogFooter>
          <AlertDialogCancel>{t('common.cancel')}</AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} loading={deleteNode.isPending}>
            {t('pbxNodes.delete.confirm')}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
