import type { Path } from 'react-hook-form'
import { z } from 'zod'
import type { Queue, QueueStrategy, Schemas } from '@/lib/api/client'
import { OBJECT_NAME, RESERVED_NAMES } from './rules'

export type CreateQueueInput = Schemas['QueueCreate']
export type UpdateQueueInput = Schemas['QueueUpdate']
export type QueueMemberInput = Schemas['QueueMemberWrite']

export const QUEUE_ERROR_SCOPE = 'telephony.queues.serverErrors'
export const STRATEGIES = ['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory'] as const satisfies readonly QueueStrategy[]

/** Select values for "no audio": Radix Select items cannot have an empty value. */
export const DEFAULT_MOH = 'default'
export const NO_ANNOUNCE = 'none'

const intIn = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message)

export const objectNameSchema = z
  .string()
  .trim()
  .regex(OBJECT_NAME, 'validation.objectName')
  .refine((v) => !RESERVED_NAMES.includes(v), 'validation.objectNameReserved')

export const queueSchema = z.object({
  name: objectNameSchema,
  strategy: z.enum(STRATEGIES),
  timeoutS: intIn(1, 600, 'validation.queueTimeout'),
  retryS: intIn(0, 600, 'validation.queueRetry'),
  maxCallers: intIn(0, 10000, 'validation.queueMaxCallers'),
  wrapupS: intIn(0, 3600, 'validation.queueWrapup'),
  mohAudioId: z.string(),
  announceAudioId: z.string(),
  members: z
    .array(z.object({ extensionId: z.number().int(), penalty: intIn(0, 100, 'validation.penalty'), paused: z.boolean() }))
    .max(500, 'validation.membersMax'),
})

export type QueueFormValues = z.infer<typeof queueSchema>
export type MemberValues = QueueFormValues['members'][number]

export const QUEUE_FIELDS = [
  'name',
  'strategy',
  'timeoutS',
  'retryS',
  'maxCallers',
  'wrapupS',
  'mohAudioId',
  'announceAudioId',
  'members',
] as const satisfies readonly Path<QueueFormValues>[]

/** A member's fields come back from the daemon without their path: they belong to the members editor. */
export const QUEUE_ERROR_ALIASES = { extensionId: 'members', penalty: 'members', paused: 'members' } as const

export const EMPTY_QUEUE: QueueFormValues = {
  name: '',
  strategy: 'ringall',
  timeoutS: 15,
  retryS: 5,
  maxCallers: 0,
  wrapupS: 0,
  mohAudioId: DEFAULT_MOH,
  announceAudioId: NO_ANNOUNCE,
  members: [],
}

export function valuesFromQueue(q: Queue): QueueFormValues {
  return {
    name: q.name,
    strategy: q.strategy,
    timeoutS: q.timeoutS,
    retryS: q.retryS,
    maxCallers: q.maxCallers,
    wrapupS: q.wrapupS,
    mohAudioId: q.mohAudioId == null ? DEFAULT_MOH : String(q.mohAudioId),
    announceAudioId: q.announceAudioId == null ? NO_ANNOUNCE : String(q.announceAudioId),
    members: q.members.map((m) => ({ extensionId: m.extensionId, penalty: m.penalty, paused: m.paused })),
  }
}

const mohId = (v: string) => (v === DEFAULT_MOH ? null : Number(v))
const announceId = (v: string) => (v === NO_ANNOUNCE ? null : Number(v))

export function createQueueBody(v: QueueFormValues): CreateQueueInput {
  return {
    name: v.name,
    strategy: v.strategy,
    timeoutS: v.timeoutS,
    retryS: v.retryS,
    maxCallers: v.maxCallers,
    wrapupS: v.wrapupS,
    mohAudioId: mohId(v.mohAudioId),
    announceAudioId: announceId(v.announceAudioId),
    members: v.members,
  }
}

const sameMembers = (a: readonly MemberValues[], b: readonly MemberValues[]) =>
  a.length === b.length && a.every((m, i) => m.extensionId === b[i]!.extensionId && m.penalty === b[i]!.penalty && m.paused === b[i]!.paused)

/** PATCH body with only what changed; `members`, when sent, replaces the whole list. */
export function queueChanges(q: Queue, v: QueueFormValues): UpdateQueueInput {
  const before = valuesFromQueue(q)
  const body: UpdateQueueInput = {}
  if (v.name !== q.name) body.name = v.name
  if (v.strategy !== q.strategy) body.strategy = v.strategy
  if (v.timeoutS !== q.timeoutS) body.timeoutS = v.timeoutS
  if (v.retryS !== q.retryS) body.retryS = v.retryS
  if (v.maxCallers !== q.maxCallers) body.maxCallers = v.maxCallers
  if (v.wrapupS !== q.wrapupS) body.wrapupS = v.wrapupS
  if (v.mohAudioId !== before.mohAudioId) body.mohAudioId = mohId(v.mohAudioId)
  if (v.announceAudioId !== before.announceAudioId) body.announceAudioId = announceId(v.announceAudioId)
  if (!sameMembers(v.members, before.members)) body.members = v.members
  return body
}
