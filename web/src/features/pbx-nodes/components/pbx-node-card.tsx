import { useState } from 'react'
import { AlertTriangle, FolderCog, FolderOpen, Globe, Pencil, PlugZap, Server, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { PbxNode } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { formatDateTime, formatDuration, secondsSince } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useTestPbxNode } from '../api/test-pbx-node'
import { amiAddress, uptimeSeconds } from '../lib/node-display'
import { ChannelsBar } from './channels-bar'
import { PbxStateBadge } from './pbx-state-badge'
import { TestOutcomeView, type TestOutcome } from './test-result'

const ICON_TONE = {
  connected: 'border-success/30 bg-success/10 text-success',
  connecting: 'border-warning/30 bg-warning/10 text-warning',
  disconnected: 'border-destructive/30 bg-destructive/10 text-destructive',
  auth_failed: 'border-destructive/30 bg-destructive/10 text-destructive',
  disabled: 'border-border bg-muted/50 text-muted-foreground',
} as const

function Stat({ label, value, sub, title }: { label: string; value: string; sub?: string | null; title?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-[0.7rem] font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="mt-1 truncate text-sm font-medium tabular-nums" title={title || value}>
        {value}
      </dd>
      {/* The second line is always there so that the cards of a row line up. */}
      <dd className="truncate text-xs text-muted-foreground">{sub || '\u00a0'}</dd>
    </div>
  )
}

interface PbxNodeCardProps {
  node: PbxNode
  /** Current time (ms) for the relative labels; ticks in the parent. */
  now: number
  canManage: boolean
  onEdit: (node: PbxNode) => void
  onDelete: (node: PbxNode) => void
}

export function PbxNodeCard({ node, now, canManage, onEdit, onDelete }: PbxNodeCardProps) {
  const { t } = useTranslation()
  const test = useTestPbxNode()
  const [outcome, setOutcome] = useState<TestOutcome | null>(null)
  const s = node.status
  const connected = s.state === 'connected'
  const titleId = `pbx-node-${node.id}-name`
  const address = amiAddress(node.amiHost, node.amiPort)

  const ago = (seconds: number | null) => (seconds == null ? '—' : t('pbxNodes.card.ago', { duration: formatDuration(seconds) }))
  const uptime = uptimeSeconds(s, now)
  const reloaded = connected ? secondsSince(s.reloadedAt, now) : null
  const since = connected ? secondsSince(s.connectedSince, now) : null

  const runTest = async () => {
    setOutcome({ kind: 'running' })
    try {
      setOutcome({ kind: 'result', result: await test.mutateAsync(node.id) })
    } catch (error) {
      setOutcome({ kind: 'error', message: errorMessage(t, error) })
    }
  }

  return (
    <Card
      role="article"
      aria-labelledby={titleId}
      data-state={s.state}
      className={cn('gap-0 overflow-hidden py-0 transition-colors', s.state === 'disabled' && 'bg-card/60')}
    >
      <div className="flex items-start gap-3 px-5 pt-5 pb-4">
        <div className={cn('flex size-10 shrink-0 items-center justify-center rounded-lg border', ICON_TONE[s.state])}>
          <Server className="size-5" aria-hidden />
        </div>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-base leading-tight font-semibold" title={node.name}>
            {node.name}
          </h2>
          <p className="mt-1 flex min-w-0 flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
            <span className="font-mono break-all" data-testid="ami-address">
              {address}
            </span>
            <span aria-hidden>·</span>
            <span className="break-all">{t('pbxNodes.card.user', { user: node.amiUser })}</span>
          </p>
        </div>
        {since != null && s.connectedSince ? (
          <Tooltip>
            <TooltipTrigger asChild>
              <span tabIndex={0} className="rounded-full focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
                <PbxStateBadge state={s.state} />
              </span>
            </TooltipTrigger>
            <TooltipContent>
              {t('pbxNodes.card.connectedFor')} {ago(since)} · {formatDateTime(s.connectedSince)}
            </TooltipContent>
          </Tooltip>
        ) : (
          <PbxStateBadge state={s.state} />
        )}
      </div>

      <dl className="grid grid-cols-3 gap-4 border-y bg-muted/20 px-5 py-3.5">
        <Stat
          label={t('pbxNodes.card.asterisk')}
          value={s.asteriskVersion ?? '—'}
          sub={s.amiVersion ? t('pbxNodes.card.amiVersion', { version: s.amiVersion }) : null}
        />
        <Stat label={t('pbxNodes.card.started')} value={ago(uptime)} title={connected ? formatDateTime(s.startedAt) : undefined} />
        <Stat label={t('pbxNodes.card.lastReload')} value={ago(reloaded)} title={connected ? formatDateTime(s.reloadedAt) : undefined} />
      </dl>

      <div className="grid flex-1 content-start gap-3 px-5 py-4">
        <ChannelsBar name={node.name} active={connected ? s.activeChannels : null} max={node.maxChannels} />
        {s.lastError && s.state !== 'connected' && s.state !== 'disabled' && (
          <Alert variant={s.state === 'connecting' ? 'warning' : 'destructive'} className="py-2.5">
            <AlertTriangle aria-hidden />
            <AlertDescription>
              <p>
                <span className="font-medium">{t('pbxNodes.card.lastError')}:</span> {s.lastError}
              </p>
            </AlertDescription>
          </Alert>
        )}
        {s.state === 'disabled' && <p className="text-xs text-muted-foreground">{t('pbxNodes.card.disabledHint')}</p>}
        {outcome && <TestOutcomeView outcome={outcome} onDismiss={outcome.kind === 'running' ? undefined : () => setOutcome(null)} />}
      </div>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t px-5 py-3">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
          <span className="flex items-center gap-1.5">
            {node.mediaMode === 'http' ? <Globe className="size-3.5" aria-hidden /> : <FolderOpen className="size-3.5" aria-hidden />}
            <span title={node.soundsDir ?? undefined}>
              {t(`pbxNodes.card.media.${node.mediaMode}`)}
            </span>
          </span>
          {node.configDir && (
            <span className="flex min-w-0 items-center gap-1.5">
              <FolderCog className="size-3.5 shrink-0" aria-hidden />
              <span className="truncate font-mono" title={node.configDir}>
                {node.configDir}
              </span>
            </span>
          )}
        </div>
        {canManage && (
          <div className="flex items-center gap-1">
            <Button
              variant="outline"
              size="sm"
              onClick={runTest}
              loading={test.isPending}
              aria-label={t('pbxNodes.actions.testNode', { name: node.name })}
            >
              {!test.isPending && <PlugZap aria-hidden />}
              {t('pbxNodes.actions.test')}
            </Button>
            <Tooltip>
              <TooltipTrigger asChild>
                <Button variant="ghost" size="icon-sm" aria-label={t('pbxNodes.actions.edit', { name: node.name })} onClick={() => onEdit(node)}>
                  <Pencil />
                </Button>
              </TooltipTrigger>
              <TooltipContent>{t('common.edit')}</TooltipContent>
            </Tooltip>
            <Tooltip>
              <TooltipTrigger asChild>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                  aria-label={t('pbxNodes.actions.delete', { name: node.name })}
                  onClick={() => onDelete(node)}
                >
                  <Trash2 />
                </Button>
              </TooltipTrigger>
              <TooltipContent>{t('common.delete')}</TooltipContent>
            </Tooltip>
          </div>
        )}
      </div>
    </Card>
  )
}
