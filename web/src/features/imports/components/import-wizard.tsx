import { useEffect, useMemo, useRef, useState } from 'react'
import { ArrowLeft, Download, Upload } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { FormError } from '@/components/form/form-error'
import { Button } from '@/components/ui/button'
import { DialogClose, DialogFooter } from '@/components/ui/dialog'
import { Skeleton } from '@/components/ui/skeleton'
import type { ImportPreview } from '@/lib/api/client'
import { contactTemplateUrl } from '@/lib/api/downloads'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { useJob } from '../api/get-job'
import { PREVIEW_BYTES, usePreviewImport } from '../api/preview-import'
import { useStartImport, type ImportTarget } from '../api/start-import'
import { readSample } from '../lib/csv-sample'
import { isJobFinished } from '../lib/job-progress'
import { buildImportOptions, fieldsFor, guessMapping, initialSettings, sampleTable, settingsErrors, type ImportSettings, type Mapping } from '../lib/mapping'
import { FileDrop } from './file-drop'
import { JobProgress, JobSummary, UploadProgress } from './import-progress'
import { PreviewStep } from './preview-step'
import type { WizardStep } from '../lib/wizard-steps'
import { WizardSteps } from './wizard-steps'

const IMPORT_SCOPE = 'imports.serverErrors'

/** Portuguese text for a failed preview or upload; file-level codes get the file's own advice. */
function importErrorMessage(t: TFunction, error: unknown) {
  if (error instanceof ApiError && !error.field && (error.code === 'payload_too_large' || error.code === 'unsupported_media_type'))
    return t(`${IMPORT_SCOPE}.file.${error.code}`)
  return errorMessage(t, error, IMPORT_SCOPE)
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

interface Source {
  file: File
  /** The first bytes, to redraw the preview when the person overrides encoding or delimiter. */
  sample: Uint8Array
  preview: ImportPreview
}

type Phase = 'file' | 'columns' | 'upload' | 'job'

/** Only the fields this import has, and only columns that exist. */
function keep(mapping: Mapping, fields: readonly string[], width: number): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([f, c]) => fields.includes(f) && c !== undefined && c < width)) as Mapping
}

export interface ImportWizardProps {
  target: ImportTarget
  /** Tells the dialog which step shows (it guards against closing by a stray click). */
  onPhaseChange?: (phase: WizardStep) => void
}

/** The whole import: choose a file, check the columns, upload, follow the job, see the summary. */
export function ImportWizard({ target, onPhaseChange }: ImportWizardProps) {
  const { t } = useTranslation()
  const preview = usePreviewImport()
  const start = useStartImport()
  const [phase, setPhase] = useState<Phase>('file')
  const [source, setSource] = useState<Source | null>(null)
  const [settings, setSettings] = useState<ImportSettings | null>(null)
  const [fileError, setFileError] = useState<string>()
  const [reading, setReading] = useState<string>()
  const [upload, setUpload] = useState({ loaded: 0, total: 0 })
  const [uploadError, setUploadError] = useState<string>()
  const [jobId, setJobId] = useState<number | null>(null)
  const abort = useRef<AbortController | null>(null)
  const job = useJob(jobId)
  const fields = fieldsFor(target.kind)
  const customLabels = target.kind === 'contact-import' ? target.customLabels : []

  // Closing the dialog mid-upload stops the upload (a started job goes on).
  useEffect(() => () => abort.current?.abort(), [])

  const finished = isJobFinished(job.data)
  const step: WizardStep = phase === 'file' ? 'file' : phase === 'columns' ? 'columns' : finished ? 'summary' : 'import'
  useEffect(() => onPhaseChange?.(step), [step, onPhaseChange])

  // Header and rows as read with the chosen encoding and delimiter.
  const view = useMemo(() => {
    if (!source || !settings) return { header: [], rows: [] }
    const { preview: p } = source
    if (settings.encoding === p.encoding && settings.delimiter === p.delimiter) return { header: p.header, rows: p.rows }
    return readSample(source.sample, settings.encoding, settings.delimiter)
  }, [source, settings])

  const chooseFile = async (file: File) => {
    setFileError(undefined)
    if (/\.(xlsx?|xlsm|ods)$/i.test(file.name)) return setFileError(t('imports.file.excel'))
    if (file.size === 0) return setFileError(t('imports.file.empty', { name: file.name }))
    setReading(file.name)
    try {
      const [result, bytes] = await Promise.all([
        preview.mutateAsync({ file, listId: target.kind === 'contact-import' ? target.listId : undefined }),
        file.slice(0, PREVIEW_BYTES).arrayBuffer(),
      ])
      setSource({ file, sample: new Uint8Array(bytes), preview: result })
      setSettings(initialSettings(result, fields, customLabels))
      setPhase('columns')
    } catch (error) {
      setFileError(importErrorMessage(t, error))
    } finally {
      setReading(undefined)
    }
  }

  const changeSettings = (next: ImportSettings) => {
    if (!source || !settings) return
    if (next.delimiter !== settings.delimiter || next.encoding !== settings.encoding) {
      // Other columns now: guess the mapping again from the header read this way.
      const { preview: p } = source
      const read =
        next.encoding === p.encoding && next.delimiter === p.delimiter
          ? { header: p.header, rows: p.rows }
          : readSample(source.sample, next.encoding, next.delimiter)
      const { width } = sampleTable(read.header, read.rows, next.hasHeader)
      const mapping =
        next.delimiter === settings.delimiter ? next.mapping : next.hasHeader ? guessMapping(read.header, customLabels) : next.mapping
      next = { ...next, mapping: keep(mapping, fields, width) }
    }
    setSettings(next)
  }

  const submit = async () => {
    if (!source || !settings) return
    setUploadError(undefined)
    setUpload({ loaded: 0, total: source.file.size })
    setPhase('upload')
    const controller = new AbortController()
    abort.current = controller
    try {
      const created = await start.mutateAsync({
        target,
        file: source.file,
        options: buildImportOptions(target.kind, settings, source.preview),
        onUploadProgress: setUpload,
        signal: controller.signal,
      })
      setJobId(created.id)
      setPhase('job')
    } catch (error) {
      if (isAbort(error)) setPhase('columns')
      else setUploadError(importErrorMessage(t, error))
    } finally {
      abort.current = null
    }
  }

  const restart = () => {
    setPhase('file')
    setSource(null)
    setSettings(null)
    setJobId(null)
    setUploadError(undefined)
    preview.reset()
    start.reset()
  }

  const errors = settings ? settingsErrors(settings) : []

  return (
    <div className="grid gap-5">
      <WizardSteps current={step} />

      {phase === 'file' && (
        <>
          <FileDrop
            onFile={(f) => void chooseFile(f)}
            busyFileName={reading}
            error={fileError}
            footer={
              target.kind === 'contact-import' ? (
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                  {t('imports.file.templateHint')}
                  <Button asChild variant="link" size="sm" className="h-auto px-0 text-xs">
                    <a href={contactTemplateUrl} download>
                      <Download aria-hidden />
                      {t('imports.file.template')}
                    </a>
                  </Button>
                </p>
              ) : null
            }
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {t('common.cancel')}
              </Button>
            </DialogClose>
          </DialogFooter>
        </>
      )}

      {phase === 'columns' && source && settings && (
        <>
          <PreviewStep
            kind={target.kind}
            file={source.file}
            detected={source.preview}
            header={view.header}
            rows={view.rows}
            settings={settings}
            onChange={changeSettings}
            customLabels={customLabels}
            onChangeFile={restart}
          />
          {errors.length > 0 && <FormError message={errors.map((e) => t(`imports.preview.errors.${e}`)).join(' ')} />}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={restart}>
              <ArrowLeft aria-hidden />
              {t('imports.preview.back')}
            </Button>
            <Button type="button" onClick={() => void submit()} disabled={errors.length > 0}>
              <Upload aria-hidden />
              {t('imports.preview.submit')}
            </Button>
          </DialogFooter>
        </>
      )}

      {phase === 'upload' && source && (
        <>
          {uploadError ? (
            <FormError message={`${t('imports.progress.uploadFailed')} ${uploadError}`} />
          ) : (
            <UploadProgress fileName={source.file.name} loaded={upload.loaded} total={upload.total} onCancel={() => abort.current?.abort()} />
          )}
          {uploadError && (
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setPhase('columns')}>
                <ArrowLeft aria-hidden />
                {t('imports.preview.back')}
              </Button>
            </DialogFooter>
          )}
        </>
      )}

      {phase === 'job' &&
        (job.data ? (
          finished ? (
            <>
              <JobSummary job={job.data} />
              <DialogFooter>
                <Button type="button" variant="outline" onClick={restart}>
                  {t('imports.summary.again')}
                </Button>
                <DialogClose asChild>
                  <Button type="button">{t('imports.summary.done')}</Button>
                </DialogClose>
              </DialogFooter>
            </>
          ) : (
            <JobProgress job={job.data} />
          )
        ) : job.isError ? (
          <FormError message={errorMessage(t, job.error)} />
        ) : (
          <Skeleton className="h-24 w-full" />
        ))}
    </div>
  )
}
