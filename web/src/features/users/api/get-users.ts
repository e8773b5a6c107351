import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export const USERS_PAGE_SIZE = 50

export const usersQueryKey = (q: string) => ['users', 'list', { q }] as const

export async function getUsers({ q, cursor, signal }: { q: string; cursor?: string | null; signal?: AbortSignal }) {
  return unwrap(
    api.GET('/users', {
      params: { query: { q: q || undefined, limit: USERS_PAGE_SIZE, cursor: cursor ?? undefined } },
      signal,
    }),
  )
}

export const usersQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: usersQueryKey(q),
    queryFn: ({ pageParam, signal }) => getUsers({ q, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export function useUsers(q: string) {
  return useInfiniteQuery(usersQueryOptions(q))
}
