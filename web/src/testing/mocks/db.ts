import type { ApiToken, AuditEntry, User } from '@/lib/api/client'

/** In-memory data behind the MSW handlers; reset before every test. */
export interface MockDb {
  users: (User & { password: string })[]
  tokens: ApiToken[]
  audit: AuditEntry[]
  /** id of the logged-in user, or null for no session */
  sessionUserId: number | null
  csrfToken: string
}

const T = '2025-01-15T13:00:00Z'

export function makeUser(over: Partial<User> & { id: number; password?: string }): User & { password: string } {
  return {
    email: `user${over.id}@callcenter.com.br`,
    name: `Usuário ${over.id}`,
    role: 'user',
    active: true,
    createdAt: T,
    updatedAt: T,
    lastLoginAt: null,
    password: 'senha-segura-123',
    ...over,
  }
}

export const db: MockDb = {
  users: [],
  tokens: [],
  audit: [],
  sessionUserId: null,
  csrfToken: 'csrf-test-token',
}

export function resetDb() {
  db.users = [
    makeUser({ id: 1, email: 'admin@torpedo.local', name: 'Ana Administradora', role: 'admin', password: 'admin-senha-123', lastLoginAt: T }),
    makeUser({ id: 2, email: 'joao@callcenter.com.br', name: 'João Operador', role: 'user' }),
    makeUser({ id: 3, email: 'inativa@callcenter.com.br', name: 'Beatriz Inativa', role: 'user', active: false }),
  ]
  db.tokens = []
  db.audit = [
    {
      id: 1,
      at: T,
      userId: 1,
      userEmail: 'admin@torpedo.local',
      action: 'user.create',
      entityType: 'user',
      entityId: '2',
      address: '10.0.0.5',
      details: { email: 'joao@callcenter.com.br', role: 'user' },
    },
  ]
  db.sessionUserId = null
}

export function loginAs(id: number | null) {
  db.sessionUserId = id
}
