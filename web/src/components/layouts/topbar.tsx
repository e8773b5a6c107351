import { useState } from 'react'
import { LogOut, Menu } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Brand } from '@/components/brand'
import { InitialsAvatar } from '@/components/ui/avatar'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { Separator } from '@/components/ui/separator'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { User } from '@/lib/api/client'
import type { ConnectionStatus } from '@/lib/events'
import { cn } from '@/lib/utils'
import { LanguageSwitch } from './language-switch'
import { SidebarNav } from './sidebar'

function RealtimeIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation()
  if (status === 'idle') return null
  const label =
    status === 'connected'
      ? t('topbar.realtime.connected')
      : status === 'connecting'
        ? t('topbar.realtime.connecting')
        : t('topbar.realtime.disconnected')
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span role="status" aria-label={label} tabIndex={0} className="flex size-8 items-center justify-center rounded-md">
          <span
            className={cn(
              'size-2 rounded-full',
              status === 'connected' && 'bg-success shadow-[0_0_0_3px] shadow-success/20',
              status === 'connecting' && 'animate-pulse bg-warning',
              status === 'disconnected' && 'bg-destructive',
            )}
          />
        </span>
      </TooltipTrigger>
      <TooltipContent>{label}</TooltipContent>
    </Tooltip>
  )
}

interface TopbarProps {
  user: User
  realtime: ConnectionStatus
  onLogout: () => void
  loggingOut?: boolean
}

export function Topbar({ user, realtime, onLogout, loggingOut }: TopbarProps) {
  const { t } = useTranslation()
  const [menuOpen, setMenuOpen] = useState(false)
  return (
    <header className="sticky top-0 z-30 flex h-16 shrink-0 items-center gap-3 border-b bg-background/80 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 md:px-6">
      <Button variant="ghost" size="icon" className="md:hidden" aria-label={t('nav.openMenu')} onClick={() => setMenuOpen(true)}>
        <Menu />
      </Button>
      <Dialog open={menuOpen} onOpenChange={setMenuOpen}>
        <DialogContent className="top-0 left-0 flex h-full max-h-full w-72 translate-x-0 translate-y-0 flex-col gap-0 rounded-none border-y-0 border-l-0 bg-sidebar p-0 sm:max-w-72">
          <DialogTitle className="sr-only">{t('nav.mainNavigation')}</DialogTitle>
          <DialogDescription className="sr-only">{t('app.tagline')}</DialogDescription>
          <div className="flex h-16 items-center border-b px-5">
            <Brand />
          </div>
          <div className="flex-1 overflow-y-auto px-3 py-5">
            <SidebarNav role={user.role} onNavigate={() => setMenuOpen(false)} />
          </div>
        </DialogContent>
      </Dialog>
      <div className="md:hidden">
        <Brand compact />
      </div>
      <div className="ml-auto flex items-center gap-1">
        <RealtimeIndicator status={realtime} />
        <LanguageSwitch />
        <Separator orientation="vertical" className="mx-2 !h-6" />
        <div className="flex items-center gap-3 pr-1" data-testid="current-user">
          <InitialsAvatar name={user.name} />
          <div className="hidden leading-tight sm:block">
            <div className="max-w-48 truncate text-sm font-medium">{user.name}</div>
            <div className="text-xs text-muted-foreground">{t(`roles.${user.role}`)}</div>
          </div>
        </div>
        <Button variant="ghost" size="sm" onClick={onLogout} loading={loggingOut} className="text-muted-foreground">
          {!loggingOut && <LogOut aria-hidden />}
          <span className="hidden sm:inline">{t('topbar.logout')}</span>
          <span className="sr-only sm:hidden">{t('topbar.logout')}</span>
        </Button>
      </div>
    </header>
  )
}
