import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AudioPlayer, IDLE, trackOf } from './player'

const track = (id: number, durationMs = 10_000) => trackOf({ id, durationMs })

describe('audio player', () => {
  let el: HTMLAudioElement
  let player: AudioPlayer
  let detach: () => void
  const onError = vi.fn()
  const fire = (type: string) => el.dispatchEvent(new Event(type))

  beforeEach(() => {
    el = document.createElement('audio')
    player = new AudioPlayer({ onError })
    detach = player.attach(el)
  })
  afterEach(() => detach())

  it('plays the 16 kHz WAV of one audio and follows the element', () => {
    const play = vi.spyOn(el, 'play')
    player.toggle(track(7))
    expect(play).toHaveBeenCalledOnce()
    expect(el.getAttribute('src')).toBe('/api/v1/audio/7/file')
    expect(player.getState()).toMatchObject({ id: 7, status: 'loading', durationMs: 10_000 })
    fire('playing')
    expect(player.getState().status).toBe('playing')
    el.currentTime = 2.5
    fire('pause')
    expect(player.getState()).toMatchObject({ id: 7, status: 'paused', positionMs: 2500 })
    fire('ended')
    expect(player.getState()).toBe(IDLE)
  })

  it('toggles pause and resume on the same audio', () => {
    const pause = vi.spyOn(el, 'pause')
    player.toggle(track(7))
    fire('playing')
    player.toggle(track(7))
    expect(pause).toHaveBeenCalled()
    expect(player.getState().status).toBe('paused')
    const play = vi.spyOn(el, 'play')
    player.toggle(track(7))
    expect(play).toHaveBeenCalledOnce()
  })

  it('plays one audio at a time: starting another replaces the first', () => {
    const listener = vi.fn()
    player.subscribe(listener)
    player.toggle(track(7))
    fire('playing')
    player.toggle(track(8))
    expect(el.getAttribute('src')).toBe('/api/v1/audio/8/file')
    expect(player.getState()).toMatchObject({ id: 8, status: 'loading', positionMs: 0 })
    expect(listener).toHaveBeenCalled()
  })

  it('seeks to a fraction of the audio, loading it first when another is playing', () => {
    player.seek(track(9, 40_000), 0.25)
    expect(player.getState()).toMatchObject({ id: 9, positionMs: 10_000 })
    expect(el.currentTime).toBe(10)
    player.skip(-20)
    expect(player.getState().positionMs).toBe(0)
    player.skip(5)
    expect(el.currentTime).toBe(5)
  })

  it('takes the element’s duration once known', () => {
    player.toggle(track(7, 2000))
    Object.defineProperty(el, 'duration', { configurable: true, value: 2.016 })
    fire('loadedmetadata')
    expect(player.getState().durationMs).toBe(2016)
  })

  it('reports an audio that cannot be played, and is idle again', () => {
    player.toggle(track(7))
    fire('error')
    expect(onError).toHaveBeenCalledWith(7)
    expect(player.getState()).toBe(IDLE)
  })

  it('a refused play() (not an interruption) is an error too', async () => {
    vi.spyOn(el, 'play').mockRejectedValueOnce(new DOMException('no', 'NotSupportedError'))
    player.toggle(track(3))
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(3))
    vi.spyOn(el, 'play').mockRejectedValueOnce(new DOMException('interrupted', 'AbortError'))
    onError.mockClear()
    player.toggle(track(4))
    await Promise.resolve()
    expect(onError).not.toHaveBeenCalled()
  })

  it('stop() forgets only the given audio', () => {
    player.toggle(track(7))
    player.stop(8)
    expect(player.getState().id).toBe(7)
    player.stop(7)
    expect(player.getState()).toBe(IDLE)
    expect(el.hasAttribute('src')).toBe(false)
  })
})
