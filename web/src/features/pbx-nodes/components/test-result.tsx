import { CircleCheck, CircleX, Info, Loader2, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import type { PbxTestResult } from '@/lib/api/client'

export type TestOutcome =
  | { kind: 'running' }
  | { kind: 'result'; result: PbxTestResult }
  /** The request itself failed (network, rate limit…): already translated. */
  | { kind: 'error'; message: string }
  | { kind: 'info'; message: string }

/** Inline result of "Testar conexão": versions and latency, or the server's Portuguese error. */
export function TestOutcomeView({ outcome, onDismiss }: { outcome: TestOutcome; onDismiss?: () => void }) {
  const { t } = useTranslation()
  const dismiss = onDismiss ? (
    <button
      type="button"
      onClick={onDismiss}
      aria-label={t('pbxNodes.test.dismiss')}
      className="absolute top-2.5 right-2.5 rounded-sm p-0.5 opacity-70 transition-opacity hover:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
    >
      <X className="size-3.5" aria-hidden />
    </button>
  ) : null

  if (outcome.kind === 'running')
    return (
      <div role="status" className="flex items-center gap-2 rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
        <Loader2 className="size-4 animate-spin" aria-hidden />
        {t('pbxNodes.test.running')}
      </div>
    )
  if (outcome.kind === 'info')
    return (
      <Alert variant="info" className="pr-9">
        <Info aria-hidden />
        <AlertDescription>{outcome.message}</AlertDescription>
        {dismiss}
      </Alert>
    )
  if (outcome.kind === 'error' || !outcome.result.ok) {
    const message = outcome.kind === 'error' ? outcome.message : outcome.result.error || t('pbxNodes.test.noDetail')
    return (
      <Alert variant="destructive" className="pr-9" data-testid="pbx-test-result" data-ok="false">
        <CircleX aria-hidden />
        <AlertTitle>{t('pbxNodes.test.failed')}</AlertTitle>
        <AlertDescription>
          <p>{message}</p>
        </AlertDescription>
        {dismiss}
      </Alert>
    )
  }
  const r = outcome.result
  const details = [
    r.asteriskVersion && t('pbxNodes.test.asterisk', { version: r.asteriskVersion }),
    r.amiVersion && t('pbxNodes.test.ami', { version: r.amiVersion }),
    r.latencyMs != null && t('pbxNodes.test.latency', { ms: r.latencyMs }),
  ].filter(Boolean)
  return (
    <Alert variant="success" className="pr-9" data-testid="pbx-test-result" data-ok="true">
      <CircleCheck aria-hidden />
      <AlertTitle>{t('pbxNodes.test.ok')}</AlertTitle>
      {details.length > 0 && (
        <AlertDescription className="text-foreground/80 tabular-nums">{details.join(' · ')}</AlertDescription>
      )}
      {dismiss}
    </Alert>
  )
}
