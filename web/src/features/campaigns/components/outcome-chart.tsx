import { useTranslation } from 'react-i18next'
import { Pie, PieChart, Tooltip } from 'recharts'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import type { CampaignProgress } from '@/lib/api/client'
import { formatNumber } from '@/lib/format'
import { DISPOSITION_COLOR, outcomeMix } from '../lib/dispositions'
import { formatRate } from '../lib/format'

const SIZE = 184

/** The outcome mix of the attempts ended so far: a donut and its legend with counts and shares. */
export function OutcomeChart({ progress }: { progress: CampaignProgress }) {
  const { t } = useTranslation()
  const mix = outcomeMix(progress)
  const total = mix.reduce((n, s) => n + s.value, 0)
  const data = mix.map((s) => ({ ...s, name: t(`campaigns.dispositions.${s.disposition}`), fill: DISPOSITION_COLOR[s.disposition] }))

  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>{t('campaigns.chart.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {total === 0 ? (
          <p className="py-10 text-center text-sm text-muted-foreground">{t('campaigns.chart.empty')}</p>
        ) : (
          <div className="flex flex-col items-center gap-6 sm:flex-row sm:items-center">
            <figure className="relative shrink-0" aria-label={t('campaigns.chart.label')} style={{ width: SIZE, height: SIZE }}>
              <PieChart width={SIZE} height={SIZE}>
                <Pie data={data} dataKey="value" nameKey="name" innerRadius={58} outerRadius={88} paddingAngle={data.length > 1 ? 2 : 0} stroke="var(--card)" strokeWidth={2} isAnimationActive={false} />
                <Tooltip
                  formatter={(value) => formatNumber(Number(value))}
                  contentStyle={{ background: 'var(--popover)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--popover-foreground)', fontSize: 12 }}
                  itemStyle={{ color: 'var(--popover-foreground)' }}
                />
              </PieChart>
              <figcaption className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
                <span className="text-xl font-semibold tabular-nums">{formatNumber(total)}</span>
                <span className="text-xs text-muted-foreground">{t('campaigns.chart.total', { count: total })}</span>
              </figcaption>
            </figure>
            <ul className="grid w-full gap-1.5 text-sm" data-testid="outcome-legend">
              {data.map((s) => (
                <li key={s.disposition} className="flex items-center gap-2">
                  <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ background: s.fill }} />
                  <span className="flex-1">{s.name}</span>
                  <span className="tabular-nums">{formatNumber(s.value)}</span>
                  <span className="w-14 text-right text-xs text-muted-foreground tabular-nums">{formatRate(s.value / total)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  )
}
