import { useMemo, useState } from 'react'
import { Ban } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { QueryError } from '@/components/query-error'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import type { ApiToken } from '@/lib/api/client'
import { errorMessage } from '@/lib/api/messages'
import { formatDateTime } from '@/lib/format'
import { useTokens } from '../api/get-tokens'
import { useRevokeToken } from '../api/revoke-token'
import { tokenStatus } from '../lib/token-status'

const col = dataTableColumns<ApiToken>()

function RevokeTokenDialog({ token, onOpenChange }: { token: ApiToken | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const revoke = useRevokeToken()
  return (
    <ConfirmDialog
      open={token !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => revoke.reset()}
      title={t('tokens.revoke.title')}
      description={token ? t('tokens.revoke.description', { name: token.name }) : null}
      error={revoke.error ? errorMessage(t, revoke.error) : undefined}
      confirmLabel={t('tokens.revoke.confirm')}
      pending={revoke.isPending}
      onConfirm={async () => {
        if (!token) return
        await revoke.mutateAsync(token.id)
        toast.success(t('tokens.revoke.success', { name: token.name }))
      }}
    />
  )
}

export function TokensList() {
  const { t } = useTranslation()
  const query = useTokens()
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const tokens = useMemo(() => query.data?.items ?? [], [query.data])

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('tokens.columns.name'),
        cell: ({ getValue }) => <span className="font-medium">{getValue()}</span>,
      }),
      col.accessor('prefix', {
        header: () => t('tokens.columns.prefix'),
        cell: ({ getValue }) => (
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">{getValue()}…</code>
        ),
      }),
      col.display({
        id: 'status',
        header: () => t('tokens.columns.status'),
        cell: ({ row }) => {
          const s = tokenStatus(row.original)
          return (
            <Badge variant={s === 'active' ? 'success' : s === 'expired' ? 'warning' : 'muted'}>
              {t(`tokens.status.${s}`)}
            </Badge>
          )
        },
      }),
      col.accessor('createdAt', {
        header: () => t('tokens.columns.createdAt'),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      col.accessor('lastUsedAt', {
        header: () => t('tokens.columns.lastUsedAt'),
        cell: ({ getValue }) => formatDateTime(getValue()) || t('common.never'),
      }),
      col.accessor('expiresAt', {
        header: () => t('tokens.columns.expiresAt'),
        cell: ({ getValue }) => formatDateTime(getValue()) || t('tokens.noExpiry'),
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) =>
          tokenStatus(row.original) === 'revoked' ? null : (
            <Button
              variant="ghost"
              size="sm"
              className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
              onClick={() => setRevoking(row.original)}
              aria-label={`${t('tokens.revoke.action')} ${row.original.name}`}
            >
              <Ban aria-hidden />
              {t('tokens.revoke.action')}
            </Button>
          ),
      }),
    ],
    [t],
  )

  return (
    <>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <DataTable
            aria-label={t('tokens.title')}
            columns={columns}
            data={tokens}
            getRowId={(tk) => String(tk.id)}
            isLoading={query.isPending}
            empty={t('tokens.empty')}
            columnClassName={{
              createdAt: 'hidden md:table-cell whitespace-nowrap text-muted-foreground',
              lastUsedAt: 'hidden lg:table-cell whitespace-nowrap text-muted-foreground',
              expiresAt: 'hidden lg:table-cell whitespace-nowrap text-muted-foreground',
              actions: 'w-32 text-right',
            }}
            rowProps={(tk) => (tokenStatus(tk) === 'active' ? {} : { className: 'opacity-60' })}
          />
        )}
      </Card>
      <RevokeTokenDialog token={revoking} onOpenChange={(o) => !o && setRevoking(null)} />
    </>
  )
}
