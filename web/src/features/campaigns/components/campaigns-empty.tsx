import { Megaphone, Plus } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { paths } from '@/config/paths'

/** No campaign yet: what a campaign is, and for admins "Nova campanha". */
export function CampaignsEmpty({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation()
  return (
    <Card className="items-center gap-3 px-6 py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
        <Megaphone className="size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-semibold">{t('campaigns.empty.title')}</h2>
      <p className="max-w-lg text-sm leading-relaxed text-muted-foreground">
        {isAdmin ? t('campaigns.empty.description') : t('campaigns.empty.operatorDescription')}
      </p>
      {isAdmin && (
        <Button asChild className="mt-2">
          <Link to={paths.campaignNew}>
            <Plus aria-hidden />
            {t('campaigns.new')}
          </Link>
        </Button>
      )}
    </Card>
  )
}
