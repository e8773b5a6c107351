import { useId } from 'react'
import { AlertTriangle, FileText } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Switch } from '@/components/ui/switch'
import type { ImportField, ImportPreview, JobKind } from '@/lib/api/client'
import { formatBytes } from '@/lib/format'
import { cn } from '@/lib/utils'
import { DELIMITERS, ENCODINGS, type CsvDelimiter } from '../lib/csv-sample'
import { columnLetter, fieldsFor, repeatedColumns, sampleTable, setFieldColumn, type ImportSettings } from '../lib/mapping'

const NONE = '__none__'
const REGIONS = ['BR', 'PT', 'US', 'AR', 'CL', 'CO', 'MX', 'PY', 'UY'] as const
const DELIMITER_KEYS: Record<CsvDelimiter, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab' }

interface PreviewStepProps {
  kind: JobKind
  file: File
  /** What the server detected in the sample. */
  detected: Pick<ImportPreview, 'encoding' | 'delimiter'>
  /** Header and sample rows as read with the current encoding and delimiter. */
  header: string[]
  rows: string[][]
  settings: ImportSettings
  onChange: (settings: ImportSettings) => void
  /** Labels of the list's custom fields 1–5. */
  customLabels: readonly (string | null)[]
  onChangeFile: () => void
}

function SwitchRow({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4 rounded-lg border bg-muted/30 px-4 py-3">
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-[0.8rem] text-muted-foreground">
          {hint}
        </p>
      </div>
      <Switch id={id} checked={checked} onCheckedChange={onChange} aria-describedby={`${id}-hint`} />
    </div>
  )
}

/** Step 2: what the importer detected, the first lines, which column is which field, and the options. */
export function PreviewStep({ kind, file, detected, header, rows, settings, onChange, customLabels, onChangeFile }: PreviewStepProps) {
  const { t } = useTranslation()
  const uid = useId()
  const id = (name: string) => `${uid}-${name}`
  const fields = fieldsFor(kind)
  const table = sampleTable(header, rows, settings.hasHeader)
  const repeated = repeatedColumns(settings.mapping)
  const set = (patch: Partial<ImportSettings>) => onChange({ ...settings, ...patch })

  const fieldLabel = (f: ImportField) => {
    if (kind === 'dnc-import') return t('imports.preview.phoneOnly')
    if (f.startsWith('custom')) {
      const n = Number(f.slice(6))
      return customLabels[n - 1] || t('imports.preview.fields.custom', { n })
    }
    return t(`imports.preview.fields.${f}`)
  }
  const columnTitle = (i: number) => table.titles[i] || t('imports.preview.column', { letter: columnLetter(i) })
  const fieldsOfColumn = (col: number) => fields.filter((f) => settings.mapping[f] === col)
  const firstLine = settings.hasHeader ? 2 : 1

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border bg-muted/20 px-3 py-2 text-sm">
        <FileText className="size-4 text-primary" aria-hidden />
        <span className="min-w-0 flex-1 truncate" data-testid="import-file-name">
          {t('imports.preview.file', { name: file.name, size: formatBytes(file.size) })}
        </span>
        <Button type="button" variant="ghost" size="sm" onClick={onChangeFile}>
          {t('imports.file.change')}
        </Button>
      </div>

      <div className="grid items-start gap-4 sm:grid-cols-3">
        <div className="grid min-w-0 grid-cols-1 gap-2">
          <Label htmlFor={id('encoding')}>{t('imports.preview.encoding')}</Label>
          <Select value={settings.encoding} onValueChange={(v) => set({ encoding: v as ImportSettings['encoding'] })}>
            <SelectTrigger id={id('encoding')}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {ENCODINGS.map((e) => (
                <SelectItem key={e} value={e}>
                  {t(`imports.preview.encodings.${e}`)}
                  {e === detected.encoding ? ` · ${t('imports.preview.detected')}` : ''}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid min-w-0 grid-cols-1 gap-2">
          <Label htmlFor={id('delimiter')}>{t('imports.preview.delimiter')}</Label>
          <Select value={DELIMITER_KEYS[settings.delimiter]} onValueChange={(v) => set({ delimiter: DELIMITERS.find((d) => DELIMITER_KEYS[d] === v)! })}>
            <SelectTrigger id={id('delimiter')}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {DELIMITERS.map((d) => (
                <SelectItem key={d} value={DELIMITER_KEYS[d]}>
                  {t(`imports.preview.delimiters.${DELIMITER_KEYS[d]}`)}
                  {d === detected.delimiter ? ` · ${t('imports.preview.detected')}` : ''}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="flex h-full min-w-0 items-end">
          <div className="flex w-full items-center justify-between gap-3 rounded-md border bg-muted/30 px-3 py-2">
            <Label htmlFor={id('hasHeader')} className="leading-snug">
              {t('imports.preview.hasHeader')}
            </Label>
            <Switch
              id={id('hasHeader')}
              checked={settings.hasHeader}
              onCheckedChange={(hasHeader) => set({ hasHeader })}
              title={t('imports.preview.hasHeaderHint')}
            />
          </div>
        </div>
      </div>

      <section className="grid gap-2" aria-labelledby={id('sample')}>
        <h3 id={id('sample')} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
          {t('imports.preview.sample')}
        </h3>
        <div className="max-h-72 overflow-auto rounded-lg border">
          <table className="w-full text-xs" aria-labelledby={id('sample')}>
            <thead className="sticky top-0 z-10 bg-popover">
              <tr className="border-b">
                <th scope="col" className="w-10 px-2 py-2 text-right font-normal text-muted-foreground">
                  #
                </th>
                {Array.from({ length: table.width }, (_, col) => {
                  const mapped = fieldsOfColumn(col)
                  return (
                    <th
                      key={col}
                      scope="col"
                      className={cn('min-w-28 px-2 py-2 text-left align-bottom font-medium', mapped.length > 0 && 'bg-primary/10')}
                    >
                      <div className="flex flex-wrap gap-1 pb-1">
                        {mapped.map((f) => (
                          <Badge key={f} className="px-1.5 py-0 text-[0.65rem]">
                            {fieldLabel(f)}
                          </Badge>
                        ))}
                      </div>
                      <span className="mr-1.5 font-mono text-[0.65rem] text-muted-foreground">{columnLetter(col)}</span>
                      <span className="whitespace-nowrap">{table.titles[col]}</span>
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {table.rows.length === 0 ? (
                <tr>
                  <td colSpan={table.width + 1} className="px-3 py-6 text-center text-muted-foreground">
                    {t('imports.preview.sampleEmpty')}
                  </td>
                </tr>
              ) : (
                table.rows.map((row, r) => (
                  <tr
                    key={r}
                    // More cells than the header: the importer rejects such a line.
                    className={cn('border-b last:border-0', settings.hasHeader && row.length > header.length && 'bg-warning/10')}
                  >
                    <td className="px-2 py-1.5 text-right font-mono text-[0.65rem] text-muted-foreground tabular-nums">{firstLine + r}</td>
                    {Array.from({ length: table.width }, (_, col) => (
                      <td
                        key={col}
                        className={cn('max-w-56 truncate px-2 py-1.5 whitespace-nowrap', fieldsOfColumn(col).length > 0 && 'bg-primary/5')}
                        title={row[col]}
                      >
                        {row[col]}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="grid gap-3" aria-labelledby={id('mapping')}>
        <div className="space-y-1">
          <h3 id={id('mapping')} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
            {t('imports.preview.mapping')}
          </h3>
          <p className="text-xs text-muted-foreground">
            {kind === 'dnc-import' ? t('imports.preview.mappingHintDnc') : t('imports.preview.mappingHint')}
          </p>
        </div>
        <div className={cn('grid gap-x-4 gap-y-3', kind === 'contact-import' ? 'sm:grid-cols-2 lg:grid-cols-3' : 'sm:max-w-sm')}>
          {fields.map((f) => {
            const col = settings.mapping[f]
            return (
              <div key={f} className="grid min-w-0 grid-cols-1 gap-1.5">
                <Label htmlFor={id(`map-${f}`)} className="text-xs">
                  {fieldLabel(f)}
                </Label>
                <Select
                  value={col === undefined ? NONE : String(col)}
                  onValueChange={(v) => set({ mapping: setFieldColumn(settings.mapping, f, v === NONE ? null : Number(v)) })}
                >
                  <SelectTrigger
                    id={id(`map-${f}`)}
                    aria-invalid={f === 'phone1' && col === undefined ? true : undefined}
                    className={cn('h-8 text-xs', col === undefined && 'text-muted-foreground')}
                  >
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NONE}>{t('imports.preview.notImported')}</SelectItem>
                    {Array.from({ length: table.width }, (_, i) => (
                      <SelectItem key={i} value={String(i)}>
                        {`${columnLetter(i)} · ${columnTitle(i)}`}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </div>
            )
          })}
        </div>
        {[...repeated].map((col) => (
          <p key={col} className="flex items-center gap-2 text-xs text-warning">
            <AlertTriangle className="size-3.5" aria-hidden />
            {t('imports.preview.repeated', { letter: columnLetter(col) })}
          </p>
        ))}
      </section>

      <section className="grid gap-3" aria-labelledby={id('options')}>
        <h3 id={id('options')} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
          {t('imports.preview.options')}
        </h3>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <div className="grid min-w-0 grid-cols-1 gap-2">
            <Label htmlFor={id('region')}>{t('imports.preview.region')}</Label>
            <Select value={settings.region} onValueChange={(region) => set({ region })}>
              <SelectTrigger id={id('region')} aria-describedby={id('region-hint')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {REGIONS.map((r) => (
                  <SelectItem key={r} value={r}>
                    {t(`imports.preview.regions.${r}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <p id={id('region-hint')} className="text-[0.8rem] text-muted-foreground">
              {t('imports.preview.regionHint')}
            </p>
          </div>
          {kind === 'contact-import' && (
            <div className="grid min-w-0 grid-cols-1 gap-2">
              <Label htmlFor={id('duplicates')}>{t('imports.preview.duplicates')}</Label>
              <Select value={settings.onDuplicate} onValueChange={(v) => set({ onDuplicate: v as ImportSettings['onDuplicate'] })}>
                <SelectTrigger id={id('duplicates')} aria-describedby={id('duplicates-hint')}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="skip">{t('imports.preview.duplicateOptions.skip')}</SelectItem>
                  <SelectItem value="update">{t('imports.preview.duplicateOptions.update')}</SelectItem>
                </SelectContent>
              </Select>
              <p id={id('duplicates-hint')} className="text-[0.8rem] text-muted-foreground">
                {t('imports.preview.duplicatesHint')}
              </p>
            </div>
          )}
          <SwitchRow
            id={id('international')}
            label={t('imports.preview.allowInternational')}
            hint={t('imports.preview.allowInternationalHint')}
            checked={settings.allowInternational}
            onChange={(allowInternational) => set({ allowInternational })}
          />
          {kind === 'contact-import' && (
            <SwitchRow
              id={id('ninth')}
              label={t('imports.preview.addNinthDigit')}
              hint={t('imports.preview.addNinthDigitHint')}
              checked={settings.addNinthDigit}
              onChange={(addNinthDigit) => set({ addNinthDigit })}
            />
          )}
        </div>
      </section>
    </div>
  )
}
