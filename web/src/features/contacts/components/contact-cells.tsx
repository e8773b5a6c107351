import { PhoneOff } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { Contact, Phone } from '@/lib/api/client'
import { formatPhone } from '@/lib/phone'

/** "Não ligar": the contact's first phone is on the DNC list. */
export function DncBadge() {
  const { t } = useTranslation()
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge variant="destructive" className="cursor-default" tabIndex={0} data-testid="dnc-badge">
          <PhoneOff aria-hidden />
          {t('contacts.dnc')}
        </Badge>
      </TooltipTrigger>
      <TooltipContent className="max-w-64">{t('contacts.dncHint')}</TooltipContent>
    </Tooltip>
  )
}

function PhoneText({ phone }: { phone: Phone }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="font-mono text-[0.8rem] tabular-nums" title={phone.number}>
        {formatPhone(phone.e164)}
      </span>
      <span className="shrink-0 text-[0.7rem] text-muted-foreground">{t(`phoneTypes.${phone.type}`)}</span>
    </>
  )
}

/** The first phone formatted, its type, and "+2" with the others in a tooltip. */
export function PhonesCell({ phones }: { phones: Contact['phones'] }) {
  const { t } = useTranslation()
  const [first, ...others] = phones
  if (!first) return null
  return (
    <div className="flex min-w-0 items-baseline gap-2">
      <PhoneText phone={first} />
      {others.length > 0 && (
        <Tooltip>
          <TooltipTrigger asChild>
            <Badge variant="secondary" tabIndex={0} className="shrink-0 cursor-default px-1.5 py-0 text-[0.65rem]" aria-label={t('contacts.otherPhones')}>
              {t('contacts.morePhones', { count: others.length })}
            </Badge>
          </TooltipTrigger>
          <TooltipContent>
            <div className="grid gap-1">
              <span className="font-medium">{t('contacts.otherPhones')}</span>
              {others.map((p) => (
                <span key={p.e164} className="flex items-baseline gap-2">
                  <PhoneText phone={p} />
                </span>
              ))}
            </div>
          </TooltipContent>
        </Tooltip>
      )}
    </div>
  )
}
