import type * as React from 'react'
import { Pencil, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { cn } from '@/lib/utils'

/** A row's icon button with a tooltip. */
export function RowAction({
  label,
  tooltip,
  onClick,
  destructive,
  className,
  children,
}: {
  label: string
  tooltip: string
  onClick: () => void
  destructive?: boolean
  className?: string
  children: React.ReactNode
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          className={cn(destructive && 'text-muted-foreground hover:bg-destructive/10 hover:text-destructive', className)}
          aria-label={label}
          onClick={onClick}
        >
          {children}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{tooltip}</TooltipContent>
    </Tooltip>
  )
}

/** Edit and delete, the two actions every telephony row has (admins). */
export function EditDeleteActions({ editLabel, deleteLabel, onEdit, onDelete, children }: { editLabel: string; deleteLabel: string; onEdit: () => void; onDelete: () => void; children?: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="flex justify-end gap-0.5 sm:gap-1">
      {children}
      <RowAction label={editLabel} tooltip={t('common.edit')} onClick={onEdit}>
        <Pencil />
      </RowAction>
      <RowAction label={deleteLabel} tooltip={t('common.delete')} onClick={onDelete} destructive>
        <Trash2 />
      </RowAction>
    </div>
  )
}
