import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, setCsrfToken, type Schemas } from '@/lib/api/client'
import { isApiError, unwrap } from '@/lib/api/errors'

export type Me = Schemas['MeResponse']

export const meQueryKey = ['auth', 'me'] as const

/** The logged-in user, or null when there is no valid session. */
export async function getMe(): Promise<Me | null> {
  try {
    const me = await unwrap(api.GET('/auth/me'))
    setCsrfToken(me.csrfToken)
    return me
  } catch (error) {
    if (isApiError(error, 'unauthorized')) {
      setCsrfToken(null)
      return null
    }
    throw error
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 5 * 60_000,
    retry: false,
  })

export function useMe() {
  return useQuery(meQueryOptions())
}
