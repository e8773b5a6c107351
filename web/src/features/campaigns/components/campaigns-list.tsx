import { useMemo, type ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryError } from '@/components/query-error'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { campaignPath } from '@/config/paths'
import type { Campaign } from '@/lib/api/client'
import { formatNumber } from '@/lib/format'
import { useCampaigns } from '../api/get-campaigns'
import { formatRate } from '../lib/format'
import { formatInZone } from '../lib/timezone'
import { CampaignProgressBar } from './campaign-progress-bar'
import { CampaignQuickActions } from './campaign-quick-actions'
import { CampaignStatusBadge } from './campaign-status-badge'
import { CampaignsEmpty } from './campaigns-empty'

const col = dataTableColumns<Campaign>()

/** Campanhas: every campaign with its status and live progress; Play/Pause as the role allows. */
export function CampaignsList({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation()
  const query = useCampaigns()
  const campaigns = useMemo(() => query.data?.items ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('campaigns.list.columns.name'),
        cell: ({ row }) => (
          <div className="grid min-w-0 gap-1">
            <Link
              to={campaignPath(row.original.id)}
              className="block truncate font-medium hover:text-primary hover:underline focus-visible:underline focus-visible:outline-none"
              title={row.original.name}
            >
              {row.original.name}
            </Link>
            {/* Phones: the status goes under the name (its column is hidden). */}
            <CampaignStatusBadge status={row.original.status} className="sm:hidden" testId="campaign-status-compact" />
          </div>
        ),
      }),
      col.accessor('status', {
        header: () => t('campaigns.list.columns.status'),
        cell: ({ getValue }) => <CampaignStatusBadge status={getValue()} />,
      }),
      col.display({
        id: 'progress',
        header: () => t('campaigns.list.columns.progress'),
        cell: ({ row }) => <CampaignProgressBar progress={row.original.progress} status={row.original.status} />,
      }),
      col.display({
        id: 'up',
        header: () => t('campaigns.list.columns.up'),
        cell: ({ row }) => (
          <span className="tabular-nums" data-testid="campaign-up">
            {formatNumber(row.original.progress.up)}
          </span>
        ),
      }),
      col.display({
        id: 'answered',
        header: () => t('campaigns.list.columns.answered'),
        cell: ({ row }) => (
          <span className="tabular-nums" data-testid="campaign-answered">
            {formatNumber(row.original.progress.answered)}
          </span>
        ),
      }),
      col.display({
        id: 'asr',
        header: () => <abbr title={t('campaigns.counters.asrHint')} className="no-underline">{t('campaigns.list.columns.asr')}</abbr>,
        cell: ({ row }) => <span className="tabular-nums">{formatRate(row.original.progress.asr)}</span>,
      }),
      col.accessor('createdAt', {
        header: () => t('campaigns.list.columns.createdAt'),
        cell: ({ row }) => <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">{formatInZone(row.original.createdAt, row.original.timezone)}</span>,
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => <CampaignQuickActions campaign={row.original} isAdmin={isAdmin} />,
      }),
    ],
    [t, isAdmin],
  )

  if (query.isError)
    return (
      <Card className="py-0">
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    )
  if (query.isSuccess && campaigns.length === 0) return <CampaignsEmpty isAdmin={isAdmin} />
  return (
    <Card className="gap-0 overflow-hidden py-0">
      <DataTable
        aria-label={t('campaigns.list.tableLabel')}
        columns={columns}
        data={campaigns}
        getRowId={(c) => String(c.id)}
        isLoading={query.isPending}
        columnClassName={{
          name: 'min-w-28 max-w-0',
          status: 'hidden sm:table-cell w-px whitespace-nowrap',
          progress: 'w-44',
          up: 'w-px text-right hidden sm:table-cell',
          answered: 'w-px text-right hidden md:table-cell',
          asr: 'w-px text-right hidden md:table-cell',
          createdAt: 'w-px hidden lg:table-cell',
          actions: 'w-20 text-right',
        }}
        rowProps={(c) => ({ 'data-testid': 'campaign-row', 'aria-label': c.name }) as ComponentProps<'tr'>}
      />
    </Card>
  )
}
