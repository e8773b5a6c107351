import { useId } from 'react'
import { FilterX, Search } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import type { ContactList, PhoneType } from '@/lib/api/client'
import { EMPTY_TOOLBAR, type ToolbarState } from '../lib/contact-query'

const ANY = '__any__'
const PHONE_TYPES: readonly PhoneType[] = ['mobile', 'fixed', 'other']


interface ContactsToolbarProps {
  list: ContactList
  state: ToolbarState
  onChange: (state: ToolbarState) => void
}

/** Real-time search (name words, any phone format, e-mail) and the filters of the contacts table. */
export function ContactsToolbar({ list, state, onChange }: ContactsToolbarProps) {
  const { t } = useTranslation()
  const uid = useId()
  const id = (name: string) => `${uid}-${name}`
  const set = (patch: Partial<ToolbarState>) => onChange({ ...state, ...patch })
  const filtering = state.search !== '' || state.type !== undefined || state.dnc !== undefined || state.field !== undefined
  const fieldLabel = (n: number) => list.customLabels[n - 1] || t('contacts.columns.custom', { n })

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="relative w-full sm:w-80">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          value={state.search}
          onChange={(e) => set({ search: e.target.value })}
          placeholder={t('contacts.searchPlaceholder')}
          aria-label={t('contacts.searchPlaceholder')}
          className="pl-9"
        />
      </div>
      <div className="grid w-[calc(50%-0.375rem)] gap-1.5 sm:w-40">
        <Label htmlFor={id('type')} className="text-xs text-muted-foreground">
          {t('contacts.filters.phoneType')}
        </Label>
        <Select value={state.type ?? ANY} onValueChange={(v) => set({ type: v === ANY ? undefined : (v as PhoneType) })}>
          <SelectTrigger id={id('type')}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t('contacts.filters.anyType')}</SelectItem>
            {PHONE_TYPES.map((p) => (
              <SelectItem key={p} value={p}>
                {t(`phoneTypes.${p}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid w-[calc(50%-0.375rem)] gap-1.5 sm:w-48">
        <Label htmlFor={id('dnc')} className="text-xs text-muted-foreground">
          {t('contacts.filters.dnc')}
        </Label>
        <Select
          value={state.dnc === undefined ? ANY : state.dnc ? 'yes' : 'no'}
          onValueChange={(v) => set({ dnc: v === ANY ? undefined : v === 'yes' })}
        >
          <SelectTrigger id={id('dnc')}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t('contacts.filters.dncAny')}</SelectItem>
            <SelectItem value="yes">{t('contacts.filters.dncYes')}</SelectItem>
            <SelectItem value="no">{t('contacts.filters.dncNo')}</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <div className="grid w-[calc(50%-0.375rem)] gap-1.5 sm:w-44">
        <Label htmlFor={id('field')} className="text-xs text-muted-foreground">
          {t('contacts.filters.field')}
        </Label>
        <Select value={state.field === undefined ? ANY : String(state.field)} onValueChange={(v) => set({ field: v === ANY ? undefined : Number(v) })}>
          <SelectTrigger id={id('field')}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t('contacts.filters.noField')}</SelectItem>
            {[1, 2, 3, 4, 5].map((n) => (
              <SelectItem key={n} value={String(n)}>
                {fieldLabel(n)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {state.field !== undefined && (
        <div className="grid w-[calc(50%-0.375rem)] gap-1.5 sm:w-44">
          <Label htmlFor={id('value')} className="text-xs text-muted-foreground">
            {t('contacts.filters.value')}
          </Label>
          <Input id={id('value')} value={state.value} onChange={(e) => set({ value: e.target.value })} placeholder={t('contacts.filters.valuePlaceholder')} />
        </div>
      )}
      {filtering && (
        <Button variant="ghost" size="sm" className="mb-0.5" onClick={() => onChange(EMPTY_TOOLBAR)}>
          <FilterX aria-hidden />
          {t('common.clearFilters')}
        </Button>
      )}
    </div>
  )
}
