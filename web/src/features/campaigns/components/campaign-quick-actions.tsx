import { Pause, Play } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import type { Campaign } from '@/lib/api/client'
import { useCampaignCommand, type CampaignCommand } from '../api/command-campaign'
import { commandErrorText } from '../lib/errors'
import { campaignActions } from '../lib/status'

/** A list row's Play (start a draft, admins; resume a paused one, anyone) or Pause (anyone). */
export function CampaignQuickActions({ campaign, isAdmin }: { campaign: Campaign; isAdmin: boolean }) {
  const { t } = useTranslation()
  const command = useCampaignCommand(campaign.id)
  const allowed = campaignActions(campaign.status, isAdmin)
  const play: CampaignCommand | null = allowed.start ? 'start' : allowed.resume ? 'resume' : null
  const notReady = play === 'start' && campaign.readiness.length > 0

  const run = (cmd: CampaignCommand) =>
    command.mutate(cmd, {
      onSuccess: (c) => toast.success(t(`campaigns.actions.done.${cmd === 'start' && c.status === 'scheduled' ? 'scheduled' : cmd}`, { name: c.name })),
      onError: (error) => toast.error(commandErrorText(t, error), { id: `campaign-${campaign.id}-command` }),
    })

  if (!play && !allowed.pause) return null
  const pending = command.isPending
  return (
    <div className="flex justify-end gap-1">
      {play && (
        <Tooltip>
          <TooltipTrigger asChild>
            {/* A disabled button gets no pointer events: the span keeps the tooltip saying why. */}
            <span tabIndex={notReady ? 0 : undefined} className="inline-flex rounded-md">
              <Button
                variant="ghost"
                size="icon-sm"
                className="text-success hover:bg-success/10 hover:text-success"
                aria-label={t(`campaigns.list.${play}`, { name: campaign.name })}
                disabled={notReady}
                loading={pending && command.variables === play}
                onClick={() => run(play)}
              >
                {!(pending && command.variables === play) && <Play />}
              </Button>
            </span>
          </TooltipTrigger>
          <TooltipContent className="max-w-72">{notReady ? t('campaigns.list.notReady', { count: campaign.readiness.length }) : t(`campaigns.actions.${play}`)}</TooltipContent>
        </Tooltip>
      )}
      {allowed.pause && (
        <Tooltip>
          <TooltipTrigger asChild>
            <Button
              variant="ghost"
              size="icon-sm"
              className="text-warning hover:bg-warning/10 hover:text-warning"
              aria-label={t('campaigns.list.pause', { name: campaign.name })}
              loading={pending && command.variables === 'pause'}
              onClick={() => run('pause')}
            >
              {!(pending && command.variables === 'pause') && <Pause />}
            </Button>
          </TooltipTrigger>
          <TooltipContent>{t('campaigns.actions.pause')}</TooltipContent>
        </Tooltip>
      )}
    </div>
  )
}
