import { Lightbulb } from 'lucide-react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '@/lib/format'
import { cn } from '@/lib/utils'
import { CONCURRENCY_TIERS, concurrencyTier } from '../../lib/recommendation'

/**
 * "Recomendado: 10–20 chamadas simultâneas para até 1.000 contatos, 30–50 até 10.000, 50–100
 * acima disso", with the range that fits the chosen lists highlighted.
 */
export function ConcurrencyHint({ contacts, value, onPick }: { contacts: number; value: number; onPick: (n: number) => void }) {
  const { t } = useTranslation()
  const tier = concurrencyTier(contacts)
  const range = CONCURRENCY_TIERS.find((x) => x.tier === tier)!
  const outside = Number.isFinite(value) && (value < range.min || value > range.max)
  return (
    <div className="grid gap-1.5 rounded-lg border border-primary/25 bg-primary/5 px-3 py-2.5 text-[0.8rem]" data-testid="concurrency-hint" data-tier={tier}>
      <p className="flex items-start gap-2">
        <Lightbulb className="mt-0.5 size-3.5 shrink-0 text-primary" aria-hidden />
        <span>
          <span className="font-medium">{t('campaigns.wizard.dialing.recommendation.title')}: </span>
          {CONCURRENCY_TIERS.map((x, i) => (
            <Fragment key={x.tier}>
              {i > 0 && ', '}
              <span className={cn(x.tier === tier ? 'rounded bg-primary/20 px-1 font-semibold text-foreground' : 'text-muted-foreground')} aria-current={x.tier === tier || undefined}>
                {t(`campaigns.wizard.dialing.recommendation.${x.tier}`)}
              </span>
            </Fragment>
          ))}
        </span>
      </p>
      <p className="pl-5.5 text-muted-foreground">
        {t('campaigns.wizard.dialing.recommendation.yourLists', { count: contacts, formatted: formatNumber(contacts) })}
        {outside && (
          <>
            {' '}
            <button type="button" className="font-medium text-primary hover:underline" onClick={() => onPick(range.min)}>
              {t('campaigns.wizard.dialing.recommendation.use', { n: range.min })}
            </button>
          </>
        )}
      </p>
    </div>
  )
}
