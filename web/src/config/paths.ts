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
  campaignNew: '/campanhas/nova',
  campaign: '/campanhas/:id',
  campaignEdit: '/campanhas/:id/editar',
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

/** A campaign's page: /campanhas/12 */
export function campaignPath(id: number) {
  return paths.campaign.replace(':id', String(id))
}

/** The wizard on a campaign: /campanhas/12/editar (optionally at a step: ?etapa=discagem) */
export function campaignEditPath(id: number, step?: string) {
  const path = paths.campaignEdit.replace(':id', String(id))
  return step ? `${path}?etapa=${encodeURIComponent(step)}` : path
}
