/**
 * The audio library's player: one <audio> element for the whole page, so only one audio plays
 * at a time. Starting another stops the first. The state (which audio, playing or paused, where)
 * is kept here and read by the rows with useSyncExternalStore; it follows the element's own
 * events, so what the page shows is what the browser does. While playing, the position is read
 * on every animation frame for a smooth progress over the waveform.
 *
 * UI state only: the audios themselves live in TanStack Query.
 */
import { audioFileUrl } from '@/lib/api/downloads'

export type PlayerStatus = 'idle' | 'loading' | 'playing' | 'paused'

export interface PlayerState {
  /** The audio loaded in the element, or null. */
  id: number | null
  status: PlayerStatus
  positionMs: number
  durationMs: number
}

export interface Track {
  id: number
  src: string
  /** From the API; the element's own duration wins once it knows it. */
  durationMs: number
}

/** What the player loads for an audio: the 16 kHz WAV (the file endpoint's default), which every browser plays. */
export function trackOf(audio: { id: number; durationMs: number }): Track {
  return { id: audio.id, src: audioFileUrl(audio.id), durationMs: audio.durationMs }
}

export const IDLE: PlayerState = Object.freeze({ id: null, status: 'idle', positionMs: 0, durationMs: 0 })

type Media = Pick<HTMLMediaElement, 'play' | 'pause' | 'currentTime' | 'duration' | 'src' | 'paused' | 'addEventListener' | 'removeEventListener' | 'removeAttribute' | 'load'>

export interface PlayerOptions {
  /** The element could not play this audio (missing file, network, format). */
  onError?: (id: number) => void
}

const EVENTS = ['playing', 'pause', 'waiting', 'ended', 'error', 'timeupdate', 'durationchange', 'loadedmetadata'] as const

export class AudioPlayer {
  private el: Media | null = null
  private state: PlayerState = IDLE
  private listeners = new Set<() => void>()
  private frame: number | null = null
  private readonly options: PlayerOptions

  constructor(options: PlayerOptions = {}) {
    this.options = options
  }

  /** Connects the element; returns what disconnects it (and stops playback). */
  attach(el: Media): () => void {
    this.el = el
    const handler = (e: Event) => this.onEvent(e.type)
    for (const type of EVENTS) el.addEventListener(type, handler)
    return () => {
      this.stop()
      for (const type of EVENTS) el.removeEventListener(type, handler)
      if (this.el === el) this.el = null
    }
  }

  getState = (): PlayerState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Play/pause button: pauses the current audio, resumes it, or switches to another. */
  toggle(track: Track) {
    const el = this.el
    if (!el) return
    if (this.state.id === track.id) {
      if (this.state.status === 'playing' || this.state.status === 'loading') {
        el.pause()
        this.set({ status: 'paused' })
      } else this.play()
      return
    }
    this.load(track)
    this.play()
  }

  /** Jumps to `fraction` (0–1) of the audio; another audio is loaded and played from there. */
  seek(track: Track, fraction: number) {
    const el = this.el
    if (!el) return
    const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0))
    const switching = this.state.id !== track.id
    if (switching) this.load(track)
    const durationMs = this.state.durationMs || track.durationMs
    const positionMs = f * durationMs
    el.currentTime = positionMs / 1000
    this.set({ positionMs })
    if (switching) this.play()
  }

  /** Moves the current audio by `seconds` (keyboard). */
  skip(seconds: number) {
    const el = this.el
    if (!el || this.state.id === null) return
    const durationMs = this.state.durationMs
    const positionMs = Math.min(durationMs, Math.max(0, this.state.positionMs + seconds * 1000))
    el.currentTime = positionMs / 1000
    this.set({ positionMs })
  }

  /** Stops and forgets the current audio (e.g. it was deleted, or the page closes). */
  stop(id?: number) {
    if (id !== undefined && this.state.id !== id) return
    const el = this.el
    this.cancelFrame()
    if (el && this.state.id !== null) {
      el.pause()
      el.removeAttribute('src')
      el.load()
    }
    this.replace(IDLE)
  }

  private load(track: Track) {
    const el = this.el!
    this.cancelFrame()
    this.replace({ id: track.id, status: 'loading', positionMs: 0, durationMs: track.durationMs })
    el.src = track.src
  }

  private play() {
    const el = this.el!
    const id = this.state.id
    this.set({ status: el.paused ? 'loading' : this.state.status })
    let started: Promise<void> | undefined
    try {
      started = el.play()
    } catch (error) {
      this.failed(id, error)
      return
    }
    started?.catch((error: unknown) => this.failed(id, error))
  }

  private failed(id: number | null, error: unknown) {
    const name = (error as { name?: string } | null)?.name
    // Interrupted by a pause or another audio: not a failure.
    if (name === 'AbortError' || id === null || this.state.id !== id) return
    // The browser refused to start (autoplay rules): leave it paused, ready for another click.
    if (name === 'NotAllowedError') {
      this.set({ status: 'paused' })
      return
    }
    this.replace(IDLE)
    this.options.onError?.(id)
  }

  private onEvent(type: string) {
    const el = this.el
    if (!el || this.state.id === null) return
    switch (type) {
      case 'playing':
        this.set({ status: 'playing', positionMs: el.currentTime * 1000 })
        this.startFrame()
        break
      case 'pause':
        this.cancelFrame()
        if (this.state.status !== 'idle') this.set({ status: 'paused', positionMs: el.currentTime * 1000 })
        break
      case 'waiting':
        if (this.state.status === 'playing') this.set({ status: 'loading' })
        break
      case 'ended':
        // Back to the start: the row shows the audio as not playing.
        this.cancelFrame()
        this.replace(IDLE)
        break
      case 'error': {
        const id = this.state.id
        this.cancelFrame()
        this.replace(IDLE)
        this.options.onError?.(id)
        break
      }
      case 'timeupdate':
        if (this.frame === null) this.set({ positionMs: el.currentTime * 1000 })
        break
      case 'durationchange':
      case 'loadedmetadata':
        if (Number.isFinite(el.duration) && el.duration > 0) this.set({ durationMs: el.duration * 1000 })
        break
    }
  }

  private startFrame() {
    if (this.frame !== null || typeof requestAnimationFrame !== 'function') return
    const tick = () => {
      this.frame = null
      const el = this.el
      if (!el || this.state.status !== 'playing') return
      this.set({ positionMs: el.currentTime * 1000 })
      this.frame = requestAnimationFrame(tick)
    }
    this.frame = requestAnimationFrame(tick)
  }

  private cancelFrame() {
    if (this.frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frame)
    this.frame = null
  }

  private set(patch: Partial<PlayerState>) {
    const next = { ...this.state, ...patch }
    if (
      next.id === this.state.id &&
      next.status === this.state.status &&
      next.positionMs === this.state.positionMs &&
      next.durationMs === this.state.durationMs
    )
      return
    this.replace(next)
  }

  private replace(next: PlayerState) {
    if (next === this.state) return
    this.state = next
    for (const l of this.listeners) l()
  }
}
