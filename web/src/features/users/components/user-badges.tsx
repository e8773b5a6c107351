import { ShieldCheck, User as UserIcon } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { Role } from '@/lib/api/client'

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation()
  return role === 'admin' ? (
    <Badge variant="default">
      <ShieldCheck aria-hidden />
      {t('roles.admin')}
    </Badge>
  ) : (
    <Badge variant="secondary">
      <UserIcon aria-hidden />
      {t('roles.user')}
    </Badge>
  )
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation()
  return (
    <Badge variant={active ? 'success' : 'muted'}>
      <span aria-hidden className={active ? 'size-1.5 rounded-full bg-success' : 'size-1.5 rounded-full bg-muted-foreground'} />
      {active ? t('status.active') : t('status.inactive')}
    </Badge>
  )
}
