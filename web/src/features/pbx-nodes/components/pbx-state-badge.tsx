import { CircleSlash, KeyRound, Loader2, Unplug } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { PbxNodeState } from '@/lib/api/client'
import { cn } from '@/lib/utils'

const VARIANT = {
  connected: 'success',
  connecting: 'warning',
  disconnected: 'destructive',
  auth_failed: 'destructive',
  disabled: 'muted',
} as const satisfies Record<PbxNodeState, string>

/** Live AMI link state: Conectado / Conectando / Desconectado / Credenciais recusadas / Desativado. */
export function PbxStateBadge({ state, className }: { state: PbxNodeState; className?: string }) {
  const { t } = useTranslation()
  return (
    <Badge variant={VARIANT[state] ?? 'muted'} className={cn('gap-1.5', className)} data-state={state}>
      {state === 'connected' && (
        <span aria-hidden className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-50" />
          <span className="relative inline-flex size-2 rounded-full bg-success" />
        </span>
      )}
      {state === 'connecting' && <Loader2 aria-hidden className="animate-spin" />}
      {state === 'disconnected' && <Unplug aria-hidden />}
      {state === 'auth_failed' && <KeyRound aria-hidden />}
      {state === 'disabled' && <CircleSlash aria-hidden />}
      {t(`pbxNodes.states.${state}`)}
    </Badge>
  )
}
