import { useMutation } from '@tanstack/react-query'
import { api, type Schemas } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

export type PbxTestInput = Schemas['PbxTestRequest']

/** Tests AMI settings typed in the form, before saving them (POST /pbx-nodes/test). */
export async function testPbxSettings(body: PbxTestInput) {
  return unwrap(api.POST('/pbx-nodes/test', { body }))
}

export function useTestPbxSettings() {
  return useMutation({ mutationFn: testPbxSettings })
}
