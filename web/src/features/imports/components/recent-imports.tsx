import { Download, FileSpreadsheet } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '@/components/query-error'
import { Button } from '@/components/ui/button'
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Progress } from '@/components/ui/progress'
import { Skeleton } from '@/components/ui/skeleton'
import type { Job } from '@/lib/api/client'
import { apiFileUrl } from '@/lib/api/downloads'
import { formatDateTime, formatNumber } from '@/lib/format'
import { useJobs, type JobFilters } from '../api/get-jobs'
import { isJobActive, jobPercent } from '../lib/job-progress'
import { JobStatusBadge } from './job-status-badge'

function ResultLine({ job }: { job: Job }) {
  const { t } = useTranslation()
  const r = job.result
  if (!r) return job.error ? <span className="text-destructive">{job.error}</span> : null
  const f = (n: number) => ({ count: n, formatted: formatNumber(n) })
  const parts = [job.kind === 'dnc-import' ? t('imports.recent.added', f(r.imported)) : t('imports.recent.imported', f(r.imported))]
  if (r.updated) parts.push(t('imports.recent.updated', f(r.updated)))
  if (r.duplicates) parts.push(t('imports.recent.duplicates', f(r.duplicates)))
  if (r.invalid + r.foreign) parts.push(t('imports.recent.problems', f(r.invalid + r.foreign)))
  return <span>{parts.join(' · ')}</span>
}

function JobRow({ job }: { job: Job }) {
  const { t } = useTranslation()
  const active = isJobActive(job)
  const percent = jobPercent(job)
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="recent-import">
      <FileSpreadsheet className="hidden size-4 shrink-0 text-muted-foreground sm:block" aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span className="truncate text-sm font-medium">{job.fileName || t('imports.recent.unnamed', { id: job.id })}</span>
          <JobStatusBadge status={job.status} />
        </div>
        <div className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-muted-foreground">
          <span className="tabular-nums">{formatDateTime(job.createdAt)}</span>
          {!active && <ResultLine job={job} />}
        </div>
        {active && (
          <div className="mt-2 flex items-center gap-3">
            <Progress value={percent} className="h-1.5" aria-label={t('imports.progress.running')} />
            <span className="w-10 text-right text-xs tabular-nums text-muted-foreground">{percent === null ? '' : `${Math.floor(percent)}%`}</span>
          </div>
        )}
      </div>
      {job.result?.rejectedReport && (
        <Button asChild variant="ghost" size="sm" className="self-start text-muted-foreground sm:self-center">
          <a href={apiFileUrl(job.result.rejectedReport)} download>
            <Download aria-hidden />
            {t('imports.recent.rejected')}
          </a>
        </Button>
      )}
    </li>
  )
}

/** The last few imports (into a list, or into the DNC list), live. */
export function RecentImports({ filters }: { filters: JobFilters }) {
  const { t } = useTranslation()
  const query = useJobs(filters)
  const jobs = query.data?.items ?? []
  return (
    <Card className="gap-0 overflow-hidden py-0" aria-labelledby="recent-imports-title">
      <CardHeader className="border-b py-4">
        <CardTitle id="recent-imports-title" className="text-sm">
          {t('imports.recent.title')}
        </CardTitle>
        <CardDescription className="text-xs">{t('imports.recent.description')}</CardDescription>
      </CardHeader>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <div className="grid gap-3 p-4">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : jobs.length === 0 ? (
        <p className="px-4 py-6 text-sm text-muted-foreground">{t('imports.recent.empty')}</p>
      ) : (
        <ul className="divide-y">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </Card>
  )
}
