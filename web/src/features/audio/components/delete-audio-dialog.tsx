import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Audio } from '@/lib/api/client'
import { isApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { useDeleteAudio } from '../api/delete-audio'
import { usePlayer } from './audio-player'

export function DeleteAudioDialog({ audio, onOpenChange }: { audio: Audio | null; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation()
  const player = usePlayer()
  const deleteAudio = useDeleteAudio()

  const error = deleteAudio.error
  // 409: a campaign or a queue uses it; the server's message names it and says what to do.
  const errorText = error
    ? isApiError(error, 'conflict') && error.message
      ? t('audio.delete.conflict', { message: error.message.replace(/\.?$/, '.') })
      : errorMessage(t, error)
    : undefined

  return (
    <ConfirmDialog
      open={audio !== null}
      onOpenChange={onOpenChange}
      onDismiss={() => deleteAudio.reset()}
      title={t('audio.delete.title')}
      description={audio ? t(`audio.delete.description.${audio.kind}`, { name: audio.name }) : null}
      error={errorText}
      confirmLabel={t('audio.delete.confirm')}
      pending={deleteAudio.isPending}
      onConfirm={async () => {
        if (!audio) return
        await deleteAudio.mutateAsync(audio.id)
        player.stop(audio.id)
        deleteAudio.reset()
        toast.success(t('audio.delete.success', { name: audio.name }))
      }}
    />
  )
}
