import { useMemo, useState } from 'react'
import { Activity, AlertTriangle, PhoneCall } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '@/components/query-error'
import { Card } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { useNow } from '@/hooks/use-now'
import type { PbxNode } from '@/lib/api/client'
import { usePbxNodes } from '../api/get-pbx-nodes'
import { DeletePbxNodeDialog } from './delete-pbx-node-dialog'
import { EditPbxNodeDialog } from './edit-pbx-node-dialog'
import { PbxNodeCard } from './pbx-node-card'
import { PbxNodesEmpty } from './pbx-nodes-empty'

function Summary({ nodes }: { nodes: PbxNode[] }) {
  const { t } = useTranslation()
  const enabled = nodes.filter((n) => n.enabled)
  const connected = enabled.filter((n) => n.status.state === 'connected')
  const attention = enabled.filter((n) => n.status.state === 'disconnected' || n.status.state === 'auth_failed')
  const active = connected.reduce((sum, n) => sum + (n.status.activeChannels ?? 0), 0)
  const max = enabled.reduce((sum, n) => sum + n.maxChannels, 0)
  const chip = 'flex items-center gap-2 rounded-lg border bg-card px-3 py-1.5 text-sm'
  return (
    <div className="flex flex-wrap gap-2" aria-live="polite">
      <div className={chip}>
        <Activity className="size-4 text-success" aria-hidden />
        <span className="tabular-nums">{t('pbxNodes.summary.connected', { count: connected.length, total: enabled.length })}</span>
      </div>
      <div className={chip}>
        <PhoneCall className="size-4 text-primary" aria-hidden />
        <span className="tabular-nums">{t('pbxNodes.summary.channels', { active, max })}</span>
      </div>
      {attention.length > 0 && (
        <div className={`${chip} border-destructive/40 text-destructive`}>
          <AlertTriangle className="size-4" aria-hidden />
          <span>{t('pbxNodes.summary.attention', { count: attention.length })}</span>
        </div>
      )}
    </div>
  )
}

function LoadingCards() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-hidden>
      {[0, 1].map((i) => (
        <Card key={i} className="gap-4 p-5">
          <div className="flex items-center gap-3">
            <Skeleton className="size-10 rounded-lg" />
            <div className="grid flex-1 gap-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-56" />
            </div>
          </div>
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-2 w-full" />
        </Card>
      ))}
    </div>
  )
}

/** Every PBX node as a card with its live AMI status; admins also get test/edit/delete. */
export function PbxNodesList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const query = usePbxNodes()
  const now = useNow(30_000)
  const [editing, setEditing] = useState<PbxNode | null>(null)
  const [deleting, setDeleting] = useState<PbxNode | null>(null)
  const nodes = useMemo(() => query.data?.items ?? [], [query.data])

  if (query.isPending)
    return (
      <div role="status" aria-label={t('common.loading')}>
        <LoadingCards />
      </div>
    )
  if (query.isError)
    return (
      <Card className="py-0">
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    )
  if (nodes.length === 0) return <PbxNodesEmpty canManage={canManage} />

  return (
    <div className="space-y-4">
      <Summary nodes={nodes} />
      <section aria-label={t('pbxNodes.listLabel')} className="grid gap-4 lg:grid-cols-2">
        {nodes.map((node) => (
          <PbxNodeCard key={node.id} node={node} now={now} canManage={canManage} onEdit={setEditing} onDelete={setDeleting} />
        ))}
      </section>
      {canManage && (
        <>
          <EditPbxNodeDialog node={editing} onOpenChange={(o) => !o && setEditing(null)} />
          <DeletePbxNodeDialog node={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
        </>
      )}
    </div>
  )
}
