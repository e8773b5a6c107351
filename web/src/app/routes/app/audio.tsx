import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '@/components/layouts/page-header'
import { AudioLibrary, type KindTab } from '@/features/audio/components/audio-library'
import { UploadAudioDialog } from '@/features/audio/components/upload-audio-dialog'

/** Áudios: campaign messages and music on hold. Every signed-in user manages them. */
export function AudioRoute() {
  const { t } = useTranslation()
  const [tab, setTab] = useState<KindTab>('all')
  return (
    <div className="space-y-6">
      <PageHeader
        title={t('audio.title')}
        description={t('audio.description')}
        actions={<UploadAudioDialog defaultKind={tab === 'all' ? 'campaign' : tab} />}
      />
      <AudioLibrary tab={tab} onTabChange={setTab} />
    </div>
  )
}

export default AudioRoute
