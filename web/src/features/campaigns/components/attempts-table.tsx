import { useMemo, type ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Card, CardHeader, CardTitle } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import type { CallAttempt, CampaignTimezone, Disposition } from '@/lib/api/client'
import { formatPhone } from '@/lib/phone'
import { useCampaignAttempts } from '../api/get-campaign-attempts'
import { DISPOSITION_COLOR } from '../lib/dispositions'
import { e164, formatDecimal } from '../lib/format'
import { formatInZone } from '../lib/timezone'

const col = dataTableColumns<CallAttempt>()

function DispositionBadge({ disposition }: { disposition: Disposition | null }) {
  const { t } = useTranslation()
  if (!disposition)
    return (
      <Badge variant="default" data-disposition="dialing">
        {t('campaigns.attempts.inProgress')}
      </Badge>
    )
  return (
    <Badge variant="outline" data-disposition={disposition} className="gap-1.5">
      <span aria-hidden className="size-2 rounded-full" style={{ background: DISPOSITION_COLOR[disposition] }} />
      {t(`campaigns.dispositions.${disposition}`)}
    </Badge>
  )
}

const seconds = (v: number | null) => (v == null ? '—' : `${formatDecimal(v)} s`)

/** Resultados recentes: the call log, newest first, with "Carregar mais". Refreshed while calls end. */
export function AttemptsTable({ campaignId, timezone, trunkName, live }: { campaignId: number; timezone: CampaignTimezone; trunkName: (id: number | null) => string; live: boolean }) {
  const { t } = useTranslation()
  const query = useCampaignAttempts(campaignId, { refreshMs: live ? 5_000 : false })
  const attempts = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])
  const columns = useMemo(
    () => [
      col.accessor('createdAt', {
        header: () => t('campaigns.attempts.columns.time'),
        cell: ({ getValue }) => <span className="text-xs whitespace-nowrap tabular-nums">{formatInZone(getValue(), timezone, { seconds: true })}</span>,
      }),
      col.accessor('number', {
        header: () => t('campaigns.attempts.columns.number'),
        cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{formatPhone(e164(getValue()))}</span>,
      }),
      col.display({
        id: 'attempt',
        header: () => t('campaigns.attempts.columns.attempt'),
        cell: ({ row }) => (
          <span className="text-xs whitespace-nowrap text-muted-foreground">
            {t('campaigns.attempts.attemptOf', { n: row.original.attemptNo, phone: row.original.phoneIndex })}
          </span>
        ),
      }),
      col.accessor('disposition', {
        header: () => t('campaigns.attempts.columns.result'),
        cell: ({ getValue }) => <DispositionBadge disposition={getValue()} />,
      }),
      col.accessor('dtmf', {
        header: () => t('campaigns.attempts.columns.dtmf'),
        cell: ({ getValue }) => <span className="font-mono">{getValue() || '—'}</span>,
      }),
      col.accessor('ringSeconds', {
        header: () => t('campaigns.attempts.columns.ring'),
        cell: ({ getValue }) => <span className="tabular-nums">{seconds(getValue())}</span>,
      }),
      col.accessor('talkSeconds', {
        header: () => t('campaigns.attempts.columns.talk'),
        cell: ({ getValue }) => <span className="tabular-nums">{seconds(getValue())}</span>,
      }),
      col.accessor('trunkId', {
        header: () => t('campaigns.attempts.columns.trunk'),
        cell: ({ getValue }) => <span className="font-mono text-xs">{trunkName(getValue())}</span>,
      }),
    ],
    [t, timezone, trunkName],
  )
  return (
    <Card className="gap-0 overflow-hidden py-0">
      <CardHeader className="border-b py-4">
        <CardTitle>{t('campaigns.attempts.title')}</CardTitle>
      </CardHeader>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label={t('campaigns.attempts.title')}
            columns={columns}
            data={attempts}
            getRowId={(a) => String(a.id)}
            isLoading={query.isPending}
            empty={t('campaigns.attempts.empty')}
            columnClassName={{
              createdAt: 'w-px',
              attempt: 'hidden md:table-cell w-px',
              dtmf: 'w-px text-center',
              ringSeconds: 'hidden sm:table-cell w-px text-right',
              talkSeconds: 'hidden sm:table-cell w-px text-right',
              trunkId: 'hidden lg:table-cell',
            }}
            rowProps={(a) => ({ 'data-testid': 'attempt-row', 'data-disposition': a.disposition ?? 'dialing' }) as ComponentProps<'tr'>}
          />
          <LoadMore
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            count={attempts.length}
            endText={t('campaigns.attempts.end')}
          />
        </>
      )}
    </Card>
  )
}
