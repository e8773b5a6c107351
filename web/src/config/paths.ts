/** Every route of the app in one place. */
export const paths = {
  home: '/',
  login: '/login',
  dashboard: '/dashboard',
  contacts: '/contatos',
  contactList: '/contatos/:id',
  dnc: '/nao-me-perturbe',
  audio: '/audios',
  campaigns: '/campanhas',
  reports: '/relatorios',
  extensions: '/ramais',
  queues: '/filas',
  trunks: '/troncos',
  servers: '/servidores',
  users: '/usuarios',
  audit: '/auditoria',
  tokens: '/tokens',
  account: '/minha-conta',
} as const

export function loginPath(next?: string) {
  return next && next !== '/' && !next.startsWith(paths.login)
    ? `${paths.login}?next=${encodeURIComponent(next)}`
    : paths.login
}

/** A contact list's page: /contatos/12 */
export function contactListPath(id: number) {
  return paths.contactList.replace(':id', String(id))
}
