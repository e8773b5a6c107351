import { createContext, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { AudioPlayer, IDLE, type PlayerState } from '../lib/player'

const PlayerContext = createContext<AudioPlayer | null>(null)

/**
 * The page's one <audio> element and its player: every row's play button and waveform use it,
 * so starting one audio stops the other. Leaving the page stops playback.
 */
export function AudioPlayerProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const audio = useRef<HTMLAudioElement>(null)
  const [player] = useState(() => new AudioPlayer({ onError: () => toast.error(t('audio.player.error'), { id: 'audio-player-error' }) }))

  useEffect(() => (audio.current ? player.attach(audio.current) : undefined), [player])

  return (
    <PlayerContext value={player}>
      {children}
      <audio ref={audio} preload="none" className="hidden" data-testid="audio-player" />
    </PlayerContext>
  )
}

// oxlint-disable-next-line react/only-export-components -- hook belongs with its provider
export function usePlayer(): AudioPlayer {
  const player = use(PlayerContext)
  if (!player) throw new Error('usePlayer() used outside <AudioPlayerProvider>')
  return player
}

/** The player's state for one audio: IDLE unless it is the one loaded, so other rows do not re-render. */
// oxlint-disable-next-line react/only-export-components -- hook belongs with its provider
export function useTrackState(id: number): PlayerState {
  const player = usePlayer()
  return useSyncExternalStore(player.subscribe, () => {
    const s = player.getState()
    return s.id === id ? s : IDLE
  })
}
