import { API_BASE_PATH } from './client'

/**
 * Files the server streams (CSV exports, the import template, rejected-rows reports) are
 * downloaded by plain links: the browser sends the session cookie on a same-origin GET, and a
 * file of any size goes straight to disk instead of through page memory.
 */
export const contactTemplateUrl = `${API_BASE_PATH}/contact-lists/template.csv`

export function contactsExportUrl(listId: number) {
  return `${API_BASE_PATH}/contact-lists/${listId}/export`
}

export type AudioVariant = 'wav16' | 'wav8' | 'original'

/**
 * An audio's bytes: `wav16` (the default, 16 kHz mono WAV) plays in every browser and is what
 * the page's player uses; `original` is the file as it was sent.
 */
export function audioFileUrl(id: number, variant?: AudioVariant) {
  return `${API_BASE_PATH}/audio/${id}/file${variant ? `?variant=${variant}` : ''}`
}

/** The server gives report URLs absolute (`/api/v1/jobs/7/report`); a relative one is made so. */
export function apiFileUrl(url: string) {
  if (url.startsWith('/') || /^https?:\/\//.test(url)) return url
  return `${API_BASE_PATH}/${url}`
}
