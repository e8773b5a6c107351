import type * as React from 'react'
import type { LucideIcon } from 'lucide-react'
import { Card } from '@/components/ui/card'

/** A page's empty state: what the section is for and what to do first (admins get the action). */
export function TelephonyEmpty({
  icon: Icon,
  title,
  description,
  action,
  children,
}: {
  icon: LucideIcon
  title: string
  description: string
  action?: React.ReactNode
  children?: React.ReactNode
}) {
  return (
    <Card className="items-center gap-3 px-6 py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="max-w-lg text-sm leading-relaxed text-muted-foreground">{description}</p>
      {children}
      {action}
    </Card>
  )
}
