import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

/**
 * The one HTTP client of the app. Only src/lib/api and the features' api/ folders use it.
 *
 * - Same-origin cookie session (`torpedo_session`), so `credentials: 'same-origin'`.
 * - The CSRF token from `POST /auth/login` / `GET /auth/me` is kept in memory only and sent as
 *   `X-CSRF-Token` on state-changing requests.
 * - A 401 on anything but the login call means the session is gone: the registered handler
 *   sends the user to the login page.
 */
export type Schemas = components['schemas']
export type User = Schemas['User']
export type Role = Schemas['Role']
export type ApiToken = Schemas['ApiToken']
export type AuditEntry = Schemas['AuditEntry']
export type ErrorCode = Schemas['ErrorCode']
export type PbxNode = Schemas['PbxNode']
export type PbxNodeStatus = Schemas['PbxNodeStatus']
export type PbxNodeState = Schemas['PbxNodeState']
export type PbxMediaMode = Schemas['PbxMediaMode']
export type PbxTestResult = Schemas['PbxTestResult']
export type ContactList = Schemas['ContactList']
export type Contact = Schemas['Contact']
export type Phone = Schemas['Phone']
export type PhoneType = Phone['type']
export type ImportField = Schemas['ImportField']
export type ImportOptions = Schemas['ImportOptions']
export type ImportPreview = Schemas['ImportPreview']
export type ImportResult = Schemas['ImportResult']
export type Job = Schemas['Job']
export type JobKind = Job['kind']
export type JobStatus = Job['status']
export type DncEntry = Schemas['DncEntry']
export type Audio = Schemas['Audio']
export type AudioKind = Audio['kind']
export type AudioDelivery = Schemas['AudioDelivery']
export type AudioDeliveryState = AudioDelivery['state']
export type Extension = Schemas['Extension']
export type ExtensionCreated = Schemas['ExtensionCreated']
export type Codec = Schemas['Codecs'][number]
export type Queue = Schemas['Queue']
export type QueueMember = Schemas['QueueMember']
export type QueueStrategy = Schemas['QueueStrategy']
export type Trunk = Schemas['Trunk']
export type TrunkTransport = Trunk['transport']
export type NumberFormat = Schemas['NumberFormat']
export type PbxLive = Schemas['PbxLive']
export type PbxLiveNode = PbxLive['nodes'][number]
export type PbxConfigPreview = Schemas['PbxConfigPreview']
export type PbxConfigNode = PbxConfigPreview['nodes'][number]
export type PbxConfigFile = PbxConfigNode['files'][number]
export type PbxApplyResult = Schemas['PbxApplyResult']
export type PbxNodeApplyReport = Schemas['PbxNodeApplyReport']
export type PbxSettings = Schemas['PbxSettings']
/**
 * The schema's `Campaign` is `allOf: [CampaignWrite, {required: [name, audioId, …]}]`: every
 * setting is required in a campaign read back, but openapi-typescript only applies a `required`
 * list to the properties declared next to it, so they come out optional. Re-applied here.
 */
export type Campaign = Schemas['Campaign'] & Required<Schemas['CampaignWrite']>
export type CampaignWrite = Schemas['CampaignWrite']
export type CampaignStatus = Schemas['CampaignStatus']
export type CampaignProgress = Schemas['CampaignProgress']
export type ReadinessProblem = Schemas['ReadinessProblem']
export type RetryPolicy = Schemas['RetryPolicy']
export type CallingWindow = Schemas['CallingWindow']
export type IvrOption = Schemas['IvrOption']
export type IvrAction = IvrOption['action']
export type CallAttempt = Schemas['CallAttempt']
export type Disposition = Schemas['Disposition']
export type LiveCall = Schemas['LiveCall']
export type CampaignTimezone = NonNullable<CampaignWrite['timezone']>

export const API_BASE_PATH = '/api/v1'
export const CSRF_HEADER = 'X-CSRF-Token'
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken: string | null = null
let unauthorizedHandler: (() => void) | null = null

export function setCsrfToken(token: string | null) {
  csrfToken = token
}

export function getCsrfToken() {
  return csrfToken
}

/** Registers what happens when the server answers 401 (session expired or logged out). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  unauthorizedHandler = handler
}

/** The session is gone (a 401 outside login): forget the CSRF token and run the handler. */
export function notifyUnauthorized() {
  csrfToken = null
  unauthorizedHandler?.()
}

export const authMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE_METHODS.has(request.method.toUpperCase())) {
      request.headers.set(CSRF_HEADER, csrfToken)
    }
    return request
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/auth/login')) notifyUnauthorized()
    return response
  },
}

function baseUrl() {
  // Absolute so that Request() also works outside a browser (tests); same origin as the page.
  const origin = typeof window !== 'undefined' ? window.location.origin : 'http://localhost'
  return `${origin}${API_BASE_PATH}`
}

export const api = createClient<paths>({
  baseUrl: baseUrl(),
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Look fetch up at call time (lets test mocks patch globalThis.fetch after import).
  fetch: (request) => globalThis.fetch(request),
})
api.use(authMiddleware)
