import type { ReactNode } from 'react'
import { QueryError } from '@/components/query-error'
import { Card } from '@/components/ui/card'
import { NoNodesAlert } from './no-nodes-alert'

interface ListQuery {
  isError: boolean
  isSuccess: boolean
  error: unknown
  refetch: () => unknown
}

// What the Ramais, Filas and Troncos lists share around their table: the load error with a
// retry, the empty state, and (for admins) the warning when no server will get the changes.
export function TelephonyListFrame({
  query,
  isEmpty,
  canManage,
  empty,
  dialogs,
  children,
}: {
  query: ListQuery
  isEmpty: boolean
  canManage: boolean
  empty: ReactNode
  dialogs?: ReactNode
  children: ReactNode
}) {
  if (query.isError)
    return (
      <Card className="py-0">
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    )
  if (query.isSuccess && isEmpty)
    return (
      <div className="space-y-4">
        {canManage && <NoNodesAlert />}
        {empty}
      </div>
    )
  return (
    <div className="space-y-4">
      {canManage && <NoNodesAlert />}
      <Card className="gap-0 overflow-hidden py-0">{children}</Card>
      {canManage && dialogs}
    </div>
  )
}
