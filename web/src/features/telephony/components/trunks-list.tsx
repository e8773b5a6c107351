import { useMemo, useState, type ComponentProps } from 'react'
import { Cable, KeyRound, Network, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { PbxLive, Trunk } from '@/lib/api/client'
import { currentLanguage } from '@/lib/i18n'
import { usePbxLive } from '../api/get-pbx-live'
import { useTrunks } from '../api/get-trunks'
import { trunkReachLive, trunkRegistrationLive } from '../lib/live'
import { CreateTrunkDialog } from './create-trunk-dialog'
import { DeleteTrunkDialog } from './delete-trunk-dialog'
import { EditTrunkDialog } from './edit-trunk-dialog'
import { LiveBadge, LiveUnknown } from './live-badge'
import { TelephonyListFrame } from './list-frame'
import { EditDeleteActions } from './row-actions'
import { TelephonyEmpty } from './telephony-empty'

const col = dataTableColumns<Trunk>()
const decimal = (v: number) => new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 2 }).format(v)
const hostPort = (t: Pick<Trunk, 'host' | 'port'>) => (t.host.includes(':') && !t.host.startsWith('[') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`)

function TrunksEmpty({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  if (!canManage)
    return <TelephonyEmpty icon={Cable} title={t('telephony.trunks.empty.operatorTitle')} description={t('telephony.trunks.empty.operatorDescription')} />
  return (
    <TelephonyEmpty
      icon={Cable}
      title={t('telephony.trunks.empty.title')}
      description={t('telephony.trunks.empty.description')}
      action={
        <CreateTrunkDialog
          trigger={
            <Button className="mt-2">
              <Plus aria-hidden />
              {t('telephony.trunks.create.submit')}
            </Button>
          }
        />
      }
    />
  )
}

/** Registration (or how the carrier authenticates) and whether Asterisk reaches the carrier. */
function TrunkLive({ trunk, live, pending, failed }: { trunk: Trunk; live: PbxLive | undefined; pending: boolean; failed: boolean }) {
  const { t } = useTranslation()
  if (failed) return <LiveUnknown />
  const reach = trunkReachLive(trunk, live)
  // With a registration, its badge already says when Asterisk lacks the trunk; without one, the
  // reach badge is the only live one.
  const showReach = trunk.registerOutbound
    ? reach.state === 'reachable' || reach.state === 'unreachable' || reach.state === 'unknown'
    : trunk.enabled && reach.state !== 'noNodes'
  return (
    <div className="flex flex-col items-start gap-1" data-testid="trunk-live">
      {trunk.registerOutbound ? (
        <LiveBadge summary={trunkRegistrationLive(trunk, live)} pending={pending} />
      ) : !trunk.enabled ? (
        <LiveBadge summary={reach} pending={pending} />
      ) : (
        <Tooltip>
          <TooltipTrigger asChild>
            <span tabIndex={0} className="inline-flex rounded-full outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              <Badge variant="outline" className="gap-1.5 text-muted-foreground" data-state={trunk.hasSecret ? 'noRegister' : 'ip'}>
                {trunk.hasSecret ? <KeyRound aria-hidden /> : <Network aria-hidden />}
                {trunk.hasSecret ? t('telephony.trunks.auth.noRegister') : t('telephony.trunks.auth.ipBadge')}
              </Badge>
            </span>
          </TooltipTrigger>
          <TooltipContent className="max-w-64">{trunk.hasSecret ? t('telephony.trunks.auth.noRegisterHint') : t('telephony.trunks.auth.ipHint')}</TooltipContent>
        </Tooltip>
      )}
      {showReach && !pending && <LiveBadge summary={reach} />}
    </div>
  )
}

/** Troncos: every SIP trunk with its carrier, authentication, live registration, limits and numbering; admins edit and delete. */
export function TrunksList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const query = useTrunks()
  const live = usePbxLive()
  const [editing, setEditing] = useState<Trunk | null>(null)
  const [deleting, setDeleting] = useState<Trunk | null>(null)
  const trunks = useMemo(() => query.data ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('telephony.trunks.columns.name'),
        cell: ({ row }) => {
          const tr = row.original
          return (
            <div className="grid min-w-0 gap-0.5">
              <div className="flex min-w-0 items-center gap-2">
                <span className="truncate font-mono font-semibold" title={tr.name}>
                  {tr.name}
                </span>
                {!tr.enabled && <Badge variant="muted">{t('telephony.disabledBadge')}</Badge>}
              </div>
              <span className="truncate font-mono text-xs text-muted-foreground md:hidden">{hostPort(tr)}</span>
            </div>
          )
        },
      }),
      col.accessor('host', {
        header: () => t('telephony.trunks.columns.host'),
        cell: ({ row }) => {
          const tr = row.original
          return (
            <div className="grid gap-0.5">
              <span className="font-mono text-xs" data-testid="trunk-host">
                {hostPort(tr)}
              </span>
              <span className="text-xs text-muted-foreground uppercase">{tr.transport}</span>
            </div>
          )
        },
      }),
      col.display({
        id: 'auth',
        header: () => t('telephony.trunks.columns.auth'),
        cell: ({ row }) => {
          const tr = row.original
          return (
            <div className="grid gap-0.5 text-xs">
              {tr.username && (
                <span>{tr.registerOutbound ? t('telephony.trunks.auth.register', { user: tr.username }) : t('telephony.trunks.auth.user', { user: tr.username })}</span>
              )}
              {tr.ipMatch.length > 0 && (
                <span className="text-muted-foreground" title={tr.ipMatch.join(', ')}>
                  {t('telephony.trunks.auth.ip', { count: tr.ipMatch.length })}
                </span>
              )}
            </div>
          )
        },
      }),
      col.display({
        id: 'live',
        header: () => t('telephony.trunks.columns.live'),
        cell: ({ row }) => <TrunkLive trunk={row.original} live={live.data} pending={live.isPending} failed={live.isError && !live.data} />,
      }),
      col.display({
        id: 'limits',
        header: () => t('telephony.trunks.columns.limits'),
        cell: ({ row }) => {
          const tr = row.original
          return (
            <div className="grid gap-0.5 text-xs">
              <span className="whitespace-nowrap tabular-nums">{t('telephony.trunks.limits', { channels: tr.maxChannels, cps: decimal(tr.maxCps) })}</span>
              <span className="font-mono text-muted-foreground">{tr.codecs.join(', ')}</span>
            </div>
          )
        },
      }),
      col.accessor('numberFormat', {
        header: () => t('telephony.trunks.columns.numbering'),
        cell: ({ row }) => {
          const tr = row.original
          return (
            <div className="grid gap-0.5 text-xs">
              <span>{t(`telephony.trunks.numberFormats.${tr.numberFormat}`)}</span>
              <span className="font-mono text-muted-foreground">{t(`telephony.trunks.numberExamples.${tr.numberFormat}`, { prefix: tr.dialPrefix ?? '' })}</span>
              <span className="text-muted-foreground" title={tr.allowedPrefixes.join(', ') || undefined}>
                {tr.allowedPrefixes.length > 0 ? t('telephony.trunks.allowed', { count: tr.allowedPrefixes.length }) : t('telephony.trunks.anyNumber')}
              </span>
            </div>
          )
        },
      }),
      col.accessor('campaigns', {
        header: () => t('telephony.trunks.columns.campaigns'),
        cell: ({ getValue }) => {
          const campaigns = getValue()
          if (campaigns.length === 0) return <span className="text-xs text-muted-foreground">{t('telephony.trunks.noCampaigns')}</span>
          return (
            <div className="flex max-w-48 flex-wrap gap-1">
              {campaigns.map((c) => (
                <Badge key={c} variant="outline" className="max-w-44 truncate">
                  {c}
                </Badge>
              ))}
            </div>
          )
        },
      }),
      ...(canManage
        ? [
            col.display({
              id: 'actions',
              header: () => <span className="sr-only">{t('common.actions')}</span>,
              cell: ({ row }) => {
                const tr = row.original
                return (
                  <EditDeleteActions
                    editLabel={t('telephony.trunks.edit.action', { name: tr.name })}
                    deleteLabel={t('telephony.trunks.delete.action', { name: tr.name })}
                    onEdit={() => setEditing(tr)}
                    onDelete={() => setDeleting(tr)}
                  />
                )
              },
            }),
          ]
        : []),
    ],
    [t, canManage, live.data, live.isPending, live.isError],
  )

  return (
    <TelephonyListFrame
      query={query}
      isEmpty={trunks.length === 0}
      canManage={canManage}
      empty={<TrunksEmpty canManage={canManage} />}
      dialogs={
        <>
          <EditTrunkDialog trunk={editing} onOpenChange={(o) => !o && setEditing(null)} />
          <DeleteTrunkDialog trunk={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
        </>
      }
    >
      <DataTable
        aria-label={t('telephony.trunks.tableLabel')}
        columns={columns}
        data={trunks}
        getRowId={(tr) => String(tr.id)}
        isLoading={query.isPending}
        columnClassName={{
          name: 'min-w-32 max-w-0',
          host: 'hidden md:table-cell w-px whitespace-nowrap',
          auth: 'hidden xl:table-cell',
          live: 'w-px whitespace-nowrap',
          limits: 'hidden lg:table-cell w-px',
          numberFormat: 'hidden lg:table-cell w-px whitespace-nowrap',
          campaigns: 'hidden 2xl:table-cell',
          actions: 'w-24 text-right',
        }}
        rowProps={(tr) => ({ 'data-testid': 'trunk-row', 'aria-label': tr.name }) as ComponentProps<'tr'>}
      />
    </TelephonyListFrame>
  )
}
