import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** Tests a saved node's AMI settings on a short-lived session (POST /pbx-nodes/{id}/test). */
export async function testPbxNode(id: number) {
  return unwrap(api.POST('/pbx-nodes/{id}/test', { params: { path: { id } } }))
}

export function useTestPbxNode() {
  return useMutation({ mutationFn: testPbxNode })
}
