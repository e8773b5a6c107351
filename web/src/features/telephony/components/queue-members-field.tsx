import { useMemo, useState } from 'react'
import { Search, Users } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Button } from '@/components/ui/button'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { paths } from '@/config/paths'
import type { Extension } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import type { MemberValues } from '../lib/queue-form'

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

interface QueueMembersFieldProps {
  id: string
  /** Every extension, by number; undefined while loading. */
  extensions: Extension[] | undefined
  value: MemberValues[]
  onChange: (members: MemberValues[]) => void
  error?: string
}

/**
 * The queue's members: every extension with a checkbox; a ticked one gets its penalty (0–100,
 * lower rings first) and "Pausado". The list keeps the extensions' order.
 */
export function QueueMembersField({ id, extensions, value, onChange, error }: QueueMembersFieldProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const selected = useMemo(() => new Map(value.map((m) => [m.extensionId, m])), [value])
  const order = useMemo(() => new Map((extensions ?? []).map((e, i) => [e.id, i])), [extensions])
  const q = fold(search.trim())
  const shown = (extensions ?? []).filter((e) => !q || e.number.includes(q) || fold(e.name).includes(q))

  const sorted = (members: MemberValues[]) => [...members].sort((a, b) => (order.get(a.extensionId) ?? 1e9) - (order.get(b.extensionId) ?? 1e9))
  const toggle = (extensionId: number, on: boolean) =>
    onChange(on ? sorted([...value, { extensionId, penalty: 0, paused: false }]) : value.filter((m) => m.extensionId !== extensionId))
  const patch = (extensionId: number, change: Partial<MemberValues>) =>
    onChange(value.map((m) => (m.extensionId === extensionId ? { ...m, ...change } : m)))

  return (
    <fieldset className="grid gap-2" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <legend className="text-sm leading-none font-medium">{t('telephony.queues.members.label')}</legend>
        <span className="text-xs text-muted-foreground tabular-nums" data-testid="members-count">
          {t('telephony.queues.members.selected', { count: value.length })}
        </span>
      </div>
      <p id={`${id}-hint`} className="text-[0.8rem] leading-relaxed text-muted-foreground">
        {t('telephony.queues.members.hint')}
      </p>
      {extensions === undefined ? (
        <div className="grid gap-1.5" aria-hidden>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : extensions.length === 0 ? (
        <div className="flex flex-col items-start gap-2 rounded-lg border border-dashed bg-muted/20 px-3 py-3 text-sm text-muted-foreground">
          <p className="flex items-start gap-2">
            <Users className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t('telephony.queues.members.noExtensions')}
          </p>
          <Button asChild variant="link" size="sm" className="h-auto px-0">
            <Link to={paths.extensions}>{t('telephony.queues.members.goToExtensions')}</Link>
          </Button>
        </div>
      ) : (
        <>
          {extensions.length > 6 && (
            <div className="relative">
              <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
              <Input
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder={t('telephony.queues.members.search')}
                aria-label={t('telephony.queues.members.search')}
                className="pl-9"
              />
            </div>
          )}
          <ul
            className={cn('max-h-72 divide-y overflow-y-auto rounded-lg border', error && 'border-destructive/60')}
            aria-label={t('telephony.queues.members.label')}
            data-testid="members-list"
          >
            {shown.length === 0 && <li className="px-3 py-3 text-sm text-muted-foreground">{t('telephony.queues.members.noMatch', { q: search.trim() })}</li>}
            {shown.map((e) => {
              const m = selected.get(e.id)
              const checkId = `${id}-${e.id}`
              return (
                <li
                  key={e.id}
                  className={cn('flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2', m && 'bg-primary/5')}
                  data-testid="member-option"
                  data-selected={m ? true : undefined}
                >
                  <Checkbox
                    id={checkId}
                    checked={Boolean(m)}
                    onCheckedChange={(on) => toggle(e.id, on === true)}
                    aria-label={t('telephony.queues.members.pick', { number: e.number, name: e.name })}
                  />
                  <label htmlFor={checkId} className="flex min-w-0 flex-1 cursor-pointer items-baseline gap-2 text-sm">
                    <span className="font-mono font-semibold tabular-nums">{e.number}</span>
                    <span className="truncate">{e.name}</span>
                    {!e.enabled && <span className="text-xs text-muted-foreground">({t('telephony.queues.members.disabled')})</span>}
                  </label>
                  {m && (
                    <div className="flex items-center gap-3">
                      <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
                        {t('telephony.queues.members.penalty')}
                        <Input
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={100}
                          value={Number.isNaN(m.penalty) ? '' : m.penalty}
                          onChange={(ev) => patch(e.id, { penalty: ev.target.value === '' ? Number.NaN : Number(ev.target.value) })}
                          aria-label={t('telephony.queues.members.penaltyOf', { number: e.number })}
                          aria-invalid={!(Number.isInteger(m.penalty) && m.penalty >= 0 && m.penalty <= 100) || undefined}
                          className="h-8 w-16 font-mono tabular-nums"
                        />
                      </label>
                      <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
                        <Switch
                          checked={m.paused}
                          onCheckedChange={(paused) => patch(e.id, { paused })}
                          aria-label={t('telephony.queues.members.pausedOf', { number: e.number })}
                        />
                        {t('telephony.queues.members.paused')}
                      </label>
                    </div>
                  )}
                </li>
              )
            })}
          </ul>
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="text-[0.8rem] font-medium text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  )
}
