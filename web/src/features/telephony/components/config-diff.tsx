import { useId } from 'react'
import { ChevronRight, FileText } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from '@/components/ui/collapsible'
import type { PbxConfigFile } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { diffStats, parseDiff, type DiffLine } from '../lib/diff'

const LINE_CLASS: Record<DiffLine['kind'], string> = {
  add: 'bg-success/12 text-success',
  del: 'bg-destructive/12 text-destructive',
  hunk: 'bg-primary/10 text-primary/90',
  meta: 'text-muted-foreground',
  context: 'text-foreground/75',
}

/** A unified diff, + lines green and − lines red. */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  return (
    <pre
      role="region"
      aria-label={label}
      tabIndex={0}
      className="max-h-80 overflow-auto border-t bg-background/60 py-2 font-mono text-[0.74rem] leading-relaxed outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      <code className="grid min-w-max">
        {parseDiff(diff).map((line, i) => (
          <span key={i} data-kind={line.kind} className={cn('block px-3 whitespace-pre', LINE_CLASS[line.kind])}>
            {line.text || ' '}
          </span>
        ))}
      </code>
    </pre>
  )
}

/**
 * One generated file: its name and how much changes; opens to the diff (or, unchanged, to the
 * text on disk). Changed files start open unless `folded` (a node nothing is written to).
 */
export function ConfigFileDiff({ file, folded = false }: { file: PbxConfigFile; folded?: boolean }) {
  const { t } = useTranslation()
  const uid = useId()
  const stats = diffStats(file.diff)
  return (
    <li className="overflow-hidden rounded-lg border bg-muted/15" data-testid="config-file" data-changed={file.changed} aria-label={file.name}>
      {/* Keyed by `changed`: after an apply the file folds away, as unchanged files start. */}
      <Collapsible key={String(file.changed)} defaultOpen={file.changed && !folded}>
        <CollapsibleTrigger asChild>
          <button
            type="button"
            className="group flex w-full items-center gap-2 px-3 py-2 text-left text-sm outline-none hover:bg-muted/40 focus-visible:ring-[3px] focus-visible:ring-ring/50"
            aria-controls={`${uid}-content`}
          >
            <ChevronRight className="size-4 shrink-0 text-muted-foreground transition-transform group-data-[state=open]:rotate-90" aria-hidden />
            <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="min-w-0 flex-1 font-mono text-[0.8rem] break-all">{file.name}</span>
            {file.changed ? (
              <span className="flex shrink-0 items-center gap-1.5 font-mono text-xs tabular-nums" data-testid="diff-stats">
                <span className="text-success">+{stats.added}</span>
                <span className="text-destructive">−{stats.removed}</span>
              </span>
            ) : (
              // Phones leave the room to the file name: the node's header already says "Sem alterações".
              <Badge variant="muted" className="hidden shrink-0 sm:inline-flex">
                {t('telephony.apply.preview.fileNoChanges')}
              </Badge>
            )}
          </button>
        </CollapsibleTrigger>
        <CollapsibleContent id={`${uid}-content`}>
          {file.changed ? (
            <DiffView diff={file.diff} label={t('telephony.apply.preview.diffLabel', { file: file.name })} />
          ) : (
            <div className="border-t bg-background/60">
              <p className="px-3 pt-2 text-xs text-muted-foreground">{t('telephony.apply.preview.unchangedText')}</p>
              <pre
                role="region"
                aria-label={t('telephony.apply.preview.textLabel', { file: file.name })}
                tabIndex={0}
                className="max-h-64 overflow-auto px-3 py-2 font-mono text-[0.74rem] leading-relaxed whitespace-pre text-foreground/75 outline-none"
              >
                {file.text}
              </pre>
            </div>
          )}
        </CollapsibleContent>
      </Collapsible>
    </li>
  )
}
