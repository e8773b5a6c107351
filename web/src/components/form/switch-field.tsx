import type * as React from 'react'
import { Label } from '@/components/ui/label'
import { Switch } from '@/components/ui/switch'
import { cn } from '@/lib/utils'

/** A labelled switch in a bordered box with a hint (or the field's error). */
export function SwitchField({
  id,
  label,
  hint,
  error,
  checked,
  onCheckedChange,
  onBlur,
  disabled,
  className,
}: {
  id: string
  label: React.ReactNode
  hint: React.ReactNode
  error?: string
  checked: boolean
  onCheckedChange: (checked: boolean) => void
  onBlur?: () => void
  disabled?: boolean
  className?: string
}) {
  return (
    <div className={cn('flex items-start justify-between gap-4 rounded-lg border bg-muted/30 px-4 py-3', className)}>
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-[0.8rem] text-muted-foreground">
          {error ? <span className="font-medium text-destructive">{error}</span> : hint}
        </p>
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={onCheckedChange}
        onBlur={onBlur}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
      />
    </div>
  )
}
