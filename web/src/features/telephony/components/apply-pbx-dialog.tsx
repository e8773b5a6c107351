import { FileCog, FolderX, Server, ServerOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { toast } from 'sonner'
import { FormError } from '@/components/form/form-error'
import { QueryError } from '@/components/query-error'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Label } from '@/components/ui/label'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { paths } from '@/config/paths'
import type { PbxConfigNode } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { useApplyPbxConfig } from '../api/apply-pbx-config'
import { useNodeConfigDirs } from '../api/get-node-config-dirs'
import { usePbxConfig } from '../api/get-pbx-config'
import { usePbxSettings } from '../api/get-pbx-settings'
import { useUpdatePbxSettings } from '../api/update-pbx-settings'
import { applyOk, nodeFailed } from '../lib/apply'
import { ApplyResult } from './apply-result'
import { ConfigFileDiff } from './config-diff'
import { LastApplyLine } from './last-apply'

function AutoApply() {
  const { t } = useTranslation()
  const settings = usePbxSettings()
  const update = useUpdatePbxSettings()
  const on = settings.data?.autoApply ?? true
  const toggle = async (next: boolean) => {
    try {
      await update.mutateAsync({ autoApply: next })
      toast.success(t(next ? 'telephony.apply.auto.on' : 'telephony.apply.auto.off'))
    } catch (error) {
      toast.error(errorMessage(t, error))
    }
  }
  return (
    <div className="grid gap-2 rounded-lg border bg-muted/30 px-4 py-3">
      <div className="flex items-start justify-between gap-4">
        <div className="grid gap-1">
          <Label htmlFor="pbx-auto-apply">{t('telephony.apply.auto.label')}</Label>
          <p id="pbx-auto-apply-hint" className="text-[0.8rem] text-muted-foreground">
            {on ? t('telephony.apply.auto.hintOn') : t('telephony.apply.auto.hintOff')}
          </p>
        </div>
        <Switch
          id="pbx-auto-apply"
          checked={on}
          disabled={!settings.isSuccess || update.isPending}
          onCheckedChange={(v) => void toggle(v)}
          aria-describedby="pbx-auto-apply-hint"
        />
      </div>
      <LastApplyLine />
    </div>
  )
}

function NodePreview({ node, noConfigDir }: { node: PbxConfigNode; noConfigDir: boolean }) {
  const { t } = useTranslation()
  const changed = node.files.filter((f) => f.changed).length
  return (
    <section className="grid gap-2" aria-label={node.nodeName} data-testid="config-node" data-skipped={noConfigDir || undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="flex min-w-0 items-center gap-2 font-medium">
          <Server className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <span className="truncate">{node.nodeName}</span>
        </h4>
        {node.error ? null : noConfigDir ? (
          <Badge variant="muted">{t('telephony.apply.preview.noConfigDirBadge')}</Badge>
        ) : changed > 0 ? (
          <Badge variant="warning">{t('telephony.apply.preview.changedFiles', { count: changed })}</Badge>
        ) : (
          <Badge variant="muted">{t('telephony.apply.preview.noChanges')}</Badge>
        )}
      </div>
      {node.error && <FormError message={`${t('telephony.apply.preview.error')} ${node.error}`} />}
      {noConfigDir && (
        <Alert>
          <FolderX aria-hidden />
          <AlertDescription>
            <p className="text-muted-foreground">{t('telephony.apply.preview.noConfigDir')}</p>
            <Button asChild variant="link" size="sm" className="h-auto px-0">
              <Link to={paths.servers}>{t('telephony.noNodes.action')}</Link>
            </Button>
          </AlertDescription>
        </Alert>
      )}
      {node.files.length > 0 && (
        <ul className="grid gap-1.5" aria-label={t('telephony.apply.preview.filesOf', { node: node.nodeName })}>
          {node.files.map((f) => (
            <ConfigFileDiff key={f.name} file={f} folded={noConfigDir} />
          ))}
        </ul>
      )}
    </section>
  )
}

function Preview() {
  const { t } = useTranslation()
  const config = usePbxConfig()
  const dirs = useNodeConfigDirs()
  const noConfigDir = (nodeId: number) => dirs.data?.get(nodeId) === null
  if (config.isPending)
    return (
      <div role="status" aria-label={t('telephony.apply.preview.loading')} className="grid gap-2">
        <Skeleton className="h-5 w-40" />
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    )
  if (config.isError) return <QueryError error={config.error} onRetry={() => void config.refetch()} />
  if (config.data.nodes.length === 0)
    return (
      <Alert variant="warning">
        <ServerOff aria-hidden />
        <AlertDescription>
          <p>{t('telephony.apply.noNodes')}</p>
          <Button asChild variant="link" size="sm" className="h-auto px-0 text-warning">
            <Link to={paths.servers}>{t('telephony.noNodes.action')}</Link>
          </Button>
        </AlertDescription>
      </Alert>
    )
  return (
    <div className="grid gap-5">
      {/* The nodes that get the files first; those without a configuration directory after. */}
      {[...config.data.nodes]
        .sort((a, b) => Number(noConfigDir(a.nodeId)) - Number(noConfigDir(b.nodeId)))
        .map((n) => (
          <NodePreview key={n.nodeId} node={n} noConfigDir={noConfigDir(n.nodeId)} />
        ))}
    </div>
  )
}

/**
 * "Aplicar no Asterisk": the automatic apply switch and the last outcome; per node the four
 * files with their diff against its disk; "Aplicar" and then the result per node.
 */
export function ApplyPbxDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const apply = useApplyPbxConfig()
  const config = usePbxConfig({ enabled: open })
  const noNodes = config.isSuccess && config.data.nodes.length === 0

  const run = async () => {
    try {
      const result = await apply.mutateAsync()
      const failed = result.nodes.filter(nodeFailed)
      if (applyOk(result.nodes)) {
        const applied = result.nodes.filter((n) => n.ok).length
        if (applied > 0) toast.success(t('telephony.apply.success', { count: applied }))
      } else {
        toast.error(t('telephony.apply.failed', { count: failed.length, nodes: failed.map((n) => n.nodeName).join(', ') }))
      }
    } catch {
      // Shown in the dialog through apply.error.
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) apply.reset()
        onOpenChange(next)
      }}
    >
      <DialogContent className="sm:max-w-4xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <FileCog className="size-5 text-primary" aria-hidden />
            {t('telephony.apply.title')}
          </DialogTitle>
          <DialogDescription>{t('telephony.apply.description')}</DialogDescription>
        </DialogHeader>
        <AutoApply />
        {apply.data && <ApplyResult nodes={apply.data.nodes} />}
        <section className="grid gap-3" aria-labelledby="apply-preview-title">
          <h3 id="apply-preview-title" className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
            {t('telephony.apply.preview.title')}
          </h3>
          {open && <Preview />}
        </section>
        <FormError message={apply.error ? errorMessage(t, apply.error) : undefined} />
        <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 border-t bg-popover px-6 py-4">
          <DialogClose asChild>
            <Button type="button" variant="outline">
              {t('common.close')}
            </Button>
          </DialogClose>
          <Button onClick={run} loading={apply.isPending} disabled={noNodes}>
            {!apply.isPending && <FileCog aria-hidden />}
            {apply.data ? t('telephony.apply.reapply') : t('telephony.apply.submit')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
