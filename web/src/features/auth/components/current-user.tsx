import { createContext, use, type ReactNode } from 'react'
import type { User } from '@/lib/api/client'

const CurrentUserContext = createContext<User | null>(null)

/**
 * Rendered by the auth guard once the session is known. Children read the user from here
 * rather than from the query, so that on logout the guard unmounts them before they could
 * render without a user.
 */
export function CurrentUserProvider({ user, children }: { user: User; children: ReactNode }) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>
}

// oxlint-disable-next-line react/only-export-components -- hook belongs with its provider
export function useCurrentUser(): User {
  const user = use(CurrentUserContext)
  if (!user) throw new Error('useCurrentUser() used outside <CurrentUserProvider>')
  return user
}
