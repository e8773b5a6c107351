import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { PBX_ROOT } from './get-pbx-live'

export const pbxConfigQueryKey = [...PBX_ROOT, 'config'] as const

export async function getPbxConfig({ signal }: { signal?: AbortSignal } = {}) {
  return unwrap(api.GET('/pbx/config', { signal }))
}

export const pbxConfigQueryOptions = () =>
  queryOptions({
    queryKey: pbxConfigQueryKey,
    queryFn: ({ signal }) => getPbxConfig({ signal }),
  })

/** The four include files per enabled node (passwords masked) and their diff against its disk. Admins only. */
export function usePbxConfig({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...pbxConfigQueryOptions(), enabled })
}
