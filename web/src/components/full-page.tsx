import * as React from 'react'
import { Loader2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { BrandMark } from '@/components/brand'

export function FullPageSpinner() {
  const { t } = useTranslation()
  return (
    <div className="flex min-h-svh items-center justify-center" role="status" aria-live="polite">
      <div className="flex flex-col items-center gap-4 text-muted-foreground">
        <BrandMark className="size-10 opacity-90" />
        <Loader2 className="size-5 animate-spin" aria-hidden />
        <span className="sr-only">{t('common.loading')}</span>
      </div>
    </div>
  )
}

export function FullPageMessage({ title, description, action }: { title: string; description: string; action?: React.ReactNode }) {
  return (
    <div className="flex min-h-svh items-center justify-center p-6">
      <div className="flex max-w-md flex-col items-center gap-4 text-center">
        <BrandMark className="size-10" />
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="text-sm text-muted-foreground">{description}</p>
        {action}
      </div>
    </div>
  )
}
