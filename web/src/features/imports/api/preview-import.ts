import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api/client'
import { unwrap } from '@/lib/api/errors'

/** How much of the file the preview reads (the server detects encoding and delimiter on it). */
export const PREVIEW_BYTES = 262_144

/**
 * Sends the start of the file to POST /contact-lists/import-preview: encoding, delimiter, header,
 * sample rows and the automatic mapping. Used by DNC imports too (same file handling).
 */
export async function previewImport(file: File, listId?: number) {
  const sample = file.slice(0, PREVIEW_BYTES)
  return unwrap(
    api.POST('/contact-lists/import-preview', {
      // With the list, its custom field labels map their columns too.
      params: { query: listId === undefined ? {} : { listId } },
      // The typed body only satisfies the generated types; the form data is what is sent.
      body: { file: file.name },
      bodySerializer: () => {
        const form = new FormData()
        form.append('file', sample, file.name)
        return form
      },
    }),
  )
}

export function usePreviewImport() {
  return useMutation({ mutationFn: ({ file, listId }: { file: File; listId?: number }) => previewImport(file, listId) })
}
