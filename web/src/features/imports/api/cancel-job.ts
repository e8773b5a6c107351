import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'
import { applyJob } from './job-events'

/** Stops a queued or running job; rows already written stay. */
export async function cancelJob(id: number) {
  return unwrap(api.POST('/jobs/{id}/cancel', { params: { path: { id } } }))
}

export function useCancelJob() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: cancelJob,
    onSuccess: (job) => applyJob(queryClient, job),
  })
}
