import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Root of every queue query; a `change` event for `queue` (or `extension`) invalidates it. */
export const QUEUES_ROOT = ['queues'] as const
export const queuesQueryKey = [...QUEUES_ROOT, 'list'] as const

export async function getQueues({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/queues', { signal }))
}

export const queuesQueryOptions = () =>
  queryOptions({
    queryKey: queuesQueryKey,
    queryFn: ({ signal }) => getQueues({ signal }),
    select: (data) => [...data.items].sort((a, b) => a.name.localeCompare(b.name)),
  })

/** Every queue with its members (not paged), by name. */
export function useQueues() {
  return useQuery(queuesQueryOptions())
}
