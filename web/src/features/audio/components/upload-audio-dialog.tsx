import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { Upload } from 'lucide-react'
import { useFieldArray, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button, type ButtonProps } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import type { AudioKind } from '@/lib/api/client'
import { useUploadAudio } from '../api/upload-audio'
import { uploadSchema, type UploadItemValues, type UploadValues } from '../lib/audio-form'
import { nameFromFileName } from '../lib/file-name'
import { describeUploadError, isAbortError } from '../lib/upload-errors'
import { isUploading, nextUploadKey, pendingUploads, uploadReducer } from '../lib/upload-queue'
import { AudioDrop } from './audio-drop'
import { UploadItem } from './upload-item'

interface UploadAudioFormProps {
  defaultKind: AudioKind
  onBusyChange: (busy: boolean) => void
}

/**
 * Files dropped or chosen get a small form each (name from the file name, kind, description).
 * "Enviar" sends them one after the other: each shows its bytes going up, then "Convertendo…"
 * until the server answers with the audio (its duration and waveform) or why it refused it.
 * A refused file stays, to be fixed and sent again.
 */
function UploadAudioForm({ defaultKind, onBusyChange }: UploadAudioFormProps) {
  const { t } = useTranslation()
  const uid = useId()
  const upload = useUploadAudio()
  const [entries, dispatch] = useReducer(uploadReducer, [])
  const form = useForm<UploadValues>({ resolver: zodResolver(uploadSchema), defaultValues: { items: [] } })
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'items', keyName: 'fieldId' })
  const { errors, isSubmitting } = form.formState
  const abort = useRef<AbortController | null>(null)

  // Closing the dialog stops an upload in progress.
  useEffect(() => () => abort.current?.abort(), [])

  const busy = isSubmitting || isUploading(entries)
  useEffect(() => onBusyChange(busy), [busy, onBusyChange])

  const pending = pendingUploads(entries)
  const done = entries.filter((e) => e.status === 'done').length
  const entryOf = (key: string) => entries.find((e) => e.key === key)

  const addFiles = (files: File[]) => {
    const added = files.map((file) => ({ key: nextUploadKey(), file }))
    dispatch({ type: 'add', entries: added })
    append(
      added.map(({ key, file }) => ({ key, name: nameFromFileName(file.name), kind: defaultKind, description: '' })),
      { shouldFocus: false },
    )
  }

  const send = async (index: number, item: UploadItemValues, file: File, signal: AbortSignal) => {
    const key = item.key
    dispatch({ type: 'start', key })
    try {
      const audio = await upload.mutateAsync({
        file,
        name: item.name,
        kind: item.kind,
        description: item.description || null,
        onUploadProgress: ({ loaded, total }) => dispatch({ type: 'progress', key, loaded, total }),
        onUploaded: () => dispatch({ type: 'uploaded', key }),
        signal,
      })
      dispatch({ type: 'done', key, audio })
      return true
    } catch (error) {
      if (isAbortError(error)) {
        dispatch({ type: 'cancelled', key })
        return false
      }
      const failure = describeUploadError(t, error)
      if (failure.field) {
        form.setError(`items.${index}.${failure.field}`, { type: 'server', message: failure.message }, { shouldFocus: true })
        dispatch({ type: 'failed', key })
      } else dispatch({ type: 'failed', key, error: failure.message })
      return true
    }
  }

  const sendAll = async ({ items }: UploadValues) => {
    const controller = new AbortController()
    abort.current = controller
    let sent = 0
    try {
      for (const [index, item] of items.entries()) {
        const entry = entryOf(item.key)
        if (!entry || (entry.status !== 'ready' && entry.status !== 'failed')) continue
        if (!(await send(index, item, entry.file, controller.signal))) break
        sent += 1
      }
    } finally {
      abort.current = null
    }
    if (sent > 0) upload.reset()
  }

  const items = fields.flatMap((field, index) => {
    const entry = entryOf(field.key)
    return entry ? [{ field, index, entry }] : []
  })

  return (
    <form onSubmit={(e) => void form.handleSubmit(sendAll)(e)} noValidate className="grid gap-4">
      <AudioDrop onFiles={addFiles} compact={items.length > 0} disabled={busy} />
      {items.length > 0 && (
        <ul className="grid gap-3" aria-label={t('audio.upload.files')}>
          {items.map(({ field, index, entry }) => (
            <UploadItem
              key={field.fieldId}
              index={index}
              uid={uid}
              entry={entry}
              control={form.control}
              register={form.register}
              errors={errors}
              onRemove={() => {
                remove(index)
                dispatch({ type: 'remove', key: entry.key })
              }}
            />
          ))}
        </ul>
      )}
      <DialogFooter className="items-center">
        {items.length > 0 && (
          <p className="mr-auto text-xs text-muted-foreground" aria-live="polite">
            {t('audio.upload.summary', { done, count: items.length })}
          </p>
        )}
        {busy ? (
          <Button type="button" variant="outline" onClick={() => abort.current?.abort()}>
            {t('audio.upload.cancel')}
          </Button>
        ) : (
          <DialogClose asChild>
            <Button type="button" variant={pending.length === 0 && done > 0 ? 'default' : 'outline'}>
              {done === 0 ? t('common.cancel') : t('audio.upload.finish')}
            </Button>
          </DialogClose>
        )}
        {(pending.length > 0 || busy) && (
          <Button type="submit" loading={busy} disabled={pending.length === 0}>
            {!busy && <Upload aria-hidden />}
            {busy
              ? t('audio.upload.sending')
              : pending.every((e) => e.status === 'failed')
                ? t('audio.upload.retry', { count: pending.length })
                : t('audio.upload.submit', { count: pending.length })}
          </Button>
        )}
      </DialogFooter>
    </form>
  )
}

interface UploadAudioDialogProps {
  /** The kind new files start with (the tab being looked at). */
  defaultKind: AudioKind
  triggerVariant?: ButtonProps['variant']
}

/** "Enviar áudio": upload one or more recordings. */
export function UploadAudioDialog({ defaultKind, triggerVariant }: UploadAudioDialogProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const onBusyChange = useCallback((b: boolean) => setBusy(b), [])

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && busy) toast.info(t('audio.upload.closedWhileSending'))
        setOpen(next)
        if (!next) setBusy(false)
      }}
    >
      <DialogTrigger asChild>
        <Button variant={triggerVariant}>
          <Upload aria-hidden />
          {t('audio.upload.action')}
        </Button>
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-2xl"
        onInteractOutside={(e) => {
          // A stray click must not drop the files being sent.
          if (busy) e.preventDefault()
        }}
        onEscapeKeyDown={(e) => {
          if (busy) e.preventDefault()
        }}
      >
        <DialogHeader>
          <DialogTitle>{t('audio.upload.title')}</DialogTitle>
          <DialogDescription>{t('audio.upload.description')}</DialogDescription>
        </DialogHeader>
        {open && <UploadAudioForm defaultKind={defaultKind} onBusyChange={onBusyChange} />}
      </DialogContent>
    </Dialog>
  )
}
