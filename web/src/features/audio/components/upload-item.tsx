import { CheckCircle2, FileAudio, Loader2, X } from 'lucide-react'
import { Controller, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { FormField } from '@/components/form/form-field'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Progress } from '@/components/ui/progress'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { formatBytes } from '@/lib/format'
import { formMessage } from '@/lib/forms'
import { cn } from '@/lib/utils'
import { formatAudioDuration } from '../lib/audio-format'
import { AUDIO_KINDS, type UploadValues } from '../lib/audio-form'
import { uploadPercent, type UploadEntry } from '../lib/upload-queue'
import { KindBadge } from './kind-badge'
import { Waveform } from './waveform'

interface UploadItemProps {
  index: number
  uid: string
  entry: UploadEntry
  control: Control<UploadValues>
  register: UseFormRegister<UploadValues>
  errors: FieldErrors<UploadValues>
  onRemove: () => void
}

function StatusBadge({ entry }: { entry: UploadEntry }) {
  const { t } = useTranslation()
  switch (entry.status) {
    case 'ready':
      return <Badge variant="muted">{t('audio.upload.status.ready')}</Badge>
    case 'uploading': {
      const p = uploadPercent(entry)
      return <Badge variant="default">{p === null ? t('audio.upload.status.uploading') : t('audio.upload.status.uploadingPercent', { percent: Math.floor(p) })}</Badge>
    }
    case 'converting':
      return (
        <Badge variant="default">
          <Loader2 className="animate-spin" aria-hidden />
          {t('audio.upload.status.converting')}
        </Badge>
      )
    case 'done':
      return (
        <Badge variant="success">
          <CheckCircle2 aria-hidden />
          {t('audio.upload.status.done')}
        </Badge>
      )
    case 'failed':
      return <Badge variant="destructive">{t('audio.upload.status.failed')}</Badge>
  }
}

/** One file of the upload: its small form (name, kind, description), then its progress or result. */
export function UploadItem({ index, uid, entry, control, register, errors, onRemove }: UploadItemProps) {
  const { t } = useTranslation()
  const id = (field: string) => `${uid}-${entry.key}-${field}`
  const itemErrors = errors.items?.[index]
  const locked = entry.status === 'uploading' || entry.status === 'converting'
  const percent = uploadPercent(entry)

  return (
    <li
      className={cn('grid gap-3 rounded-lg border bg-muted/10 p-4', entry.status === 'failed' && 'border-destructive/40', entry.status === 'done' && 'border-success/30')}
      data-testid="upload-item"
      data-status={entry.status}
      aria-label={entry.file.name}
    >
      <div className="flex items-center gap-3">
        <div className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-primary/30 bg-primary/10 text-primary">
          <FileAudio className="size-4" aria-hidden />
        </div>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={entry.file.name}>
            {entry.file.name}
          </p>
          <p className="text-xs text-muted-foreground tabular-nums">{formatBytes(entry.file.size)}</p>
        </div>
        <StatusBadge entry={entry} />
        {entry.status !== 'done' && !locked && (
          <Button type="button" variant="ghost" size="icon-sm" className="text-muted-foreground" aria-label={t('audio.upload.remove', { name: entry.file.name })} onClick={onRemove}>
            <X />
          </Button>
        )}
      </div>

      {entry.status === 'done' && entry.audio ? (
        <div className="grid gap-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{entry.audio.name}</span>
            <KindBadge kind={entry.audio.kind} />
          </div>
          <div className="flex items-center gap-3">
            <Waveform peaks={entry.audio.peaks} className="h-9 min-w-0 flex-1" />
            <span className="shrink-0 text-xs text-muted-foreground tabular-nums" data-testid="upload-result">
              {t('audio.upload.result', { duration: formatAudioDuration(entry.audio.durationMs), format: entry.audio.format })}
            </span>
          </div>
        </div>
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_15rem]">
            <FormField id={id('name')} label={t('audio.form.name')} error={formMessage(t, itemErrors?.name?.message)}>
              <Input autoComplete="off" readOnly={locked} {...register(`items.${index}.name`)} />
            </FormField>
            <div className="grid gap-2">
              <Label htmlFor={id('kind')}>{t('audio.form.kind')}</Label>
              <Controller
                control={control}
                name={`items.${index}.kind`}
                render={({ field }) => (
                  <Select value={field.value} onValueChange={field.onChange} disabled={locked}>
                    <SelectTrigger id={id('kind')} className="[&>span]:min-w-0" onBlur={field.onBlur} ref={field.ref}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {AUDIO_KINDS.map((k) => (
                        <SelectItem key={k} value={k}>
                          {t(`audio.kinds.${k}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            </div>
          </div>
          <FormField id={id('description')} label={t('audio.form.description')} error={formMessage(t, itemErrors?.description?.message)}>
            <Input autoComplete="off" readOnly={locked} placeholder={t('audio.form.descriptionPlaceholder')} {...register(`items.${index}.description`)} />
          </FormField>
        </>
      )}

      {entry.status === 'uploading' && (
        <div className="grid gap-1.5">
          <Progress value={percent} aria-label={t('audio.upload.progressLabel', { name: entry.file.name })} />
          <p className="text-xs text-muted-foreground tabular-nums">
            {entry.total > 0 ? t('audio.upload.sentOf', { loaded: formatBytes(entry.loaded), total: formatBytes(entry.total) }) : t('audio.upload.status.uploading')}
          </p>
        </div>
      )}
      {entry.status === 'converting' && (
        <div className="grid gap-1.5" role="status">
          <Progress value={null} aria-label={t('audio.upload.status.converting')} />
          <p className="text-xs text-muted-foreground">{t('audio.upload.convertingHint')}</p>
        </div>
      )}
      {entry.status === 'failed' && entry.error && <FormError message={entry.error} />}
    </li>
  )
}
