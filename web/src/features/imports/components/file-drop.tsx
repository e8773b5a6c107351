import { useRef, useState } from 'react'
import { FileSpreadsheet, Loader2, UploadCloud } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { FormError } from '@/components/form/form-error'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

interface FileDropProps {
  onFile: (file: File) => void
  /** Reading the chosen file (the preview request is running). */
  busyFileName?: string
  error?: string
  /** Shown under the drop area, e.g. the template link. */
  footer?: React.ReactNode
}

/** Step 1: drop a CSV file on the area or pick it with the file chooser. */
export function FileDrop({ onFile, busyFileName, error, footer }: FileDropProps) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const busy = busyFileName !== undefined

  const take = (files: FileList | null | undefined) => {
    const file = files?.[0]
    if (file && !busy) onFile(file)
  }

  return (
    <div className="grid gap-4">
      <div
        data-testid="import-dropzone"
        data-dragging={dragging || undefined}
        onDragEnter={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragOver={(e) => {
          e.preventDefault()
          e.dataTransfer.dropEffect = 'copy'
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
          'flex min-h-56 flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed border-input bg-muted/20 px-6 py-8 text-center transition-colors',
          dragging && 'border-primary bg-primary/10',
        )}
      >
        {busy ? (
          <div role="status" className="flex flex-col items-center gap-3 text-sm text-muted-foreground">
            <Loader2 className="size-8 animate-spin text-primary" aria-hidden />
            {t('imports.file.reading', { name: busyFileName })}
          </div>
        ) : (
          <>
            <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
              <UploadCloud className="size-6" aria-hidden />
            </div>
            <p className="text-base font-medium">{t('imports.file.drop')}</p>
            <p className="text-xs text-muted-foreground uppercase">{t('imports.file.or')}</p>
            <Button type="button" variant="secondary" onClick={() => input.current?.click()}>
              <FileSpreadsheet aria-hidden />
              {t('imports.file.choose')}
            </Button>
            <p className="max-w-md text-xs leading-relaxed text-muted-foreground">{t('imports.file.hint')}</p>
          </>
        )}
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          aria-label={t('imports.file.input')}
          className="sr-only"
          tabIndex={-1}
          onChange={(e) => {
            take(e.currentTarget.files)
            e.currentTarget.value = '' // the same file can be chosen again
          }}
        />
      </div>
      <FormError message={error} />
      {footer}
    </div>
  )
}
