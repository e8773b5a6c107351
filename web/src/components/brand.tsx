import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '@/lib/utils'

export function BrandMark({ className }: { className?: string }) {
  // Unique per instance: a gradient defined inside a hidden copy (display:none) would not paint.
  const gradientId = `torpedo-g-${useId()}`
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn('size-8', className)}>
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="oklch(0.68 0.19 256)" />
          <stop offset="1" stopColor="oklch(0.52 0.2 268)" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${gradientId})`} />
      <path d="M7 18.5 24.5 8l-4 16.5-5.2-4.3-3 3.3.3-5.2z" fill="#fff" />
    </svg>
  )
}

export function Brand({ className, compact = false }: { className?: string; compact?: boolean }) {
  const { t } = useTranslation()
  return (
    <div className={cn('flex items-center gap-3', className)}>
      <BrandMark />
      <div className="leading-tight">
        <div className="text-[0.95rem] font-semibold tracking-tight">{t('app.name')}</div>
        {!compact && <div className="text-[0.7rem] text-muted-foreground">{t('app.tagline')}</div>}
      </div>
    </div>
  )
}
