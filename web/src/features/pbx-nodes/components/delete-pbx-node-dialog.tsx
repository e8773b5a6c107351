import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
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

  return (
    <ConfirmDialog
      open={node !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteNode.reset()}
      title={t('pbxNodes.delete.title')}
      description={
        node ? t('pbxNodes.delete.description', { name: node.name, address: amiAddress(node.amiHost, node.amiPort) }) : null
      }
      error={errorText}
      confirmLabel={t('pbxNodes.delete.confirm')}
      pending={deleteNode.isPending}
      onConfirm={async () => {
        if (!node) return
        await deleteNode.mutateAsync(node.id)
        toast.success(t('pbxNodes.delete.success', { name: node.name }))
      }}
    />
  )
}
