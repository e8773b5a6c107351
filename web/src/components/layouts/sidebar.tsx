import { NavLink } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Brand } from '@/components/brand'
import { SECTION_GROUPS, SECTIONS, visibleSections, type Section } from '@/config/sections'
import type { Role } from '@/lib/api/client'
import { cn } from '@/lib/utils'

interface SidebarNavProps {
  role: Role
  sections?: readonly Section[]
  onNavigate?: () => void
}

/** The product's sections the role may see, grouped; unavailable features are not rendered. */
export function SidebarNav({ role, sections = SECTIONS, onNavigate }: SidebarNavProps) {
  const { t } = useTranslation()
  const visible = visibleSections(role, sections)
  return (
    <nav aria-label={t('nav.mainNavigation')} className="flex flex-col gap-5">
      {SECTION_GROUPS.map((group) => {
        const items = visible.filter((s) => s.group === group)
        if (items.length === 0) return null
        return (
          <div key={group} className="flex flex-col gap-1">
            <div className="px-3 pb-1 text-[0.68rem] font-semibold tracking-wider text-muted-foreground/80 uppercase">
              {t(`nav.groups.${group}`)}
            </div>
            <ul className="flex flex-col gap-0.5">
              {items.map((s) => (
                <li key={s.id}>
                  <NavLink
                    to={s.path}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      cn(
                        'group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground transition-colors',
                        'hover:bg-sidebar-accent/70 hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none',
                        isActive && 'bg-sidebar-accent text-sidebar-accent-foreground shadow-[inset_2px_0_0_var(--primary)]',
                      )
                    }
                  >
                    {({ isActive }) => (
                      <>
                        <s.icon
                          aria-hidden
                          className={cn('size-4 shrink-0', isActive ? 'text-primary' : 'text-muted-foreground group-hover:text-foreground')}
                        />
                        {t(s.labelKey)}
                      </>
                    )}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        )
      })}
    </nav>
  )
}

export function Sidebar({ role }: { role: Role }) {
  return (
    <aside className="hidden w-64 shrink-0 flex-col border-r border-sidebar-border bg-sidebar md:flex">
      <div className="flex h-16 items-center border-b border-sidebar-border px-5">
        <Brand />
      </div>
      <div className="flex-1 overflow-y-auto px-3 py-5">
        <SidebarNav role={role} />
      </div>
    </aside>
  )
}
