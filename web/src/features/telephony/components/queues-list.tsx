import { useMemo, useState, type ComponentProps } from 'react'
import { ListOrdered, Music, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { paths } from '@/config/paths'
import type { Queue } from '@/lib/api/client'
import { useAudioOptions } from '../api/get-audio-options'
import { useExtensions } from '../api/get-extensions'
import { usePbxLive } from '../api/get-pbx-live'
import { useQueues } from '../api/get-queues'
import { CreateQueueDialog } from './create-queue-dialog'
import { DeleteQueueDialog } from './delete-queue-dialog'
import { EditQueueDialog } from './edit-queue-dialog'
import { TelephonyListFrame } from './list-frame'
import { QueueLiveCell } from './queue-live'
import { EditDeleteActions } from './row-actions'
import { TelephonyEmpty } from './telephony-empty'

const col = dataTableColumns<Queue>()

function QueuesEmpty({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  if (!canManage)
    return <TelephonyEmpty icon={ListOrdered} title={t('telephony.queues.empty.operatorTitle')} description={t('telephony.queues.empty.operatorDescription')} />
  return (
    <TelephonyEmpty
      icon={ListOrdered}
      title={t('telephony.queues.empty.title')}
      description={t('telephony.queues.empty.description')}
      action={
        <div className="mt-2 flex flex-wrap justify-center gap-2">
          <Button asChild variant="outline">
            <Link to={paths.extensions}>{t('telephony.queues.members.goToExtensions')}</Link>
          </Button>
          <CreateQueueDialog
            trigger={
              <Button>
                <Plus aria-hidden />
                {t('telephony.queues.create.submit')}
              </Button>
            }
          />
        </div>
      }
    />
  )
}

/** Filas: every queue with its strategy, members and what Asterisk shows now; admins edit and delete. */
export function QueuesList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const query = useQueues()
  const extensions = useExtensions()
  const moh = useAudioOptions('moh')
  const live = usePbxLive()
  const [editing, setEditing] = useState<Queue | null>(null)
  const [deleting, setDeleting] = useState<Queue | null>(null)
  const queues = useMemo(() => query.data ?? [], [query.data])
  const mohNames = useMemo(() => new Map((moh.data ?? []).map((a) => [a.id, a.name])), [moh.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('telephony.queues.columns.name'),
        cell: ({ row }) => {
          const q = row.original
          return (
            <div className="grid min-w-0 gap-0.5">
              <span className="truncate font-mono font-semibold" title={q.name}>
                {q.name}
              </span>
              <span className="text-xs text-muted-foreground">{t('telephony.queues.timing', { timeout: q.timeoutS, retry: q.retryS })}</span>
              {(q.maxCallers > 0 || q.wrapupS > 0) && (
                <span className="hidden text-xs text-muted-foreground sm:inline">
                  {[q.maxCallers > 0 ? t('telephony.queues.maxCallers', { count: q.maxCallers }) : null, q.wrapupS > 0 ? t('telephony.queues.wrapup', { count: q.wrapupS }) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              )}
              <span className="hidden min-w-0 items-start gap-1 text-xs text-muted-foreground sm:flex">
                <Music className="mt-0.5 size-3 shrink-0" aria-hidden />
                <span className="break-words">
                  {q.mohAudioId == null
                    ? t('telephony.queues.mohDefault')
                    : t('telephony.queues.moh', { name: mohNames.get(q.mohAudioId) ?? t('telephony.queues.audioMissing', { id: q.mohAudioId }) })}
                </span>
              </span>
            </div>
          )
        },
      }),
      col.accessor('strategy', {
        header: () => t('telephony.queues.columns.strategy'),
        cell: ({ getValue }) => {
          const s = getValue()
          return (
            <Tooltip>
              <TooltipTrigger asChild>
                <span tabIndex={0} className="inline-flex flex-col rounded outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
                  <span className="text-sm">{t(`telephony.queues.strategies.${s}.label`)}</span>
                  <span className="font-mono text-[0.7rem] text-muted-foreground">{s}</span>
                </span>
              </TooltipTrigger>
              <TooltipContent className="max-w-64">{t(`telephony.queues.strategies.${s}.description`)}</TooltipContent>
            </Tooltip>
          )
        },
      }),
      col.accessor('members', {
        header: () => t('telephony.queues.columns.members'),
        cell: ({ getValue }) => {
          const members = getValue()
          if (members.length === 0) return <span className="text-xs text-warning">{t('telephony.queues.noMembers')}</span>
          return (
            <div className="grid gap-1">
              <span className="text-xs text-muted-foreground">{t('telephony.queues.membersCount', { count: members.length })}</span>
              <ul className="flex max-w-64 flex-wrap gap-1" data-testid="queue-members">
                {members.map((m) => (
                  <li key={m.extensionId}>
                    <Badge variant="outline" className={m.paused ? 'border-warning/40 text-warning' : undefined} title={m.name ?? undefined}>
                      <span className="font-mono tabular-nums">{m.number ?? m.extensionId}</span>
                      {m.name && <span className="max-w-40 truncate font-normal text-muted-foreground">{m.name}</span>}
                      {m.penalty > 0 && <span className="font-normal text-muted-foreground">· {t('telephony.queues.penalty', { count: m.penalty })}</span>}
                    </Badge>
                  </li>
                ))}
              </ul>
            </div>
          )
        },
      }),
      col.display({
        id: 'live',
        header: () => t('telephony.queues.columns.live'),
        cell: ({ row }) => <QueueLiveCell queue={row.original} extensions={extensions.data ?? []} live={live.data} pending={live.isPending} failed={live.isError && !live.data} />,
      }),
      ...(canManage
        ? [
            col.display({
              id: 'actions',
              header: () => <span className="sr-only">{t('common.actions')}</span>,
              cell: ({ row }) => {
                const q = row.original
                return (
                  <EditDeleteActions
                    editLabel={t('telephony.queues.edit.action', { name: q.name })}
                    deleteLabel={t('telephony.queues.delete.action', { name: q.name })}
                    onEdit={() => setEditing(q)}
                    onDelete={() => setDeleting(q)}
                  />
                )
              },
            }),
          ]
        : []),
    ],
    [t, canManage, live.data, live.isPending, live.isError, extensions.data, mohNames],
  )

  return (
    <TelephonyListFrame
      query={query}
      isEmpty={queues.length === 0}
      canManage={canManage}
      empty={<QueuesEmpty canManage={canManage} />}
      dialogs={
        <>
          <EditQueueDialog queue={editing} onOpenChange={(o) => !o && setEditing(null)} />
          <DeleteQueueDialog queue={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
        </>
      }
    >
      <DataTable
        aria-label={t('telephony.queues.tableLabel')}
        columns={columns}
        data={queues}
        getRowId={(q) => String(q.id)}
        isLoading={query.isPending}
        columnClassName={{
          name: 'min-w-28 sm:min-w-52 max-w-0',
          strategy: 'hidden md:table-cell w-px whitespace-nowrap',
          members: 'hidden lg:table-cell',
          live: 'min-w-36 sm:min-w-40',
          actions: 'w-20 sm:w-24 text-right',
        }}
        rowProps={(q) => ({ 'data-testid': 'queue-row', 'aria-label': q.name }) as ComponentProps<'tr'>}
      />
    </TelephonyListFrame>
  )
}
