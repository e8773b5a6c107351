import { Megaphone, Music } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Badge } from '@/components/ui/badge'
import type { AudioKind } from '@/lib/api/client'

const KINDS = {
  campaign: { Icon: Megaphone, variant: 'default' },
  moh: { Icon: Music, variant: 'secondary' },
} as const

export function KindBadge({ kind, className }: { kind: AudioKind; className?: string }) {
  const { t } = useTranslation()
  const { Icon, variant } = KINDS[kind]
  return (
    <Badge variant={variant} className={className}>
      <Icon aria-hidden />
      {t(`audio.kinds.${kind}`)}
    </Badge>
  )
}
