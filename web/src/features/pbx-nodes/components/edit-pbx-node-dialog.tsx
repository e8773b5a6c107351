import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { PbxNode } from '@/lib/api/client'
import { useUpdatePbxNode } from '../api/update-pbx-node'
import { pbxNodeChanges, valuesFromNode, type PbxNodeFormValues } from '../lib/form-values'
import { PbxNodeForm } from './pbx-node-form'

export function EditPbxNodeDialog({ node, onOpenChange }: { node: PbxNode | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const updateNode = useUpdatePbxNode()

  const onSubmit = async (values: PbxNodeFormValues) => {
    if (!node) return
    const body = pbxNodeChanges(node, values)
    if (Object.keys(body).length > 0) {
      const updated = await updateNode.mutateAsync({ id: node.id, body })
      toast.success(t('pbxNodes.edit.success', { name: updated.name }))
    }
    onOpenChange(false)
  }

  return (
    <Dialog open={node !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('pbxNodes.edit.title')}</DialogTitle>
          <DialogDescription>{node ? t('pbxNodes.edit.description', { name: node.name }) : null}</DialogDescription>
        </DialogHeader>
        {node && (
          <PbxNodeForm
            key={node.id}
            mode="edit"
            node={node}
            defaultValues={valuesFromNode(node)}
            submitLabel={t('common.saveChanges')}
            onSubmit={onSubmit}
          />
        )}
      </DialogContent>
    </Dialog>
  )
}
