import { useState } from 'react'
import { Pause, Pencil, Play, Square, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { campaignEditPath, paths } from '@/config/paths'
import type { Campaign } from '@/lib/api/client'
import { useCampaignCommand, type CampaignCommand } from '../api/command-campaign'
import { useDeleteCampaign } from '../api/delete-campaign'
import { commandErrorText } from '../lib/errors'
import { campaignActions } from '../lib/status'

/**
 * The detail page's controls, as the role and status allow: Iniciar (admin, draft; disabled
 * while something keeps it from starting), Pausar and Retomar (anyone), Cancelar (admin, after a
 * confirmation), Editar and Excluir (admin). A refused command reports through `onError`.
 */
export function CampaignActions({ campaign, isAdmin, onError }: { campaign: Campaign; isAdmin: boolean; onError: (message: string | null) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const command = useCampaignCommand(campaign.id)
  const remove = useDeleteCampaign()
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null)
  const allowed = campaignActions(campaign.status, isAdmin)
  const busy = (cmd: CampaignCommand) => command.isPending && command.variables === cmd

  // The cancel dialog shows its own failure; the other commands report to the page.
  const run = (cmd: CampaignCommand) =>
    command.mutateAsync(cmd).then(
      (c) => {
        onError(null)
        toast.success(t(`campaigns.actions.done.${cmd === 'start' && c.status === 'scheduled' ? 'scheduled' : cmd}`, { name: c.name }))
      },
      (error: unknown) => {
        if (cmd !== 'cancel') onError(commandErrorText(t, error))
        throw error
      },
    )

  return (
    <div className="flex flex-wrap items-center gap-2">
      {allowed.start && (
        <Button onClick={() => void run('start').catch(() => {})} disabled={campaign.readiness.length > 0} loading={busy('start')}>
          {!busy('start') && <Play aria-hidden />}
          {t('campaigns.actions.start')}
        </Button>
      )}
      {allowed.pause && (
        <Button variant="secondary" onClick={() => void run('pause').catch(() => {})} loading={busy('pause')}>
          {!busy('pause') && <Pause aria-hidden />}
          {t('campaigns.actions.pause')}
        </Button>
      )}
      {allowed.resume && (
        <Button onClick={() => void run('resume').catch(() => {})} loading={busy('resume')}>
          {!busy('resume') && <Play aria-hidden />}
          {t('campaigns.actions.resume')}
        </Button>
      )}
      {allowed.edit && (
        <Button variant="outline" asChild>
          <Link to={campaignEditPath(campaign.id)}>
            <Pencil aria-hidden />
            {t('campaigns.actions.edit')}
          </Link>
        </Button>
      )}
      {allowed.cancel && (
        <Button variant="outline" className="text-destructive hover:bg-destructive/10 hover:text-destructive" onClick={() => setConfirm('cancel')}>
          <Square aria-hidden />
          {t('campaigns.actions.cancel')}
        </Button>
      )}
      {allowed.delete && (
        <Button variant="outline" className="text-destructive hover:bg-destructive/10 hover:text-destructive" onClick={() => setConfirm('delete')}>
          <Trash2 aria-hidden />
          {t('campaigns.actions.delete')}
        </Button>
      )}

      <ConfirmDialog
        open={confirm === 'cancel'}
        onOpenChange={(open) => !open && setConfirm(null)}
        onDismiss={() => command.reset()}
        title={t('campaigns.cancel.title')}
        description={t('campaigns.cancel.description', { name: campaign.name })}
        confirmLabel={t('campaigns.cancel.confirm')}
        cancelLabel={t('campaigns.cancel.keep')}
        pending={busy('cancel')}
        error={command.isError && command.variables === 'cancel' ? commandErrorText(t, command.error) : undefined}
        onConfirm={() => run('cancel')}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(open) => !open && setConfirm(null)}
        onDismiss={() => remove.reset()}
        title={t('campaigns.delete.title')}
        description={t('campaigns.delete.description', { name: campaign.name })}
        confirmLabel={t('campaigns.delete.confirm')}
        pending={remove.isPending}
        error={remove.isError ? commandErrorText(t, remove.error) : undefined}
        onConfirm={async () => {
          await remove.mutateAsync(campaign.id)
          toast.success(t('campaigns.delete.success', { name: campaign.name }))
          void navigate(paths.campaigns, { replace: true })
        }}
      />
    </div>
  )
}
