/** Longest name the server takes (`name` in POST /audio and PATCH /audio/{id}). */
export const AUDIO_NAME_MAX = 120

/**
 * The name an upload starts with: the file's name without its extension, trimmed, at most 120
 * characters ("Mensagem cobrança D+5.mp3" → "Mensagem cobrança D+5"). A file named only
 * ".mp3" keeps its name. The person can change it before sending.
 */
export function nameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  const name = (dot > 0 ? base.slice(0, dot) : base).replace(/\s+/g, ' ').trim()
  return Array.from(name).slice(0, AUDIO_NAME_MAX).join('').trim()
}
