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

/** The server gives report URLs absolute (`/api/v1/jobs/7/report`); a relative one is made so. */
export function apiFileUrl(url: string) {
  if (url.startsWith('/') || /^https?:\/\//.test(url)) return url
  return `${API_BASE_PATH}/${url}`
}
