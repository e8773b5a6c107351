import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export const tokensQueryKey = ['tokens', 'list'] as const

export async function getTokens(signal?: AbortSignal) {
  return unwrap(api.GET('/tokens', { signal }))
}

export const tokensQueryOptions = () =>
  queryOptions({
    queryKey: tokensQueryKey,
    queryFn: ({ signal }) => getTokens(signal),
  })

export function useTokens() {
  return useQuery(tokensQueryOptions())
}
