import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type PbxSettings } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { pbxSettingsQueryKey } from './get-pbx-settings'

export async function updatePbxSettings(body: PbxSettings) {
  return unwrap(api.PUT('/settings/pbx', { body }))
}

export function useUpdatePbxSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updatePbxSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(pbxSettingsQueryKey, settings)
    },
  })
}
