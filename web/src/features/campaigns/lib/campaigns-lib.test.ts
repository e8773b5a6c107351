import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { i18n } from '@/lib/i18n'
import { makeCampaign, makeProgress } from '@/testing/mocks/db'
import { applyCampaign, applyCampaignProgress } from '../api/campaign-events'
import { campaignQueryKey } from '../api/get-campaign'
import { campaignsQueryKey, type CampaignList } from '../api/get-campaigns'
import { campaignBody, campaignFormValues, campaignSchema, changedFields, defaultCampaignValues, serverFieldTarget } from './campaign-form'
import { outcomeMix } from './dispositions'
import { concurrencyTier } from './recommendation'
import { weekdaysText } from './schedule-text'
import { campaignActions, newerProgress, progressPercent } from './status'
import { formatInZone, fromZonedInput, toZonedInput } from './timezone'

describe('campaign form', () => {
  it('turns minutes into seconds, empty into "no retry", keys into the IVR map', () => {
    const v = defaultCampaignValues()
    v.name = '  Cobrança  '
    v.delays.busy = '1,5'
    v.ivrEnabled = true
    v.ivrOptions[1] = { action: 'queue', target: 'suporte', timeoutS: 45, audioId: '' }
    v.ivrOptions[9] = { action: 'optout', target: 'ignored', timeoutS: 30, audioId: '4' }
    const body = campaignBody(campaignSchema.parse(v))
    expect(body.name).toBe('Cobrança')
    expect(body.retryPolicy.delaysS).toEqual({ busy: 90, 'no-answer': 1800, failed: 600, voicemail: null, unknown: 600 })
    expect(body.ivrOptions).toEqual({
      1: { action: 'queue', target: 'suporte', timeoutS: 45, audioId: null },
      9: { action: 'optout', target: '', audioId: 4 },
    })
  })

  it('reads a campaign back into the same values, and a PATCH names only what changed', () => {
    const c = makeCampaign({
      id: 1,
      name: 'Cobrança',
      ivrEnabled: true,
      ivrOptions: { 0: { action: 'extension', target: '1001', timeoutS: 20, audioId: null } },
      startsAt: '2025-03-10T12:00:00Z',
      timezone: 'America/Manaus',
    })
    const v = campaignFormValues(c)
    expect(v.ivrOptions[0]).toEqual({ action: 'extension', target: '1001', timeoutS: 20, audioId: '' })
    expect(v.delays).toEqual({ busy: '15', 'no-answer': '30', failed: '10', voicemail: '', unknown: '10' })
    expect(v.startsAt).toBe('2025-03-10T08:00')
    expect(campaignBody(v).startsAt).toBe('2025-03-10T12:00:00Z')
    expect(changedFields(v, v)).toEqual({})
    expect(changedFields(v, { ...v, maxConcurrent: 40, delays: { ...v.delays, voicemail: '60' } })).toEqual({
      maxConcurrent: 40,
      retryPolicy: { maxAttempts: 3, delaysS: { busy: 900, 'no-answer': 1800, failed: 600, voicemail: 3600, unknown: 600 }, nextPhoneOn: ['busy', 'no-answer'] },
    })
  })

  it('checks what the daemon checks', () => {
    const v = { ...defaultCampaignValues(), name: 'x' }
    const issues = (over: object) => campaignSchema.safeParse({ ...v, ...over }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
    expect(issues({})).toEqual([])
    expect(issues({ maxConcurrent: 1001, ringTimeoutS: 5, callerId: '+5511' })).toEqual([
      'callerId: validation.campaign.callerId',
      'maxConcurrent: validation.campaign.maxConcurrent',
      'ringTimeoutS: validation.campaign.ringTimeout',
    ])
    expect(issues({ delays: { ...v.delays, busy: '0.5' } })).toEqual(['delays.busy: validation.campaign.delay'])
    expect(issues({ windows: [{ weekdays: [], start: '20:00', end: '09:00' }] })).toEqual(['windows.0.weekdays: validation.campaign.weekdays', 'windows.0.end: validation.campaign.windowOrder'])
    expect(issues({ windows: [{ weekdays: [0], start: '00:00', end: '24:00' }] })).toEqual([])
    const ivr = [...v.ivrOptions]
    ivr[2] = { action: 'extension', target: '', timeoutS: 2, audioId: '' }
    expect(issues({ ivrEnabled: true, ivrOptions: ivr })).toEqual(['ivrOptions.2.target: validation.campaign.ivrExtension', 'ivrOptions.2.timeoutS: validation.campaign.ivrTimeout'])
  })

  it('places each server field on its step', () => {
    expect(serverFieldTarget('retryPolicy.delaysS.no-answer')).toEqual({ path: 'delays.no-answer', step: 'tentativas', ownMessage: 'delay' })
    expect(serverFieldTarget('retryPolicy.maxAttempts')).toEqual({ path: 'maxAttempts', step: 'tentativas' })
    expect(serverFieldTarget('ivrOptions.1.target')).toEqual({ path: 'ivrOptions.1.target', step: 'atendimento' })
    expect(serverFieldTarget('ivrOptions.7')).toEqual({ path: 'ivrOptions.7.action', step: 'atendimento' })
    expect(serverFieldTarget('schedule.windows.1.end')).toEqual({ path: 'windows.1.end', step: 'horario' })
    expect(serverFieldTarget('schedule.windows')).toEqual({ path: 'windows', step: 'horario' })
    expect(serverFieldTarget('listIds.2')).toEqual({ path: 'listIds', step: 'basico' })
    expect(serverFieldTarget('trunkIds')).toEqual({ path: 'trunkIds', step: 'discagem' })
    expect(serverFieldTarget('maxCps')).toEqual({ path: 'maxCps', step: 'discagem' })
    expect(serverFieldTarget('amdParams')).toEqual({ path: null, step: 'atendimento' })
    expect(serverFieldTarget('pbx')).toEqual({ path: null, step: 'revisao' })
    expect(serverFieldTarget(undefined)).toEqual({ path: null, step: 'revisao' })
  })
})

describe('campaign helpers', () => {
  it('recommends concurrency by the contacts of the lists', () => {
    expect([0, 1000, 1001, 10_000, 10_001].map(concurrencyTier)).toEqual(['upTo1k', 'upTo1k', 'upTo10k', 'upTo10k', 'above10k'])
  })

  it('says who may do what from each status', () => {
    expect(campaignActions('draft', true)).toEqual({ start: true, pause: false, resume: false, cancel: true, edit: true, delete: true })
    expect(campaignActions('running', false)).toEqual({ start: false, pause: true, resume: false, cancel: false, edit: false, delete: false })
    expect(campaignActions('paused', false)).toEqual({ start: false, pause: false, resume: true, cancel: false, edit: false, delete: false })
    expect(campaignActions('completed', true)).toEqual({ start: false, pause: false, resume: false, cancel: false, edit: false, delete: true })
  })

  it('measures progress by contacts done and never takes an older snapshot', () => {
    expect(progressPercent(makeProgress({ contacts: 8, completed: 3, dncSkipped: 1 }))).toBe(50)
    expect(progressPercent(makeProgress())).toBeNull()
    const a = makeProgress({ attempts: 10, up: 4 })
    const b = makeProgress({ attempts: 9, up: 1 })
    const c = makeProgress({ attempts: 10, up: 2 })
    expect(newerProgress(a, b)).toBe(a)
    expect(newerProgress(a, c)).toBe(c)
    expect(outcomeMix(makeProgress({ answered: 3, busy: 5, unknown: 0 })).map((s) => s.disposition)).toEqual(['busy', 'answered'])
  })

  it('writes weekdays as people do, Monday first', () => {
    const t = i18n.t.bind(i18n)
    expect(weekdaysText(t, [1, 2, 3, 4, 5])).toBe('Seg–Sex')
    expect(weekdaysText(t, [0, 6])).toBe('Sáb, Dom')
    expect(weekdaysText(t, [5, 1, 3])).toBe('Seg, Qua, Sex')
    expect(weekdaysText(t, [0, 1, 2, 3, 4, 5, 6])).toBe('Seg–Dom')
  })

  it('reads and shows times on the campaign’s clock', () => {
    expect(fromZonedInput('2025-03-10T09:00', 'America/Sao_Paulo')).toBe('2025-03-10T12:00:00Z')
    expect(fromZonedInput('2025-03-10T09:00', 'America/Rio_Branco')).toBe('2025-03-10T14:00:00Z')
    expect(toZonedInput('2025-03-10T12:00:00Z', 'America/Noronha')).toBe('2025-03-10T10:00')
    expect(fromZonedInput('', 'America/Manaus')).toBeNull()
    expect(formatInZone('2025-03-10T12:00:00Z', 'America/Sao_Paulo')).toBe('10/03/2025 09:00')
  })
})

describe('campaign events', () => {
  it('patches progress wherever the campaign is cached, and applies pushed status changes', () => {
    const qc = new QueryClient()
    const running = makeCampaign({ id: 1, name: 'A', status: 'running', progress: makeProgress({ attempts: 5, up: 2 }) })
    qc.setQueryData<CampaignList>(campaignsQueryKey, { items: [running] })
    qc.setQueryData(campaignQueryKey(1), running)
    applyCampaignProgress(qc, 1, makeProgress({ attempts: 7, up: 3 }))
    expect(qc.getQueryData<CampaignList>(campaignsQueryKey)?.items[0]?.progress.up).toBe(3)
    expect(qc.getQueryData<typeof running>(campaignQueryKey(1))?.progress.attempts).toBe(7)
    applyCampaignProgress(qc, 1, makeProgress({ attempts: 6, up: 9 }))
    expect(qc.getQueryData<CampaignList>(campaignsQueryKey)?.items[0]?.progress.up).toBe(3)

    // A status change keeps the newer counters it already has.
    applyCampaign(qc, { ...running, status: 'paused', updatedAt: '2025-02-01T00:00:00Z', progress: makeProgress({ attempts: 6 }) })
    const after = qc.getQueryData<CampaignList>(campaignsQueryKey)?.items[0]
    expect(after?.status).toBe('paused')
    expect(after?.progress.attempts).toBe(7)
    // An older status does not overwrite a newer one.
    applyCampaign(qc, { ...running, status: 'running', updatedAt: '2025-01-01T00:00:00Z' })
    expect(qc.getQueryData<CampaignList>(campaignsQueryKey)?.items[0]?.status).toBe('paused')
  })
})
