import {
  AudioLines,
  BarChart3,
  BookUser,
  Cable,
  Headset,
  KeyRound,
  LayoutDashboard,
  ListOrdered,
  Megaphone,
  PhoneOff,
  ScrollText,
  Server,
  UserCog,
  Users,
  type LucideIcon,
} from 'lucide-react'
import type { Role } from '@/lib/api/client'
import { paths } from './paths'

export type SectionGroup = 'operation' | 'telephony' | 'administration' | 'account'

export interface Section {
  id: string
  path: string
  /** i18n key of the label */
  labelKey: string
  icon: LucideIcon
  group: SectionGroup
  /** false until the feature has landed: the section is not shown anywhere. */
  available: boolean
  /** only administrators see it */
  adminOnly: boolean
}

/**
 * The product's sections, in sidebar order. Flip `available` when a feature lands;
 * nothing else needs to change for it to appear in the sidebar and the home redirect.
 */
export const SECTIONS: readonly Section[] = [
  // The heart of the product: first, and where "/" leads.
  { id: 'campaigns', path: paths.campaigns, labelKey: 'nav.campaigns', icon: Megaphone, group: 'operation', available: true, adminOnly: false },
  { id: 'dashboard', path: paths.dashboard, labelKey: 'nav.dashboard', icon: LayoutDashboard, group: 'operation', available: false, adminOnly: false },
  { id: 'contacts', path: paths.contacts, labelKey: 'nav.contacts', icon: BookUser, group: 'operation', available: true, adminOnly: false },
  { id: 'dnc', path: paths.dnc, labelKey: 'nav.dnc', icon: PhoneOff, group: 'operation', available: true, adminOnly: false },
  { id: 'audio', path: paths.audio, labelKey: 'nav.audio', icon: AudioLines, group: 'operation', available: true, adminOnly: false },
  { id: 'reports', path: paths.reports, labelKey: 'nav.reports', icon: BarChart3, group: 'operation', available: false, adminOnly: false },
  { id: 'servers', path: paths.servers, labelKey: 'nav.servers', icon: Server, group: 'telephony', available: true, adminOnly: false },
  { id: 'extensions', path: paths.extensions, labelKey: 'nav.extensions', icon: Headset, group: 'telephony', available: true, adminOnly: false },
  { id: 'queues', path: paths.queues, labelKey: 'nav.queues', icon: ListOrdered, group: 'telephony', available: true, adminOnly: false },
  { id: 'trunks', path: paths.trunks, labelKey: 'nav.trunks', icon: Cable, group: 'telephony', available: true, adminOnly: false },
  { id: 'users', path: paths.users, labelKey: 'nav.users', icon: Users, group: 'administration', available: true, adminOnly: true },
  { id: 'audit', path: paths.audit, labelKey: 'nav.audit', icon: ScrollText, group: 'administration', available: true, adminOnly: true },
  { id: 'tokens', path: paths.tokens, labelKey: 'nav.tokens', icon: KeyRound, group: 'account', available: true, adminOnly: false },
  { id: 'account', path: paths.account, labelKey: 'nav.account', icon: UserCog, group: 'account', available: true, adminOnly: false },
]

export const SECTION_GROUPS: readonly SectionGroup[] = ['operation', 'telephony', 'administration', 'account']

export function canSee(section: Section, role: Role): boolean {
  return section.available && (!section.adminOnly || role === 'admin')
}

export function visibleSections(role: Role, sections: readonly Section[] = SECTIONS): Section[] {
  return sections.filter((s) => canSee(s, role))
}

/** Where "/" leads: the first section this role can see. */
export function homePathFor(role: Role, sections: readonly Section[] = SECTIONS): string {
  return visibleSections(role, sections)[0]?.path ?? paths.account
}

export function sectionById(id: string): Section | undefined {
  return SECTIONS.find((s) => s.id === id)
}
