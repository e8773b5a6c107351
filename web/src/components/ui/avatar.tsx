import { cn } from '@/lib/utils'

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  const first = parts[0]!.charAt(0)
  const last = parts.length > 1 ? parts[parts.length - 1]!.charAt(0) : ''
  return (first + last).toUpperCase()
}

/** Initials in a circle; the hue is derived from the name so people are easy to tell apart. */
export function InitialsAvatar({ name, className }: { name: string; className?: string }) {
  let hash = 0
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  const hue = hash % 360
  return (
    <span
      aria-hidden
      className={cn(
        'inline-flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold select-none',
        className,
      )}
      style={{ backgroundColor: `oklch(0.36 0.07 ${hue})`, color: `oklch(0.92 0.05 ${hue})` }}
    >
      {initials(name)}
    </span>
  )
}
