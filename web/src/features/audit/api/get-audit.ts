import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export const AUDIT_PAGE_SIZE = 50

export interface AuditFilters {
  entityType?: string
  action?: string
  userId?: number
}

export const auditQueryKey = (filters: AuditFilters) => ['audit', 'list', filters] as const

export async function getAudit(filters: AuditFilters, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    api.GET('/audit', {
      params: {
        query: {
          limit: AUDIT_PAGE_SIZE,
          cursor: cursor ?? undefined,
          entityType: filters.entityType || undefined,
          action: filters.action || undefined,
          userId: filters.userId,
        },
      },
      signal,
    }),
  )
}

/** Newest first; "carregar mais" follows nextCursor. */
export const auditQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditQueryKey(filters),
    queryFn: ({ pageParam, signal }) => getAudit(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery(auditQueryOptions(filters))
}
