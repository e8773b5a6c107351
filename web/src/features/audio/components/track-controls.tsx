import { Loader2, Pause, Play } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import type { Audio } from '@/lib/api/client'
import { cn } from '@/lib/utils'
import { formatAudioDuration, formatClock } from '../lib/audio-format'
import { progressOf } from '../lib/peaks'
import { trackOf } from '../lib/player'
import { usePlayer, useTrackState } from './audio-player'
import { Waveform } from './waveform'

/** Play / pause (a spinner while the browser fetches the audio). */
export function PlayButton({ audio }: { audio: Audio }) {
  const { t } = useTranslation()
  const player = usePlayer()
  const { id, status } = useTrackState(audio.id)
  const active = status === 'playing' || status === 'loading'
  return (
    <Button
      type="button"
      variant={id === null ? 'secondary' : 'default'}
      size="icon-sm"
      className="rounded-full"
      aria-label={t(active ? 'audio.player.pause' : 'audio.player.play', { name: audio.name })}
      data-state={status}
      onClick={() => player.toggle(trackOf(audio))}
    >
      {status === 'loading' ? <Loader2 className="animate-spin" /> : active ? <Pause className="fill-current" /> : <Play className="fill-current" />}
    </Button>
  )
}

/**
 * The waveform, with what has been played drawn in the primary colour. A click jumps there
 * (and starts the audio if another one was playing); with the keyboard, ← and → move 5 s.
 */
export function TrackWaveform({ audio, className }: { audio: Audio; className?: string }) {
  const { t } = useTranslation()
  const player = usePlayer()
  const state = useTrackState(audio.id)
  const current = state.id !== null
  const duration = audio.durationMs
  const position = current ? state.positionMs : 0
  return (
    <div
      role="slider"
      tabIndex={current ? 0 : -1}
      aria-label={t('audio.player.position', { name: audio.name })}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration / 1000)}
      aria-valuenow={Math.floor(position / 1000)}
      aria-valuetext={t('audio.player.positionText', { position: formatClock(position), duration: formatAudioDuration(duration) })}
      className={cn('cursor-pointer rounded-md px-1 py-0.5 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50', className)}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect()
        if (box.width > 0) player.seek(trackOf(audio), (e.clientX - box.left) / box.width)
      }}
      onKeyDown={(e) => {
        if (!current) return
        const step = { ArrowLeft: -5, ArrowDown: -5, ArrowRight: 5, ArrowUp: 5 }[e.key]
        if (step !== undefined) {
          e.preventDefault()
          player.skip(step)
        } else if (e.key === 'Home') {
          e.preventDefault()
          player.seek(trackOf(audio), 0)
        }
      }}
    >
      <Waveform peaks={audio.peaks} progress={progressOf(position, state.durationMs || duration)} />
    </div>
  )
}

/** "0:42", or "0:12 / 0:42" while this audio is loaded in the player. */
export function TrackTime({ audio }: { audio: Audio }) {
  const state = useTrackState(audio.id)
  const total = formatAudioDuration(audio.durationMs)
  if (state.id === null) return <span className="tabular-nums">{total}</span>
  return (
    <span className="tabular-nums whitespace-nowrap">
      <span className="text-primary">{formatClock(state.positionMs)}</span>
      <span className="text-muted-foreground"> / {total}</span>
    </span>
  )
}
