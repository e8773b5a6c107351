import { useId, useState } from 'react'
import { Check, Copy, FolderOpen, Globe, RefreshCw, Server, ServerOff, Unlink } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { FormError } from '@/components/form/form-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Separator } from '@/components/ui/separator'
import { paths } from '@/config/paths'
import type { Audio, AudioDelivery } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { formatDateTime } from '@/lib/format'
import { cn } from '@/lib/utils'
import { useDeliverAudio } from '../api/deliver-audio'
import { useAudio } from '../api/get-audio'
import { useRevokeAudioUrl } from '../api/revoke-audio-url'
import { summarizeDelivery } from '../lib/delivery'
import { NodeDeliveryBadge } from './delivery-badge'

const MODE_ICONS = { directory: FolderOpen, http: Globe } as const

const sectionTitle = 'text-xs font-semibold tracking-wider text-muted-foreground uppercase'

function NodeDelivery({ delivery: d }: { delivery: AudioDelivery }) {
  const { t } = useTranslation()
  const ModeIcon = MODE_ICONS[d.mode]
  return (
    <li aria-label={d.nodeName} data-testid="delivery-node" data-state={d.state} className="grid gap-1.5 rounded-lg border bg-muted/20 px-3 py-2.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <Server className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <span className="truncate font-medium" title={d.nodeName}>
            {d.nodeName}
          </span>
          <Badge variant="outline" className="text-muted-foreground">
            <ModeIcon aria-hidden />
            {t(`audio.delivery.modes.${d.mode}`)}
          </Badge>
        </div>
        <NodeDeliveryBadge delivery={d} />
      </div>
      {(d.location || d.updatedAt) && (
        <div className="flex min-w-0 flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
          {d.location && (
            <p className="min-w-0 flex-1 truncate font-mono" title={d.location} data-testid="delivery-location">
              <span className="sr-only">{t(`audio.delivery.location.${d.mode}`)}: </span>
              {d.location}
            </p>
          )}
          {d.updatedAt && <p className="whitespace-nowrap">{t('audio.delivery.updatedAt', { date: formatDateTime(d.updatedAt) })}</p>}
        </div>
      )}
      {d.error && (
        <p className={cn('text-xs', d.state === 'failed' ? 'text-destructive' : 'text-warning')} data-testid="delivery-error">
          {d.error}
        </p>
      )}
    </li>
  )
}

function DeliverySection({ audio }: { audio: Audio }) {
  const { t } = useTranslation()
  const uid = useId()
  const deliver = useDeliverAudio()

  const retry = async () => {
    try {
      const updated = await deliver.mutateAsync(audio.id)
      const summary = summarizeDelivery(updated.delivery)
      if (summary.state === 'delivered') toast.success(t('audio.delivery.retried.delivered', { count: summary.total, name: updated.name }))
      else if (summary.state === 'failed') toast.error(t('audio.delivery.retried.failed', { count: summary.failed }))
      else if (summary.state === 'pending') toast.info(t('audio.delivery.retried.pending', { name: updated.name }))
      else toast.info(t('audio.delivery.retried.none'))
    } catch (error) {
      toast.error(errorMessage(t, error))
    }
  }

  return (
    <section className="grid gap-3" aria-labelledby={`${uid}-nodes`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${uid}-nodes`} className={sectionTitle}>
          {t('audio.delivery.nodes')}
        </h3>
        <Button type="button" variant="secondary" size="sm" onClick={retry} loading={deliver.isPending}>
          {!deliver.isPending && <RefreshCw aria-hidden />}
          {t('audio.delivery.retry')}
        </Button>
      </div>
      {audio.delivery.length === 0 ? (
        <div className="flex flex-col items-start gap-2 rounded-lg border border-dashed bg-muted/20 px-3 py-3 text-sm text-muted-foreground">
          <p className="flex items-start gap-2">
            <ServerOff className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t('audio.delivery.empty')}
          </p>
          <Button asChild variant="link" size="sm" className="h-auto px-0">
            <Link to={paths.servers}>{t('audio.delivery.goToServers')}</Link>
          </Button>
        </div>
      ) : (
        <ul className="grid gap-2" aria-label={t('audio.delivery.nodesLabel', { name: audio.name })}>
          {audio.delivery.map((d) => (
            <NodeDelivery key={d.nodeId} delivery={d} />
          ))}
        </ul>
      )}
    </section>
  )
}

function MediaUrlSection({ audio }: { audio: Audio }) {
  const { t } = useTranslation()
  const uid = useId()
  const revoke = useRevokeAudioUrl()
  const [confirming, setConfirming] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  const url = audio.mediaUrl

  const copy = async () => {
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
      setCopied(url)
      setTimeout(() => setCopied((c) => (c === url ? null : c)), 2000)
    } catch {
      const input = document.getElementById(`${uid}-url`) as HTMLInputElement | null
      input?.select()
      toast.error(t('tokens.created.copyFailed'))
    }
  }

  const generate = async () => {
    try {
      const updated = await revoke.mutateAsync(audio.id)
      revoke.reset()
      toast.success(t('audio.mediaUrl.generated', { name: updated.name }))
    } catch (error) {
      toast.error(errorMessage(t, error))
    }
  }

  return (
    <section className="grid gap-2" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`} className={sectionTitle}>
        {t('audio.mediaUrl.title')}
      </h3>
      <p id={`${uid}-hint`} className="text-xs text-muted-foreground">
        {t('audio.mediaUrl.hint')}
      </p>
      {url ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={`${uid}-url`}
            readOnly
            value={url}
            title={url}
            aria-label={t('audio.mediaUrl.label', { name: audio.name })}
            aria-describedby={`${uid}-hint`}
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
            data-testid="media-url"
          />
          <div className="flex shrink-0 gap-2">
            <Button type="button" variant="secondary" onClick={copy} className="flex-1 sm:flex-none">
              {copied === url ? <Check aria-hidden /> : <Copy aria-hidden />}
              {copied === url ? t('common.copied') : t('common.copy')}
            </Button>
            <Button
              type="button"
              variant="outline"
              className="flex-1 border-destructive/40 text-destructive hover:bg-destructive/10 hover:text-destructive sm:flex-none"
              onClick={() => setConfirming(true)}
            >
              <Unlink aria-hidden />
              {t('audio.mediaUrl.revoke')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-dashed bg-muted/20 px-3 py-2 text-sm text-muted-foreground">
          <p className="min-w-0 flex-1">{t('audio.mediaUrl.none')}</p>
          <Button type="button" variant="secondary" size="sm" onClick={generate} loading={revoke.isPending}>
            {t('audio.mediaUrl.generate')}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        onDismiss={() => revoke.reset()}
        title={t('audio.mediaUrl.revokeTitle')}
        description={t('audio.mediaUrl.revokeDescription', { name: audio.name })}
        confirmLabel={t('audio.mediaUrl.revoke')}
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(t, revoke.error) : undefined}
        onConfirm={async () => {
          const updated = await revoke.mutateAsync(audio.id)
          revoke.reset()
          toast.success(t('audio.mediaUrl.revoked', { name: updated.name }))
        }}
      />
    </section>
  )
}

function AudioDeliveryView({ shown }: { shown: Audio }) {
  const { t } = useTranslation()
  const query = useAudio(shown.id, shown)
  const audio = query.data ?? shown
  return (
    <div className="grid min-w-0 gap-5">
      {query.isError && <FormError message={errorMessage(t, query.error)} />}
      <DeliverySection audio={audio} />
      <Separator />
      <MediaUrlSection audio={audio} />
    </div>
  )
}

/**
 * "Entrega aos servidores": where the audio stands on each enabled PBX node (directory written
 * to or URL fetched, and why it failed), "Entregar de novo", and the public media URL with copy
 * and revoke. Refreshed by the change feed while open.
 */
export function AudioDeliveryDialog({ audio, onOpenChange }: { audio: Audio | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  return (
    <Dialog open={audio !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('audio.delivery.title')}</DialogTitle>
          <DialogDescription>{audio ? t('audio.delivery.description', { name: audio.name }) : null}</DialogDescription>
        </DialogHeader>
        {audio && <AudioDeliveryView key={audio.id} shown={audio} />}
      </DialogContent>
    </Dialog>
  )
}
