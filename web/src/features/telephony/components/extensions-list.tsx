import { useMemo, useState, type ComponentProps } from 'react'
import { Headset, KeyRound, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import type { Extension } from '@/lib/api/client'
import { useExtensions } from '../api/get-extensions'
import { usePbxLive } from '../api/get-pbx-live'
import { extensionLive } from '../lib/live'
import { CopyButton } from './copy-button'
import { CreateExtensionDialog } from './create-extension-dialog'
import { DeleteExtensionDialog } from './delete-extension-dialog'
import { EditExtensionDialog } from './edit-extension-dialog'
import { LiveBadge } from './live-badge'
import { TelephonyListFrame } from './list-frame'
import { RegenerateSecretDialog } from './regenerate-secret-dialog'
import { EditDeleteActions, RowAction } from './row-actions'
import { TelephonyEmpty } from './telephony-empty'

const col = dataTableColumns<Extension>()

function ExtensionsEmpty({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  return canManage ? (
    <TelephonyEmpty
      icon={Headset}
      title={t('telephony.extensions.empty.title')}
      description={t('telephony.extensions.empty.description')}
      action={
        <CreateExtensionDialog
          trigger={
            <Button className="mt-2">
              <Plus aria-hidden />
              {t('telephony.extensions.create.submit')}
            </Button>
          }
        />
      }
    />
  ) : (
    <TelephonyEmpty icon={Headset} title={t('telephony.extensions.empty.operatorTitle')} description={t('telephony.extensions.empty.operatorDescription')} />
  )
}

/** Ramais: every extension with its SIP user, codecs, queues and live registration; admins edit, renew the password and delete. */
export function ExtensionsList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const query = useExtensions()
  const live = usePbxLive()
  const [editing, setEditing] = useState<Extension | null>(null)
  const [renewing, setRenewing] = useState<Extension | null>(null)
  const [deleting, setDeleting] = useState<Extension | null>(null)
  const extensions = useMemo(() => query.data ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('number', {
        header: () => t('telephony.extensions.columns.number'),
        cell: ({ getValue }) => <span className="font-mono text-base font-semibold tabular-nums">{getValue()}</span>,
      }),
      col.accessor('name', {
        header: () => t('telephony.extensions.columns.name'),
        cell: ({ row }) => {
          const e = row.original
          return (
            <div className="grid min-w-0 gap-0.5">
              <div className="flex min-w-0 flex-wrap items-center gap-x-2 sm:flex-nowrap">
                {/* Phones: the number column is hidden, the number leads the name (which wraps there). */}
                <span className="font-mono font-semibold tabular-nums sm:hidden">{e.number}</span>
                <span className="font-medium break-words sm:truncate" title={e.name}>
                  {e.name}
                </span>
                {!e.enabled && (
                  <Badge variant="muted" className="hidden sm:inline-flex">
                    {t('telephony.disabledBadge')}
                  </Badge>
                )}
              </div>
              {e.callerId && <span className="truncate text-xs text-muted-foreground">{t('telephony.extensions.callerId', { callerId: e.callerId })}</span>}
              {/* Narrow screens: the SIP user under the name. */}
              <span className="truncate font-mono text-xs text-muted-foreground md:hidden">{e.endpoint}</span>
            </div>
          )
        },
      }),
      col.accessor('endpoint', {
        header: () => t('telephony.extensions.columns.endpoint'),
        cell: ({ row }) => {
          const e = row.original
          return (
            <div className="flex items-center gap-1">
              <code className="rounded bg-muted/50 px-1.5 py-0.5 font-mono text-xs" data-testid="endpoint">
                {e.endpoint}
              </code>
              <CopyButton
                iconOnly
                text={e.endpoint}
                label={t('telephony.extensions.copyEndpoint', { number: e.number })}
                onCopied={() => toast.success(t('telephony.extensions.endpointCopied', { endpoint: e.endpoint }))}
              />
            </div>
          )
        },
      }),
      col.accessor('codecs', {
        header: () => t('telephony.extensions.columns.codecs'),
        cell: ({ getValue }) => <span className="font-mono text-xs text-muted-foreground">{getValue().join(', ')}</span>,
      }),
      col.accessor('queues', {
        header: () => t('telephony.extensions.columns.queues'),
        cell: ({ getValue }) => {
          const queues = getValue()
          if (queues.length === 0) return <span className="text-xs text-muted-foreground">{t('telephony.extensions.noQueues')}</span>
          return (
            <div className="flex max-w-56 flex-wrap gap-1">
              {queues.map((q) => (
                <Badge key={q} variant="outline" className="font-mono">
                  {q}
                </Badge>
              ))}
            </div>
          )
        },
      }),
      col.display({
        id: 'live',
        header: () => t('telephony.extensions.columns.live'),
        cell: ({ row }) => (
          <LiveBadge summary={extensionLive(row.original, live.data)} pending={live.isPending} failed={live.isError && !live.data} />
        ),
      }),
      ...(canManage
        ? [
            col.display({
              id: 'actions',
              header: () => <span className="sr-only">{t('common.actions')}</span>,
              cell: ({ row }) => {
                const e = row.original
                return (
                  <EditDeleteActions
                    editLabel={t('telephony.extensions.edit.action', { number: e.number })}
                    deleteLabel={t('telephony.extensions.delete.action', { number: e.number })}
                    onEdit={() => setEditing(e)}
                    onDelete={() => setDeleting(e)}
                  >
                    <RowAction
                      label={t('telephony.extensions.secretAction.action', { number: e.number })}
                      tooltip={t('telephony.extensions.secretAction.tooltip')}
                      onClick={() => setRenewing(e)}
                      className="hidden sm:inline-flex"
                    >
                      <KeyRound />
                    </RowAction>
                  </EditDeleteActions>
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
      isEmpty={extensions.length === 0}
      canManage={canManage}
      empty={<ExtensionsEmpty canManage={canManage} />}
      dialogs={
        <>
          <EditExtensionDialog extension={editing} onOpenChange={(o) => !o && setEditing(null)} />
          <RegenerateSecretDialog extension={renewing} onOpenChange={(o) => !o && setRenewing(null)} />
          <DeleteExtensionDialog extension={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
        </>
      }
    >
      <DataTable
        aria-label={t('telephony.extensions.tableLabel')}
        columns={columns}
        data={extensions}
        getRowId={(e) => String(e.id)}
        isLoading={query.isPending}
        columnClassName={{
          number: 'hidden sm:table-cell w-20',
          name: 'min-w-28 sm:min-w-36 max-w-0',
          endpoint: 'hidden md:table-cell w-px whitespace-nowrap',
          codecs: 'hidden xl:table-cell',
          queues: 'hidden lg:table-cell',
          live: 'w-px whitespace-nowrap',
          actions: 'w-20 sm:w-32 text-right',
        }}
        rowProps={(e) => ({ 'data-testid': 'extension-row', 'aria-label': `${e.number} ${e.name}` }) as ComponentProps<'tr'>}
      />
    </TelephonyListFrame>
  )
}
