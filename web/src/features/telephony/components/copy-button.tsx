import { useState } from 'react'
import { Check, Copy } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/utils'

/** Copies `text` to the clipboard; shows "Copiado!" for a moment. `label` is the accessible name. */
export function CopyButton({
  text,
  label,
  iconOnly = false,
  onCopied,
  className,
}: {
  text: string
  label: string
  iconOnly?: boolean
  onCopied?: () => void
  className?: string
}) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
      onCopied?.()
      setTimeout(() => setCopied(false), 2000)
    } catch {
      toast.error(t('tokens.created.copyFailed'))
    }
  }
  if (iconOnly)
    return (
      <Button type="button" variant="ghost" size="icon-sm" className={cn('size-7 text-muted-foreground', className)} aria-label={label} title={label} onClick={copy}>
        {copied ? <Check className="size-3.5 text-success" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      </Button>
    )
  return (
    <Button type="button" variant="secondary" className={cn('shrink-0', className)} aria-label={label} onClick={copy}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {copied ? t('common.copied') : t('common.copy')}
    </Button>
  )
}
