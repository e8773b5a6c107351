import { useMemo, type ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Card, CardHeader, CardTitle } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { useNow } from '@/hooks/use-now'
import type { LiveCall } from '@/lib/api/client'
import { secondsSince } from '@/lib/format'
import { formatPhone } from '@/lib/phone'
import { e164 } from '../lib/format'

const col = dataTableColumns<LiveCall>()
const STATE_VARIANT = { dialing: 'muted', ringing: 'warning', up: 'success' } as const

/** "1:05" */
function clock(seconds: number | null) {
  if (seconds === null) return ''
  const s = Math.floor(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** Chamadas em curso: number, state, trunk and how long since it was dialed (answered, for calls up). */
export function LiveCallsTable({ calls, trunkName, isLoading }: { calls: LiveCall[]; trunkName: (id: number | null) => string; isLoading: boolean }) {
  const { t } = useTranslation()
  const now = useNow(1000)
  const columns = useMemo(
    () => [
      col.accessor('number', {
        header: () => t('campaigns.live.columns.number'),
        cell: ({ getValue }) => <span className="font-mono text-xs whitespace-nowrap">{formatPhone(e164(getValue()))}</span>,
      }),
      col.accessor('state', {
        header: () => t('campaigns.live.columns.state'),
        cell: ({ getValue }) => <Badge variant={STATE_VARIANT[getValue()]}>{t(`campaigns.live.states.${getValue()}`)}</Badge>,
      }),
      col.accessor('trunkId', {
        header: () => t('campaigns.live.columns.trunk'),
        cell: ({ getValue }) => <span className="font-mono text-xs">{trunkName(getValue())}</span>,
      }),
      col.display({
        id: 'since',
        header: () => t('campaigns.live.columns.since'),
        cell: ({ row }) => (
          <span className="tabular-nums" title={row.original.answeredAt ?? row.original.startedAt}>
            {clock(secondsSince(row.original.answeredAt ?? row.original.startedAt, now))}
          </span>
        ),
      }),
    ],
    [t, trunkName, now],
  )
  return (
    <Card className="gap-0 overflow-hidden py-0">
      <CardHeader className="border-b py-4">
        <CardTitle className="flex items-center gap-2">
          {t('campaigns.live.title')}
          <Badge variant={calls.length > 0 ? 'success' : 'muted'} className="tabular-nums">
            {calls.length}
          </Badge>
        </CardTitle>
      </CardHeader>
      <div className="max-h-96 overflow-y-auto">
        <DataTable
          aria-label={t('campaigns.live.title')}
          columns={columns}
          data={calls}
          getRowId={(c) => String(c.attemptId)}
          isLoading={isLoading}
          empty={t('campaigns.live.empty')}
          columnClassName={{ state: 'w-px', trunkId: 'hidden sm:table-cell', since: 'w-px text-right' }}
          rowProps={(c) => ({ 'data-testid': 'live-call', 'data-state': c.state }) as ComponentProps<'tr'>}
        />
      </div>
    </Card>
  )
}
