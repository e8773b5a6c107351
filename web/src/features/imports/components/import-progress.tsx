import { AlertCircle, Ban, CheckCircle2, Loader2, UploadCloud, XCircle } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Progress } from '@/components/ui/progress'
import type { Job } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { formatBytes } from '@/lib/format'
import { useCancelJob } from '../api/cancel-job'
import { jobPercent, uploadPercent } from '../lib/job-progress'
import { ImportStats } from './import-stats'
import { JobStatusBadge } from './job-status-badge'

function Percent({ value }: { value: number | null }) {
  return <span className="text-2xl font-semibold tracking-tight tabular-nums">{value === null ? '…' : `${Math.floor(value)}%`}</span>
}

/** Step 3a: the file going up (XMLHttpRequest upload progress). */
export function UploadProgress({ fileName, loaded, total, onCancel }: { fileName: string; loaded: number; total: number; onCancel: () => void }) {
  const { t } = useTranslation()
  const percent = uploadPercent(loaded, total)
  return (
    <div className="grid gap-4 py-2" data-testid="import-upload">
      <div className="flex items-center gap-3">
        <div className="flex size-10 items-center justify-center rounded-lg border border-primary/30 bg-primary/10 text-primary">
          <UploadCloud className="size-5" aria-hidden />
        </div>
        <div className="min-w-0 flex-1">
          <p className="font-medium">{t('imports.progress.uploading')}</p>
          <p className="truncate text-xs text-muted-foreground">{fileName}</p>
        </div>
        <Percent value={percent} />
      </div>
      <Progress value={percent} aria-label={t('imports.progress.uploading')} />
      <div className="flex items-center justify-between gap-4 text-xs text-muted-foreground">
        <span className="tabular-nums">
          {total > 0 ? t('imports.progress.uploadedOf', { loaded: formatBytes(loaded), total: formatBytes(total) }) : formatBytes(loaded)}
        </span>
        <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
          {t('imports.progress.cancelUpload')}
        </Button>
      </div>
    </div>
  )
}

/** Step 3b: the job reading the file on the server, live; with a cancel button. */
export function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation()
  const cancel = useCancelJob()
  const percent = jobPercent(job)
  return (
    <div className="grid gap-4 py-2" data-testid="import-job" aria-live="polite">
      <div className="flex items-center gap-3">
        <div className="flex size-10 items-center justify-center rounded-lg border border-primary/30 bg-primary/10 text-primary">
          <Loader2 className="size-5 animate-spin" aria-hidden />
        </div>
        <div className="min-w-0 flex-1">
          <p className="font-medium">{job.status === 'queued' ? t('imports.progress.queued') : t('imports.progress.running')}</p>
          <p className="truncate text-xs text-muted-foreground">{job.fileName}</p>
        </div>
        <JobStatusBadge status={job.status} />
        <Percent value={percent} />
      </div>
      <Progress value={percent} aria-label={t('imports.progress.running')} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <span className="tabular-nums">
          {job.total
            ? t('imports.progress.processedOf', { processed: formatBytes(job.processed), total: formatBytes(job.total) })
            : t('imports.progress.processed', { processed: formatBytes(job.processed) })}
        </span>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
          loading={cancel.isPending}
          onClick={() => cancel.mutate(job.id)}
        >
          {!cancel.isPending && <Ban aria-hidden />}
          {t('imports.progress.cancel')}
        </Button>
      </div>
      {cancel.error ? <FormError message={`${t('imports.progress.cancelFailed')} ${errorMessage(t, cancel.error)}`} /> : null}
      <p className="rounded-md bg-muted/40 px-3 py-2 text-xs text-muted-foreground">{t('imports.progress.background')}</p>
    </div>
  )
}

/** Step 4: how the import ended, its figures and the rejected rows. */
export function JobSummary({ job }: { job: Job }) {
  const { t } = useTranslation()
  return (
    <div className="grid gap-4" data-testid="import-summary">
      {job.status === 'completed' && (
        <div className="flex items-center gap-3">
          <CheckCircle2 className="size-6 text-success" aria-hidden />
          <h3 className="text-base font-semibold">{t('imports.summary.completed')}</h3>
        </div>
      )}
      {job.status === 'cancelled' && (
        <Alert variant="warning">
          <Ban aria-hidden />
          <AlertTitle>{t('imports.summary.cancelled')}</AlertTitle>
          <AlertDescription>{t('imports.summary.cancelledHint')}</AlertDescription>
        </Alert>
      )}
      {job.status === 'failed' && (
        <Alert variant="destructive">
          <XCircle aria-hidden />
          <AlertTitle>{t('imports.summary.failed')}</AlertTitle>
          <AlertDescription>
            {job.error && <p className="font-medium">{job.error}</p>}
            <p>{t('imports.summary.failedHint')}</p>
          </AlertDescription>
        </Alert>
      )}
      {job.result ? (
        <ImportStats kind={job.kind} result={job.result} />
      ) : (
        job.status === 'completed' && (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <AlertCircle className="size-4" aria-hidden />
            {t('imports.summary.noResult')}
          </p>
        )
      )}
    </div>
  )
}
