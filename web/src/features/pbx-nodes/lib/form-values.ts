import type { Path } from 'react-hook-form'
import { z } from 'zod'
import type { PbxNode } from '@/lib/api/client'
import type { CreatePbxNodeInput } from '../api/create-pbx-node'
import type { UpdatePbxNodeInput } from '../api/update-pbx-node'

/** i18n scope of this form's server-error texts (`pbxNodes.serverErrors.<field>.<code>`). */
export const PBX_ERROR_SCOPE = 'pbxNodes.serverErrors'

const hasControlChars = (v: string) => [...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)

/**
 * A sounds or configuration directory as the server takes it: absolute, only letters, digits,
 * `.`, `_`, `-` and `/` (it ends up in Playback() arguments and Asterisk configuration files),
 * and no `.` or `..` segment.
 */
export const SAFE_DIR = /^(\/[A-Za-z0-9._-]+)+\/?$/
const hasDotSegment = (v: string) => v.split('/').some((part) => part === '.' || part === '..')

const optionalPath = z
  .string()
  .trim()
  .max(255, 'validation.pathMax')
  .refine((v) => v === '' || SAFE_DIR.test(v), 'validation.safePath')
  .refine((v) => !hasDotSegment(v), 'validation.pathDots')
const intIn = (min: number, max: number, message: string) =>
  z.number({ error: message }).int(message).min(min, message).max(max, message)

function schemaFor(secretRequired: (values: { changeSecret: boolean }) => boolean) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'validation.pbxNameRequired')
        .max(64, 'validation.pbxNameMax')
        .regex(/^[A-Za-z0-9._-]+$/, 'validation.pbxNameChars'),
      amiHost: z
        .string()
        .trim()
        .min(1, 'validation.hostRequired')
        .max(255, 'validation.hostInvalid')
        .regex(/^[A-Za-z0-9.:-]+$/, 'validation.hostInvalid'),
      amiPort: intIn(1, 65535, 'validation.portRange'),
      amiUser: z
        .string()
        .trim()
        .min(1, 'validation.amiUserRequired')
        .max(255, 'validation.amiUserInvalid')
        .refine((v) => !hasControlChars(v), 'validation.amiUserInvalid'),
      // Not trimmed: a secret may legitimately start or end with a space.
      amiSecret: z
        .string()
        .max(255, 'validation.secretInvalid')
        .refine((v) => !hasControlChars(v), 'validation.secretInvalid'),
      changeSecret: z.boolean(),
      maxChannels: intIn(1, 10000, 'validation.maxChannelsRange'),
      enabled: z.boolean(),
      mediaMode: z.enum(['directory', 'http']),
      soundsDir: optionalPath,
      configDir: optionalPath,
    })
    .superRefine((v, ctx) => {
      if (secretRequired(v) && v.amiSecret === '')
        ctx.addIssue({ code: 'custom', path: ['amiSecret'], message: 'validation.secretRequired' })
    })
}

export const createSchema = schemaFor(() => true)
export const editSchema = schemaFor((v) => v.changeSecret)

export type PbxNodeFormValues = z.infer<typeof createSchema>

export const FIELDS = [
  'name',
  'amiHost',
  'amiPort',
  'amiUser',
  'amiSecret',
  'maxChannels',
  'enabled',
  'mediaMode',
  'soundsDir',
  'configDir',
] as const satisfies readonly Path<PbxNodeFormValues>[]
export const CONNECTION_FIELDS = ['amiHost', 'amiPort', 'amiUser', 'amiSecret'] as const

export const EMPTY_PBX_NODE: PbxNodeFormValues = {
  name: '',
  amiHost: '',
  amiPort: 5038,
  amiUser: '',
  amiSecret: '',
  changeSecret: true,
  maxChannels: 100,
  enabled: true,
  mediaMode: 'directory',
  soundsDir: '',
  configDir: '',
}

export function valuesFromNode(node: PbxNode): PbxNodeFormValues {
  return {
    name: node.name,
    amiHost: node.amiHost,
    amiPort: node.amiPort,
    amiUser: node.amiUser,
    amiSecret: '',
    // Without a stored secret there is nothing to keep: ask for one.
    changeSecret: !node.hasSecret,
    maxChannels: node.maxChannels,
    enabled: node.enabled,
    mediaMode: node.mediaMode,
    soundsDir: node.soundsDir ?? '',
    configDir: node.configDir ?? '',
  }
}


/** POST body; empty directories are sent as null. */
export function createBody(v: PbxNodeFormValues): CreatePbxNodeInput {
  return {
    name: v.name,
    amiHost: v.amiHost,
    amiPort: v.amiPort,
    amiUser: v.amiUser,
    amiSecret: v.amiSecret,
    maxChannels: v.maxChannels,
    enabled: v.enabled,
    mediaMode: v.mediaMode,
    soundsDir: v.soundsDir || null,
    configDir: v.configDir || null,
  }
}

/** PATCH body with only what changed; `amiSecret` only when the admin chose "Trocar segredo". */
export function pbxNodeChanges(node: PbxNode, v: PbxNodeFormValues): UpdatePbxNodeInput {
  const body: UpdatePbxNodeInput = {}
  if (v.name !== node.name) body.name = v.name
  if (v.amiHost !== node.amiHost) body.amiHost = v.amiHost
  if (v.amiPort !== node.amiPort) body.amiPort = v.amiPort
  if (v.amiUser !== node.amiUser) body.amiUser = v.amiUser
  if (v.changeSecret && v.amiSecret) body.amiSecret = v.amiSecret
  if (v.maxChannels !== node.maxChannels) body.maxChannels = v.maxChannels
  if (v.enabled !== node.enabled) body.enabled = v.enabled
  if (v.mediaMode !== node.mediaMode) body.mediaMode = v.mediaMode
  if ((v.soundsDir || null) !== node.soundsDir) body.soundsDir = v.soundsDir || null
  if ((v.configDir || null) !== node.configDir) body.configDir = v.configDir || null
  return body
}

