import { ArrowDown, ArrowUp, X } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { paths } from '@/config/paths'
import type { Trunk } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { formatDecimal } from '../../lib/format'

const move = (ids: number[], from: number, to: number) => {
  const next = [...ids]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item!)
  return next
}

/** Trunks in failover order: the first carries the calls, the next ones take over when it is full or down. */
export function TrunksField({ id, value, onChange, error, trunks, loading }: { id: string; value: number[]; onChange: (ids: number[]) => void; error?: string; trunks: Trunk[]; loading: boolean }) {
  const { t } = useTranslation()
  const byId = new Map(trunks.map((tr) => [tr.id, tr]))
  const available = trunks.filter((tr) => !value.includes(tr.id))
  const labelId = `${id}-label`
  return (
    <div className="grid gap-2" role="group" aria-labelledby={labelId} aria-describedby={`${id}-hint`}>
      <span id={labelId} className="text-sm leading-none font-medium">
        {t('campaigns.wizard.dialing.trunks')}
      </span>
      {value.length > 0 && (
        <ol className={cn('divide-y rounded-lg border bg-muted/20', error && 'border-destructive')} aria-label={t('campaigns.wizard.dialing.trunksOrder')}>
          {value.map((trunkId, i) => {
            const tr = byId.get(trunkId)
            const name = tr?.name ?? `#${trunkId}`
            return (
              <li key={trunkId} className="flex items-center gap-3 px-3 py-2" data-testid="trunk-order-item">
                <span className="flex size-6 shrink-0 items-center justify-center rounded-full border border-primary/40 bg-primary/10 text-xs font-semibold text-primary tabular-nums">{i + 1}</span>
                <div className="grid min-w-0 flex-1 gap-0.5">
                  <span className="flex items-center gap-2 truncate font-mono text-sm font-medium">
                    {name}
                    {tr && !tr.enabled && <Badge variant="muted">{t('campaigns.wizard.dialing.trunkDisabled')}</Badge>}
                  </span>
                  {tr && (
                    <span className="truncate text-xs text-muted-foreground">
                      {t('campaigns.wizard.dialing.trunkLimits', { host: tr.host, channels: tr.maxChannels, cps: formatDecimal(tr.maxCps, 2) })}
                    </span>
                  )}
                </div>
                <div className="flex shrink-0 gap-0.5">
                  <Button type="button" variant="ghost" size="icon-sm" disabled={i === 0} aria-label={t('campaigns.wizard.dialing.up', { name })} onClick={() => onChange(move(value, i, i - 1))}>
                    <ArrowUp />
                  </Button>
                  <Button type="button" variant="ghost" size="icon-sm" disabled={i === value.length - 1} aria-label={t('campaigns.wizard.dialing.down', { name })} onClick={() => onChange(move(value, i, i + 1))}>
                    <ArrowDown />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon-sm"
                    className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                    aria-label={t('campaigns.wizard.dialing.remove', { name })}
                    onClick={() => onChange(value.filter((x) => x !== trunkId))}
                  >
                    <X />
                  </Button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      {trunks.length === 0 && !loading ? (
        <p className="rounded-lg border border-dashed px-3 py-3 text-sm text-muted-foreground">
          {t('campaigns.wizard.dialing.noTrunks')}{' '}
          <Link to={paths.trunks} className="text-primary hover:underline">
            {t('campaigns.wizard.dialing.openTrunks')}
          </Link>
        </p>
      ) : (
        available.length > 0 && (
          <Select value="" onValueChange={(v) => onChange([...value, Number(v)])}>
            <SelectTrigger id={id} className="sm:max-w-80" aria-label={t('campaigns.wizard.dialing.addTrunk')} aria-invalid={error ? true : undefined}>
              <SelectValue placeholder={value.length === 0 ? t('campaigns.wizard.dialing.addFirstTrunk') : t('campaigns.wizard.dialing.addTrunk')} />
            </SelectTrigger>
            <SelectContent>
              {available.map((tr) => (
                <SelectItem key={tr.id} value={String(tr.id)}>
                  <span className="font-mono">{tr.name}</span>
                  {!tr.enabled && <span className="ml-2 text-xs text-muted-foreground">({t('campaigns.wizard.dialing.trunkDisabled')})</span>}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )
      )}
      <p id={`${id}-hint`} className={cn('text-[0.8rem]', error ? 'font-medium text-destructive' : 'text-muted-foreground')}>
        {error ?? t('campaigns.wizard.dialing.trunksHint')}
      </p>
    </div>
  )
}
