import { useTranslation } from 'react-i18next'
import { Checkbox } from '@/components/ui/checkbox'
import type { Codec } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { CODECS, sortCodecs } from '../lib/rules'

interface CodecsFieldProps {
  id: string
  value: Codec[]
  onChange: (codecs: Codec[]) => void
  error?: string
}

/** The codecs as a group of checkboxes; a codec ticked joins in the order of the list. */
export function CodecsField({ id, value, onChange, error }: CodecsFieldProps) {
  const { t } = useTranslation()
  const toggle = (codec: Codec, on: boolean) =>
    onChange(on ? (value.includes(codec) ? value : sortCodecs([...value, codec])) : value.filter((c) => c !== codec))
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${id}-error` : `${id}-hint`} aria-invalid={error ? true : undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">{t('telephony.codecs.label')}</legend>
      <div role="group" aria-label={t('telephony.codecs.groupLabel')} className="flex flex-wrap gap-2">
        {CODECS.map((codec) => {
          const checked = value.includes(codec)
          return (
            <label
              key={codec}
              className={cn(
                'flex cursor-pointer items-center gap-2 rounded-md border px-2.5 py-1.5 text-xs whitespace-nowrap transition-colors',
                checked ? 'border-primary/40 bg-primary/10 text-foreground' : 'border-input bg-background/30 text-muted-foreground hover:text-foreground',
              )}
            >
              <Checkbox id={`${id}-${codec}`} checked={checked} onCheckedChange={(on) => toggle(codec, on === true)} />
              <span>{t(`telephony.codecs.names.${codec}`)}</span>
            </label>
          )
        })}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-[0.8rem] font-medium text-destructive">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-[0.8rem] text-muted-foreground">
          {t('telephony.codecs.hint')}
        </p>
      )}
    </fieldset>
  )
}
