import { useId, useMemo } from 'react'
import { cn } from '@/lib/utils'
import { waveformPath } from '../lib/peaks'

interface WaveformProps {
  peaks: readonly number[]
  /** Played fraction (0–1), drawn in the primary colour over the waveform. */
  progress?: number
  bars?: number
  className?: string
}

const WIDTH = 240
const HEIGHT = 40

/** The audio's waveform from the server's peaks (SVG), with the part already played highlighted. */
export function Waveform({ peaks, progress = 0, bars = 64, className }: WaveformProps) {
  // useId's characters are not all valid in url(#…): keep letters, digits, - and _.
  const clipId = `waveform-${useId().replace(/[^\w-]/g, '')}`
  const d = useMemo(() => waveformPath(peaks, { width: WIDTH, height: HEIGHT, bars }), [peaks, bars])
  const played = Math.min(1, Math.max(0, progress)) * WIDTH
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      className={cn('block h-8 w-full', className)}
      aria-hidden
      data-testid="waveform"
      data-progress={progress > 0 ? progress.toFixed(3) : undefined}
    >
      <path d={d} className="fill-muted-foreground/35" />
      {played > 0 && (
        <>
          <clipPath id={clipId}>
            <rect x="0" y="0" width={played} height={HEIGHT} />
          </clipPath>
          <path d={d} className="fill-primary" clipPath={`url(#${clipId})`} />
        </>
      )}
    </svg>
  )
}
