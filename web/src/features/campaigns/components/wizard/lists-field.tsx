import { useState } from 'react'
import { Search } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Checkbox } from '@/components/ui/checkbox'
import { Input } from '@/components/ui/input'
import { paths } from '@/config/paths'
import type { ContactList } from '@/lib/api/client'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/utils'

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()

/** Several contact lists, each with its number of contacts, and the total of those chosen. */
export function ListsField({ id, value, onChange, error, lists, loading }: { id: string; value: number[]; onChange: (ids: number[]) => void; error?: string; lists: ContactList[]; loading: boolean }) {
  const { t } = useTranslation()
  const [filter, setFilter] = useState('')
  const chosen = new Set(value)
  const total = lists.filter((l) => chosen.has(l.id)).reduce((n, l) => n + l.contactCount, 0)
  const shown = filter ? lists.filter((l) => fold(l.name).includes(fold(filter.trim()))) : lists
  const toggle = (listId: number, on: boolean) => onChange(on ? [...value, listId] : value.filter((x) => x !== listId))
  const labelId = `${id}-label`

  return (
    <div className="grid gap-2" role="group" aria-labelledby={labelId} aria-describedby={`${id}-hint`} aria-invalid={error ? true : undefined}>
      <span id={labelId} className="text-sm leading-none font-medium">
        {t('campaigns.wizard.basics.lists')}
      </span>
      {lists.length > 8 && (
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('campaigns.wizard.basics.listsFilter')} aria-label={t('campaigns.wizard.basics.listsFilter')} className="pl-8" />
        </div>
      )}
      <div className={cn('max-h-60 overflow-y-auto rounded-lg border bg-muted/20', error && 'border-destructive')}>
        {loading ? (
          <p className="px-3 py-4 text-sm text-muted-foreground">{t('common.loading')}</p>
        ) : lists.length === 0 ? (
          <p className="px-3 py-4 text-sm text-muted-foreground">
            {t('campaigns.wizard.basics.listsNone')}{' '}
            <Link to={paths.contacts} className="text-primary hover:underline">
              {t('campaigns.wizard.basics.openContacts')}
            </Link>
          </p>
        ) : (
          <ul className="divide-y">
            {shown.map((l) => {
              const boxId = `${id}-${l.id}`
              return (
                <li key={l.id} className="flex items-center gap-3 px-3 py-2 hover:bg-accent/40">
                  <Checkbox id={boxId} checked={chosen.has(l.id)} onCheckedChange={(on) => toggle(l.id, on === true)} />
                  <label htmlFor={boxId} className="flex flex-1 cursor-pointer items-center justify-between gap-3 text-sm">
                    <span className="truncate">{l.name}</span>
                    <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{t('campaigns.wizard.basics.contactsCount', { count: l.contactCount, formatted: formatNumber(l.contactCount) })}</span>
                  </label>
                </li>
              )
            })}
          </ul>
        )}
      </div>
      <p id={`${id}-hint`} className={cn('text-[0.8rem]', error ? 'font-medium text-destructive' : 'text-muted-foreground')} data-testid="lists-total">
        {error ??
          (value.length > 0
            ? t('campaigns.wizard.basics.listsChosen', { count: value.length, contacts: formatNumber(total) })
            : t('campaigns.wizard.basics.listsHint'))}
      </p>
    </div>
  )
}
