import { useRef, useState } from 'react'
import { FolderOpen, UploadCloud } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

/**
 * The file picker's filter only helps people find their recordings: it is not a check. The
 * server decides what is audio by decoding the file, so files dropped here are never refused by
 * their extension.
 */
const ACCEPT = 'audio/*,.wav,.wave,.mp3,.gsm,.ogg,.oga,.opus,.flac'

interface AudioDropProps {
  onFiles: (files: File[]) => void
  /** A slim bar once files are listed; the full area before. */
  compact?: boolean
  disabled?: boolean
}

/** Drop one or more recordings on the area, or pick them with the file chooser. */
export function AudioDrop({ onFiles, compact = false, disabled = false }: AudioDropProps) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)

  const take = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? [])
    if (files.length > 0 && !disabled) onFiles(files)
  }

  return (
    <div
      data-testid="audio-dropzone"
      data-dragging={dragging || undefined}
      onDragEnter={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragOver={(e) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy'
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
      }}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        take(e.dataTransfer.files)
      }}
      className={cn(
        'rounded-xl border-2 border-dashed border-input bg-muted/20 text-center transition-colors',
        compact ? 'flex flex-wrap items-center justify-center gap-x-3 gap-y-2 px-4 py-3' : 'flex min-h-52 flex-col items-center justify-center gap-3 px-6 py-8',
        dragging && !disabled && 'border-primary bg-primary/10',
      )}
    >
      {compact ? (
        <>
          <UploadCloud className="size-4 text-primary" aria-hidden />
          <span className="text-sm text-muted-foreground">{t('audio.upload.dropMore')}</span>
          <Button type="button" variant="outline" size="sm" disabled={disabled} onClick={() => input.current?.click()}>
            <FolderOpen aria-hidden />
            {t('audio.upload.choose')}
          </Button>
        </>
      ) : (
        <>
          <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
            <UploadCloud className="size-6" aria-hidden />
          </div>
          <p className="text-base font-medium">{t('audio.upload.drop')}</p>
          <p className="text-xs text-muted-foreground uppercase">{t('audio.upload.or')}</p>
          <Button type="button" variant="secondary" disabled={disabled} onClick={() => input.current?.click()}>
            <FolderOpen aria-hidden />
            {t('audio.upload.choose')}
          </Button>
          <p className="max-w-md text-xs leading-relaxed text-muted-foreground">{t('audio.upload.hint')}</p>
        </>
      )}
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label={t('audio.upload.input')}
        className="sr-only"
        tabIndex={-1}
        onChange={(e) => {
          take(e.currentTarget.files)
          e.currentTarget.value = '' // the same file can be chosen again
        }}
      />
    </div>
  )
}
