import { CircleSlash, Loader2, PhoneCall, PhoneIncoming, PlugZap, ServerOff, TriangleAlert, Unplug, Wifi, WifiOff, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { cn } from '@/lib/utils'
import type { LiveSummary } from '../lib/live'

type Variant = 'success' | 'warning' | 'destructive' | 'muted' | 'default'

const LOOK: Record<string, { variant: Variant; Icon: typeof Wifi; pulse?: boolean }> = {
  registered: { variant: 'success', Icon: Wifi, pulse: true },
  reachable: { variant: 'success', Icon: PlugZap },
  inUse: { variant: 'default', Icon: PhoneCall },
  ringing: { variant: 'warning', Icon: PhoneIncoming },
  unregistered: { variant: 'muted', Icon: WifiOff },
  rejected: { variant: 'destructive', Icon: XCircle },
  unreachable: { variant: 'destructive', Icon: Unplug },
  unknown: { variant: 'muted', Icon: Loader2 },
  other: { variant: 'warning', Icon: Loader2 },
  notApplied: { variant: 'warning', Icon: TriangleAlert },
  offline: { variant: 'muted', Icon: Unplug },
  disabled: { variant: 'muted', Icon: CircleSlash },
  noNodes: { variant: 'muted', Icon: ServerOff },
}

/** One live state as a badge ("Registrado", "Rejeitado", "Não aplicado"…). */
export function LiveStateBadge({ state, raw, className }: { state: string; raw?: string; className?: string }) {
  const { t } = useTranslation()
  const look = LOOK[state] ?? LOOK.unknown!
  return (
    <Badge variant={look.variant} className={cn('gap-1.5', className)} data-state={state}>
      {look.pulse ? (
        <span aria-hidden className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-50" />
          <span className="relative inline-flex size-2 rounded-full bg-success" />
        </span>
      ) : (
        <look.Icon aria-hidden />
      )}
      {t(`telephony.live.states.${state}`, { raw })}
    </Badge>
  )
}

/** GET /pbx/live failed (and nothing was read before): say so rather than guess. */
export function LiveUnknown() {
  const { t } = useTranslation()
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="inline-flex rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <Badge variant="muted" className="gap-1.5" data-state="error">
            <TriangleAlert aria-hidden />?
            <span className="sr-only">{t('telephony.live.error')}</span>
          </Badge>
        </span>
      </TooltipTrigger>
      <TooltipContent className="max-w-64">{t('telephony.live.error')}</TooltipContent>
    </Tooltip>
  )
}

/**
 * The live state of an extension or trunk as a badge; the tooltip says what it means and, with
 * several servers, the state on each. While the first answer is awaited, a quiet placeholder.
 */
export function LiveBadge({ summary, pending, failed, label }: { summary: LiveSummary<string>; pending?: boolean; failed?: boolean; label?: string }) {
  const { t } = useTranslation()
  if (failed) return <LiveUnknown />
  if (pending)
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
        <Loader2 className="size-3 animate-spin" aria-hidden />
        <span className="sr-only">{t('telephony.live.loading')}</span>
      </span>
    )
  const raw = summary.nodes.find((n) => n.state === summary.state)?.raw
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} aria-label={label} className="inline-flex rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <LiveStateBadge state={summary.state} raw={raw} />
        </span>
      </TooltipTrigger>
      <TooltipContent className="max-w-72">
        <p>{t(`telephony.live.hints.${summary.state}`, { raw })}</p>
        {summary.nodes.length > 1 && (
          <ul className="mt-1.5 grid gap-0.5 border-t pt-1.5" aria-label={t('telephony.live.perNode')}>
            {summary.nodes.map((n) => (
              <li key={n.nodeId} className="flex justify-between gap-3">
                <span className="truncate font-mono">{n.nodeName}</span>
                <span>{t(`telephony.live.states.${n.state}`, { raw: n.raw })}</span>
              </li>
            ))}
          </ul>
        )}
      </TooltipContent>
    </Tooltip>
  )
}
