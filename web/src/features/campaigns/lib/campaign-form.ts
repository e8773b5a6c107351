import { z } from 'zod'
import type { Campaign, CampaignTimezone, CampaignWrite, IvrAction, IvrOption, RetryPolicy } from '@/lib/api/client'
import { DEFAULT_TIMEZONE, fromZonedInput, TIMEZONES, toZonedInput } from './timezone'

// ---------------------------------------------------------------- constants

/** Keys 0–9, in the order of a phone's keypad. */
export const IVR_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const
/** What a key can do; `none`: the key is not an option. `hangup` records the key and hangs up. */
export const IVR_ACTIONS = ['none', 'hangup', 'queue', 'extension', 'repeat', 'optout'] as const satisfies readonly (IvrAction | 'none')[]
export type IvrFormAction = (typeof IVR_ACTIONS)[number]
export const isTransfer = (a: IvrFormAction) => a === 'queue' || a === 'extension'

/** The outcomes a retry delay applies to (the daemon's `retryable`), in the order shown. */
export const RETRY_OUTCOMES = ['busy', 'no-answer', 'failed', 'voicemail', 'unknown'] as const
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number]
/** The outcomes that may move a contact to its next phone (invalid-number and failed always do). */
export const NEXT_PHONE_OUTCOMES = ['busy', 'no-answer', 'voicemail'] as const
export type NextPhoneOutcome = (typeof NEXT_PHONE_OUTCOMES)[number]

/** Monday first, as Brazilian calendars show; values are the API's 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const

export const MAX_DELAY_MINUTES = 30 * 24 * 60

// ---------------------------------------------------------------- schema

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

const intIn = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message)

const ivrOptionSchema = z
  .object({
    action: z.enum(IVR_ACTIONS),
    target: z.string(),
    timeoutS: z.number(),
    audioId: z.string(),
  })
  .superRefine((o, ctx) => {
    if (!isTransfer(o.action)) return
    if (!o.target) ctx.addIssue({ code: 'custom', path: ['target'], message: o.action === 'queue' ? 'validation.campaign.ivrQueue' : 'validation.campaign.ivrExtension' })
    if (!Number.isInteger(o.timeoutS) || o.timeoutS < 5 || o.timeoutS > 3600)
      ctx.addIssue({ code: 'custom', path: ['timeoutS'], message: 'validation.campaign.ivrTimeout' })
  })

const windowSchema = z
  .object({
    weekdays: z.array(z.number().int().min(0).max(6)).min(1, 'validation.campaign.weekdays'),
    start: z.string().regex(HHMM, 'validation.campaign.time'),
    end: z.string().regex(HHMM, 'validation.campaign.time'),
  })
  .superRefine((w, ctx) => {
    if (HHMM.test(w.start) && HHMM.test(w.end) && minutesOf(w.end) <= minutesOf(w.start))
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'validation.campaign.windowOrder' })
    if (w.start === '24:00') ctx.addIssue({ code: 'custom', path: ['start'], message: 'validation.campaign.time' })
  })

const delaySchema = z.string().refine((v) => {
  if (v.trim() === '') return true
  const n = Number(v.replace(',', '.'))
  return Number.isFinite(n) && n >= 1 && n <= MAX_DELAY_MINUTES
}, 'validation.campaign.delay')

export const campaignSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.campaign.name').max(255, 'validation.campaign.nameMax'),
    audioId: z.string(),
    listIds: z.array(z.number()),
    callerId: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[0-9]{2,20}$/.test(v), 'validation.campaign.callerId'),
    trunkIds: z.array(z.number()),
    maxConcurrent: intIn(1, 1000, 'validation.campaign.maxConcurrent'),
    maxCps: z.number({ error: 'validation.campaign.maxCps' }).min(0.1, 'validation.campaign.maxCps').max(100, 'validation.campaign.maxCps'),
    ringTimeoutS: intIn(10, 120, 'validation.campaign.ringTimeout'),
    amdEnabled: z.boolean(),
    machineAction: z.enum(['hangup', 'message']),
    ivrEnabled: z.boolean(),
    ivrOptions: z.array(ivrOptionSchema).length(10),
    readTimeoutS: intIn(1, 30, 'validation.campaign.readTimeout'),
    maxAttempts: intIn(1, 20, 'validation.campaign.maxAttempts'),
    delays: z.object({ busy: delaySchema, 'no-answer': delaySchema, failed: delaySchema, voicemail: delaySchema, unknown: delaySchema }),
    nextPhoneOn: z.array(z.enum(NEXT_PHONE_OUTCOMES)),
    windows: z.array(windowSchema).min(1, 'validation.campaign.windowsMin').max(14, 'validation.campaign.windowsMax'),
    allowHolidays: z.boolean(),
    timezone: z.enum(TIMEZONES),
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.ivrEnabled && !v.ivrOptions.some((o) => o.action !== 'none'))
      ctx.addIssue({ code: 'custom', path: ['ivrEnabled'], message: 'validation.campaign.ivrEmpty' })
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'validation.campaign.endsAfterStart' })
  })

export type CampaignFormValues = z.infer<typeof campaignSchema>
export type IvrOptionValues = CampaignFormValues['ivrOptions'][number]

// ---------------------------------------------------------------- defaults

const emptyIvr = (): IvrOptionValues => ({ action: 'none', target: '', timeoutS: 30, audioId: '' })

/** A new campaign: the usual telemarketing settings (the daemon's own defaults where it has them). */
export function defaultCampaignValues(): CampaignFormValues {
  return {
    name: '',
    audioId: '',
    listIds: [],
    callerId: '',
    trunkIds: [],
    maxConcurrent: 10,
    maxCps: 5,
    ringTimeoutS: 30,
    amdEnabled: false,
    machineAction: 'hangup',
    ivrEnabled: false,
    ivrOptions: IVR_KEYS.map(emptyIvr),
    readTimeoutS: 5,
    maxAttempts: 3,
    delays: { busy: '15', 'no-answer': '30', failed: '10', voicemail: '', unknown: '10' },
    nextPhoneOn: ['busy', 'no-answer'],
    windows: [
      { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '20:00' },
      { weekdays: [6], start: '09:00', end: '14:00' },
    ],
    allowHolidays: false,
    timezone: DEFAULT_TIMEZONE,
    startsAt: '',
    endsAt: '',
  }
}

// ---------------------------------------------------------------- form ⇄ API

const minutesToSeconds = (v: string): number | null => (v.trim() === '' ? null : Math.round(Number(v.replace(',', '.')) * 60))
const secondsToMinutes = (s: number | null | undefined): string => (s == null ? '' : String(Math.round((s / 60) * 100) / 100))

function ivrBody(o: IvrOptionValues): IvrOption {
  const action = o.action as IvrAction
  return {
    action,
    target: isTransfer(o.action) ? o.target : '',
    ...(isTransfer(o.action) ? { timeoutS: o.timeoutS } : {}),
    audioId: o.audioId ? Number(o.audioId) : null,
  }
}

/** The request body of a campaign as the wizard has it (every setting). */
export function campaignBody(v: CampaignFormValues): Required<Omit<CampaignWrite, 'amdParams'>> {
  const ivrOptions: Record<string, IvrOption> = {}
  v.ivrOptions.forEach((o, key) => {
    if (o.action !== 'none') ivrOptions[String(key)] = ivrBody(o)
  })
  const delaysS = Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, minutesToSeconds(v.delays[o])])) as NonNullable<RetryPolicy['delaysS']>
  return {
    name: v.name.trim(),
    audioId: v.audioId ? Number(v.audioId) : null,
    listIds: v.listIds,
    trunkIds: v.trunkIds,
    callerId: v.callerId.trim() || null,
    maxConcurrent: v.maxConcurrent,
    maxCps: v.maxCps,
    ringTimeoutS: v.ringTimeoutS,
    amdEnabled: v.amdEnabled,
    machineAction: v.machineAction,
    ivrEnabled: v.ivrEnabled,
    ivrOptions,
    readTimeoutS: v.readTimeoutS,
    retryPolicy: { maxAttempts: v.maxAttempts, delaysS, nextPhoneOn: v.nextPhoneOn },
    schedule: { windows: v.windows.map((w) => ({ weekdays: [...w.weekdays].sort((a, b) => a - b), start: w.start, end: w.end })) },
    timezone: v.timezone,
    allowHolidays: v.allowHolidays,
    startsAt: fromZonedInput(v.startsAt, v.timezone),
    endsAt: fromZonedInput(v.endsAt, v.timezone),
  }
}

/** Only the settings that differ from `before` (a PATCH changes what it names). */
export function changedFields(before: CampaignFormValues, after: CampaignFormValues): CampaignWrite {
  const a = campaignBody(before) as Record<string, unknown>
  const b = campaignBody(after) as Record<string, unknown>
  return Object.fromEntries(Object.entries(b).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(a[k]))) as CampaignWrite
}

/** A campaign read back, as the wizard edits it. */
export function campaignFormValues(c: Campaign): CampaignFormValues {
  const defaults = defaultCampaignValues()
  const tz: CampaignTimezone = (TIMEZONES as readonly string[]).includes(c.timezone) ? c.timezone : DEFAULT_TIMEZONE
  const delays = c.retryPolicy?.delaysS ?? {}
  return {
    name: c.name,
    audioId: c.audioId == null ? '' : String(c.audioId),
    listIds: c.listIds ?? [],
    callerId: c.callerId ?? '',
    trunkIds: c.trunkIds ?? [],
    maxConcurrent: c.maxConcurrent,
    maxCps: c.maxCps,
    ringTimeoutS: c.ringTimeoutS,
    amdEnabled: c.amdEnabled,
    machineAction: c.machineAction,
    ivrEnabled: c.ivrEnabled,
    ivrOptions: IVR_KEYS.map((_, i) => {
      const o = c.ivrOptions?.[String(i)]
      if (!o) return emptyIvr()
      return { action: o.action, target: o.target ?? '', timeoutS: o.timeoutS ?? 30, audioId: o.audioId == null ? '' : String(o.audioId) }
    }),
    readTimeoutS: c.readTimeoutS,
    maxAttempts: c.retryPolicy?.maxAttempts ?? defaults.maxAttempts,
    delays: Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, secondsToMinutes(delays[o])])) as CampaignFormValues['delays'],
    nextPhoneOn: (c.retryPolicy?.nextPhoneOn ?? defaults.nextPhoneOn).filter((o): o is NextPhoneOutcome => (NEXT_PHONE_OUTCOMES as readonly string[]).includes(o)),
    windows: c.schedule?.windows?.length ? c.schedule.windows.map((w) => ({ weekdays: [...w.weekdays], start: w.start, end: w.end })) : defaults.windows,
    allowHolidays: c.allowHolidays,
    timezone: tz,
    startsAt: toZonedInput(c.startsAt, tz),
    endsAt: toZonedInput(c.endsAt, tz),
  }
}

// ---------------------------------------------------------------- steps

export const WIZARD_STEPS = ['basico', 'discagem', 'atendimento', 'tentativas', 'horario', 'revisao'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

/** The form's top-level fields on each step (what "Próximo" validates). */
export const STEP_FIELDS = {
  basico: ['name', 'audioId', 'listIds', 'callerId'],
  discagem: ['trunkIds', 'maxConcurrent', 'maxCps', 'ringTimeoutS'],
  atendimento: ['amdEnabled', 'machineAction', 'ivrEnabled', 'ivrOptions', 'readTimeoutS'],
  tentativas: ['maxAttempts', 'delays', 'nextPhoneOn'],
  horario: ['windows', 'allowHolidays', 'timezone', 'startsAt', 'endsAt'],
  revisao: [],
} as const satisfies Record<WizardStep, readonly (keyof CampaignFormValues)[]>

export function isWizardStep(v: unknown): v is WizardStep {
  return typeof v === 'string' && (WIZARD_STEPS as readonly string[]).includes(v)
}

/** The step that holds a top-level form field (or an API field of the same name); null if none. */
export function stepOfField(field: string): WizardStep | null {
  const top = field.split('.')[0]
  for (const step of WIZARD_STEPS) if ((STEP_FIELDS[step] as readonly string[]).includes(top)) return step
  return null
}

export interface ServerFieldTarget {
  /** The form's field path, or null when the form has no field for it (shown on the step). */
  path: string | null
  step: WizardStep
  /** The wizard's own wording replaces the daemon's (a delay is typed in minutes, not seconds). */
  ownMessage?: 'delay'
}

/**
 * Where a 422's `field` (the API's path: `retryPolicy.delaysS.busy`, `ivrOptions.1.target`,
 * `schedule.windows.0.end`, `listIds.2`) is shown in the wizard. Anything it does not know goes
 * to the review step, where the campaign is saved.
 */
export function serverFieldTarget(field: string | undefined): ServerFieldTarget {
  if (!field) return { path: null, step: 'revisao' }
  const parts = field.split('.')
  const [head, second, third] = parts
  switch (head) {
    case 'retryPolicy':
      if (second === 'maxAttempts') return { path: 'maxAttempts', step: 'tentativas' }
      if (second === 'nextPhoneOn') return { path: 'nextPhoneOn', step: 'tentativas' }
      if (second === 'delaysS' && third && (RETRY_OUTCOMES as readonly string[]).includes(third))
        return { path: `delays.${third}`, step: 'tentativas', ownMessage: 'delay' }
      return { path: null, step: 'tentativas' }
    case 'schedule':
      if (second === 'windows' && third !== undefined && /^\d+$/.test(third)) {
        const leaf = parts[3]
        return { path: leaf === 'weekdays' || leaf === 'start' || leaf === 'end' ? `windows.${third}.${leaf}` : 'windows', step: 'horario' }
      }
      return { path: 'windows', step: 'horario' }
    case 'ivrOptions': {
      if (second !== undefined && /^[0-9]$/.test(second)) {
        const leaf = third === 'target' || third === 'timeoutS' || third === 'audioId' ? third : 'action'
        return { path: `ivrOptions.${second}.${leaf}`, step: 'atendimento' }
      }
      return { path: 'ivrEnabled', step: 'atendimento' }
    }
    case 'listIds':
    case 'trunkIds':
      return { path: head, step: stepOfField(head)! }
    case 'amdParams':
      return { path: null, step: 'atendimento' }
    default: {
      const step = stepOfField(head)
      if (step && parts.length === 1) return { path: head, step }
      return { path: null, step: step ?? 'revisao' }
    }
  }
}
