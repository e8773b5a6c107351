import type { QueryClient } from '@tanstack/react-query'
import type { Job } from '@/lib/api/client'

const settled = new Set<number>()

/**
 * What a finished import changes: the contacts (and list counts) of a contact import; the DNC
 * list and contacts' "Não ligar" flags of a DNC import. Runs once per job, whichever of the
 * WebSocket message or the polling sees the end first.
 */
export function invalidateAfterImport(queryClient: QueryClient, job: Job) {
  if (settled.has(job.id)) return
  settled.add(job.id)
  if (job.kind === 'contact-import') {
    void queryClient.invalidateQueries({ queryKey: ['contacts'] })
    void queryClient.invalidateQueries({ queryKey: ['contact-lists'] })
  } else {
    void queryClient.invalidateQueries({ queryKey: ['dnc'] })
    void queryClient.invalidateQueries({ queryKey: ['contacts'] })
  }
}

/** For tests: forget which jobs already refreshed their data. */
export function resetSettledJobs() {
  settled.clear()
}
