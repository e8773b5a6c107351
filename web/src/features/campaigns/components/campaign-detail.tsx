import { useCallback, useMemo, useState } from 'react'
import { AlertCircle, ChevronDown, ChevronLeft } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryError } from '@/components/query-error'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Collapsible, CollapsibleContent, CollapsibleTrigger } from '@/components/ui/collapsible'
import { Skeleton } from '@/components/ui/skeleton'
import { paths } from '@/config/paths'
import type { Campaign } from '@/lib/api/client'
import { useCampaign } from '../api/get-campaign'
import { useCampaignLive } from '../api/get-campaign-live'
import { useTrunkOptions } from '../api/get-options'
import { campaignFormValues } from '../lib/campaign-form'
import { campaignActions, mayHaveCallsUp, newerProgress } from '../lib/status'
import { formatInZone } from '../lib/timezone'
import { AttemptsTable } from './attempts-table'
import { CampaignActions } from './campaign-actions'
import { CampaignCounters } from './campaign-counters'
import { CampaignProgressBar } from './campaign-progress-bar'
import { CampaignStatusBadge } from './campaign-status-badge'
import { CampaignSummary } from './campaign-summary'
import { LiveCallsTable } from './live-calls-table'
import { OutcomeChart } from './outcome-chart'
import { ReadinessAlert } from './readiness-alert'

function BackLink() {
  const { t } = useTranslation()
  return (
    <Link to={paths.campaigns} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ChevronLeft className="size-4" aria-hidden />
      {t('campaigns.title')}
    </Link>
  )
}

/** Dates that matter, on the campaign's clock. */
function CampaignDates({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  const tz = campaign.timezone
  const parts = [
    t('campaigns.detail.createdAt', { date: formatInZone(campaign.createdAt, tz) }),
    campaign.startsAt && !campaign.startedAt && t('campaigns.detail.startsAt', { date: formatInZone(campaign.startsAt, tz) }),
    campaign.startedAt && t('campaigns.detail.startedAt', { date: formatInZone(campaign.startedAt, tz) }),
    campaign.completedAt && t(campaign.status === 'cancelled' ? 'campaigns.detail.cancelledAt' : 'campaigns.detail.completedAt', { date: formatInZone(campaign.completedAt, tz) }),
    campaign.endsAt && !campaign.completedAt && t('campaigns.detail.endsAt', { date: formatInZone(campaign.endsAt, tz) }),
    t('campaigns.detail.timezone', { zone: t(`campaigns.timezoneShort.${tz}`) }),
  ].filter(Boolean)
  return <p className="text-sm text-muted-foreground">{parts.join(' · ')}</p>
}

function DetailSkeleton() {
  return (
    <div className="space-y-6" aria-busy>
      <Skeleton className="h-8 w-72" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <Skeleton className="h-64" />
    </div>
  )
}

/**
 * A campaign: its status and controls, what keeps it from starting, the live counters (pushed by
 * `campaign-progress` messages and polled from /live every 2 s while calls may be up), the outcome
 * mix, the calls up now, the call log and its settings.
 */
export function CampaignDetail({ id, isAdmin }: { id: number; isAdmin: boolean }) {
  const { t } = useTranslation()
  const query = useCampaign(id)
  const campaign = query.data
  const polling = campaign ? mayHaveCallsUp(campaign) : false
  const live = useCampaignLive(id, { polling })
  const trunks = useTrunkOptions()
  const [commandError, setCommandError] = useState<string | null>(null)
  const trunkNames = useMemo(() => new Map((trunks.data ?? []).map((tr) => [tr.id, tr.name])), [trunks.data])
  const trunkName = useCallback((trunkId: number | null) => (trunkId == null ? '—' : (trunkNames.get(trunkId) ?? `#${trunkId}`)), [trunkNames])

  if (query.isError)
    return (
      <div className="space-y-4">
        <BackLink />
        <Card className="py-0">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      </div>
    )
  if (!campaign) return <DetailSkeleton />

  const progress = newerProgress(campaign.progress, live.data?.progress) ?? campaign.progress
  const allowed = campaignActions(campaign.status, isAdmin)

  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <BackLink />
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0 space-y-1.5">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight break-words">{campaign.name}</h1>
              <CampaignStatusBadge status={campaign.status} />
            </div>
            <CampaignDates campaign={campaign} />
          </div>
          <CampaignActions campaign={campaign} isAdmin={isAdmin} onError={setCommandError} />
        </div>
      </div>

      {commandError && (
        <Alert variant="destructive" data-testid="command-error">
          <AlertCircle aria-hidden />
          <AlertDescription>{commandError}</AlertDescription>
        </Alert>
      )}
      <ReadinessAlert campaignId={campaign.id} problems={campaign.readiness} canEdit={allowed.edit} />

      <Card className="gap-2 px-5 py-4">
        <span className="text-sm font-medium">{t('campaigns.detail.progress')}</span>
        <CampaignProgressBar progress={progress} status={campaign.status} />
      </Card>
      <CampaignCounters progress={progress} />

      <div className="grid gap-6 lg:grid-cols-2">
        <OutcomeChart progress={progress} />
        <LiveCallsTable calls={live.data?.calls ?? []} trunkName={trunkName} isLoading={live.isPending && polling} />
      </div>

      <AttemptsTable campaignId={campaign.id} timezone={campaign.timezone} trunkName={trunkName} live={polling} />

      <Collapsible>
        <CollapsibleTrigger asChild>
          <Button variant="ghost" className="group -ml-2">
            <ChevronDown className="transition-transform group-data-[state=closed]:-rotate-90" aria-hidden />
            {t('campaigns.detail.settings')}
          </Button>
        </CollapsibleTrigger>
        <CollapsibleContent className="pt-3">
          <CampaignSummary values={campaignFormValues(campaign)} />
        </CollapsibleContent>
      </Collapsible>
    </div>
  )
}
