import { Download } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import type { ImportResult, JobKind } from '@/lib/api/client'
import { apiFileUrl } from '@/lib/api/downloads'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/utils'

type Tone = 'default' | 'success' | 'warning' | 'destructive' | 'muted'

const TONES: Record<Tone, string> = {
  default: 'text-foreground',
  success: 'text-success',
  warning: 'text-warning',
  destructive: 'text-destructive',
  muted: 'text-muted-foreground',
}

interface StatProps {
  id: keyof Omit<ImportResult, 'rejectedReport'>
  label: string
  value: number
  tone: Tone
  hint?: string
}

function Stat({ id, label, value, tone, hint }: StatProps) {
  return (
    <div className="rounded-lg border bg-muted/20 px-4 py-3" data-testid={`import-stat-${id}`}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn('mt-1 text-2xl font-semibold tracking-tight tabular-nums', value === 0 ? TONES.muted : TONES[tone])}>
        {formatNumber(value)}
      </dd>
      {hint && <dd className="mt-0.5 text-[0.7rem] leading-snug text-muted-foreground">{hint}</dd>}
    </div>
  )
}

/** The figures of a finished import and the link to its rejected rows. */
export function ImportStats({ kind, result }: { kind: JobKind; result: ImportResult }) {
  const { t } = useTranslation()
  const stats: StatProps[] =
    kind === 'contact-import'
      ? [
          { id: 'rows', label: t('imports.summary.rows'), value: result.rows, tone: 'default' },
          { id: 'imported', label: t('imports.summary.imported'), value: result.imported, tone: 'success' },
          { id: 'updated', label: t('imports.summary.updated'), value: result.updated, tone: 'default' },
          { id: 'duplicates', label: t('imports.summary.duplicates'), value: result.duplicates, tone: 'default' },
          { id: 'invalid', label: t('imports.summary.invalid'), value: result.invalid, tone: 'destructive' },
          { id: 'foreign', label: t('imports.summary.foreign'), value: result.foreign, tone: 'warning' },
          { id: 'dnc', label: t('imports.summary.dnc'), value: result.dnc, tone: 'warning', hint: t('imports.summary.dncHint') },
        ]
      : [
          { id: 'rows', label: t('imports.summary.rows'), value: result.rows, tone: 'default' },
          { id: 'imported', label: t('imports.summary.dncImported'), value: result.imported, tone: 'success' },
          { id: 'duplicates', label: t('imports.summary.dncDuplicates'), value: result.duplicates, tone: 'default' },
          { id: 'invalid', label: t('imports.summary.invalid'), value: result.invalid, tone: 'destructive' },
          { id: 'foreign', label: t('imports.summary.foreign'), value: result.foreign, tone: 'warning' },
        ]
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map((s) => (
          <Stat key={s.id} {...s} />
        ))}
      </dl>
      {result.rejectedReport && (
        <div className="flex flex-col gap-3 rounded-lg border border-destructive/30 bg-destructive/5 p-3 sm:flex-row sm:items-center">
          <p className="flex-1 text-xs text-muted-foreground">{t('imports.summary.rejectedHint')}</p>
          <Button asChild variant="outline" size="sm" className="shrink-0">
            <a href={apiFileUrl(result.rejectedReport)} download>
              <Download aria-hidden />
              {t('imports.summary.rejected')}
            </a>
          </Button>
        </div>
      )}
    </div>
  )
}
