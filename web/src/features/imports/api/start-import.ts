import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ImportOptions, Job } from '@/lib/api/client'
import { postMultipart, type UploadProgress } from '@/lib/api/upload'
import { applyJob } from './job-events'

/** Where a file is imported: a contact list, or the DNC list. */
export type ImportTarget =
  | { kind: 'contact-import'; listId: number; customLabels: readonly (string | null)[] }
  | { kind: 'dnc-import' }

export interface StartImportInput {
  target: ImportTarget
  file: File
  options: ImportOptions
  onUploadProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

/**
 * Uploads the whole file (multipart `file` + `options` as JSON) and answers the queued job.
 * XMLHttpRequest, not fetch: it reports the upload's progress.
 */
export async function startImport({ target, file, options, onUploadProgress, signal }: StartImportInput) {
  const form = new FormData()
  // Options first: the server can read them before the file's bytes stream in.
  form.append('options', JSON.stringify(options))
  form.append('file', file, file.name)
  const path = target.kind === 'dnc-import' ? '/dnc/import' : `/contact-lists/${target.listId}/import`
  return postMultipart<Job>(path, form, { onUploadProgress, signal })
}

export function useStartImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: startImport,
    onSuccess: (job) => applyJob(queryClient, job),
  })
}
