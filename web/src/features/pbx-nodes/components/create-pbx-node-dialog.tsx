import * as React from 'react'
import { useState } from 'react'
import { Plus, Server } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { useCreatePbxNode } from '../api/create-pbx-node'
import { createBody, EMPTY_PBX_NODE, type PbxNodeFormValues } from '../lib/form-values'
import { PbxNodeForm } from './pbx-node-form'

/** "Novo servidor" button + dialog. `trigger` replaces the default button (e.g. in the empty state). */
export function CreatePbxNodeDialog({ trigger }: { trigger?: React.ReactElement }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const createNode = useCreatePbxNode()

  const onSubmit = async (v: PbxNodeFormValues) => {
    const node = await createNode.mutateAsync(createBody(v))
    setOpen(false)
    toast.success(t('pbxNodes.create.success', { name: node.name }))
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <Plus aria-hidden />
            {t('pbxNodes.new')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Server className="size-5 text-primary" aria-hidden />
            {t('pbxNodes.create.title')}
          </DialogTitle>
          <DialogDescription>{t('pbxNodes.create.description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open: every opening starts with an empty form. */}
        {open && <PbxNodeForm mode="create" defaultValues={EMPTY_PBX_NODE} submitLabel={t('pbxNodes.create.submit')} onSubmit={onSubmit} />}
      </DialogContent>
    </Dialog>
  )
}
