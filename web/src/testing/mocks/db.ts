import type {
  ApiToken,
  Audio,
  AudioDelivery,
  AuditEntry,
  CallAttempt,
  Campaign,
  CampaignProgress,
  Contact,
  ContactList,
  DncEntry,
  Extension,
  Job,
  LiveCall,
  PbxNode,
  PbxNodeStatus,
  Queue,
  Trunk,
  User,
} from '@/lib/api/client'

/** In-memory data behind the MSW handlers; reset before every test. */
export interface MockDb {
  users: (User & { password: string })[]
  tokens: ApiToken[]
  audit: AuditEntry[]
  /** PBX nodes with their (write-only) secret */
  pbxNodes: (PbxNode & { secret: string })[]
  contactLists: ContactList[]
  contacts: Contact[]
  dnc: DncEntry[]
  jobs: Job[]
  audio: Audio[]
  /** Extensions with their (write-only) SIP secret */
  extensions: (Extension & { secret: string })[]
  /** Queues; members' `number` and `name` are filled in from the extensions when answered */
  queues: Queue[]
  /** Trunks with their (write-only) secret */
  trunks: (Trunk & { secret: string | null })[]
  /** Extensions whose phone is registered (GET /pbx/live shows a contact for them) */
  registered: number[]
  pbxSettings: { autoApply: boolean }
  campaigns: Campaign[]
  /** Per campaign id, its call log, newest first */
  attempts: Record<number, CallAttempt[]>
  /** Per campaign id, its calls up now */
  liveCalls: Record<number, LiveCall[]>
  /** Per node id and file name: what the last apply wrote (GET /pbx/config diffs against it) */
  applied: Record<number, Record<string, string>>
  /** id of the logged-in user, or null for no session */
  sessionUserId: number | null
  csrfToken: string
}

const T = '2025-01-15T13:00:00Z'

export function makeUser(over: Partial<User> & { id: number; password?: string }): User & { password: string } {
  return {
    email: `user${over.id}@callcenter.com.br`,
    name: `Usuário ${over.id}`,
    role: 'user',
    active: true,
    createdAt: T,
    updatedAt: T,
    lastLoginAt: null,
    password: 'senha-segura-123',
    ...over,
  }
}

export const db: MockDb = {
  users: [],
  tokens: [],
  audit: [],
  pbxNodes: [],
  contactLists: [],
  contacts: [],
  dnc: [],
  jobs: [],
  audio: [],
  extensions: [],
  queues: [],
  trunks: [],
  registered: [],
  pbxSettings: { autoApply: true },
  campaigns: [],
  attempts: {},
  liveCalls: {},
  applied: {},
  sessionUserId: null,
  csrfToken: 'csrf-test-token',
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString()

export function makePbxStatus(over: Partial<PbxNodeStatus> = {}): PbxNodeStatus {
  return {
    state: 'connected',
    asteriskVersion: '22.5.2',
    amiVersion: '11.0.0',
    startedAt: ago(3 * 86_400 + 4 * 3600 + 120), // "há 3 d 4 h"
    reloadedAt: ago(2 * 3600 + 10 * 60 + 5), // "há 2 h 10 min"
    uptimeSeconds: 3 * 86_400 + 4 * 3600 + 120,
    activeChannels: 38,
    lastError: null,
    connectedSince: ago(5 * 3600),
    updatedAt: ago(5),
    ...over,
  }
}

export function makePbxNode(over: Partial<PbxNode> & { id: number; secret?: string }): PbxNode & { secret: string } {
  return {
    name: `asterisk-${over.id}`,
    amiHost: `10.0.0.${20 + over.id}`,
    amiPort: 5038,
    amiUser: 'torpedo',
    hasSecret: true,
    maxChannels: 120,
    enabled: true,
    mediaMode: 'directory',
    soundsDir: '/var/lib/asterisk/sounds/torpedo',
    configDir: '/etc/asterisk/torpedo',
    createdAt: T,
    updatedAt: T,
    status: makePbxStatus(),
    secret: 'segredo-ami-1',
    ...over,
  }
}

export function makeContact(over: Partial<Contact> & { id: number; listId: number }): Contact {
  return {
    name: `Contato ${over.id}`,
    phones: [{ number: `11 9${String(8000_0000 + over.id)}`, e164: `+55119${String(8000_0000 + over.id)}`, type: 'mobile' }],
    email: null,
    custom: [null, null, null, null, null],
    dnc: false,
    createdAt: T,
    updatedAt: T,
    ...over,
  }
}

/** A speech-like waveform: bursts with short pauses (deterministic). */
export function speechPeaks(n = 400): number[] {
  return Array.from({ length: n }, (_, i) => {
    const phase = (i % 40) / 40
    return phase < 0.8 ? Math.round(Math.sin((phase / 0.8) * Math.PI) * (0.45 + 0.25 * Math.abs(Math.sin(i / 17))) * 1000) / 1000 : 0.01
  })
}

/** The public URL Asterisk fetches (TORPEDO_PUBLIC_URL/media/<token>/<id>.wav); a new token per call. */
let tokenSeq = 0
export function mediaUrlFor(id: number): string {
  tokenSeq += 1
  const token = (tokenSeq.toString(16) + 'c0ffee').repeat(11).slice(0, 64).padStart(64, '0')
  return `http://torpedo.local:8080/media/${token}/${id}.wav`
}

/** Where an audio is on one node, as the daemon's delivery would have it once done. */
export function deliveredOn(node: PbxNode, audio: Pick<Audio, 'id' | 'kind' | 'mediaUrl'>, at = T): AudioDelivery {
  const base = { nodeId: node.id, nodeName: node.name, updatedAt: null, error: null, playback: null }
  if (node.mediaMode === 'http' && audio.kind === 'campaign') {
    const url = audio.mediaUrl ?? ''
    return { ...base, mode: 'http', state: 'delivered', location: url, playback: url }
  }
  if (!node.soundsDir)
    return {
      ...base,
      mode: 'directory',
      state: 'failed',
      location: '',
      error:
        audio.kind === 'moh'
          ? 'A música de espera precisa de um diretório de sons neste servidor: informe-o em Servidores.'
          : 'Este servidor não tem diretório de sons: informe-o em Servidores, ou escolha a entrega por URL.',
    }
  const dir = audio.kind === 'moh' ? `${node.soundsDir}/moh/audio-${audio.id}` : `${node.soundsDir}/campaign`
  return { ...base, mode: 'directory', state: 'delivered', location: dir, playback: `${dir}/audio-${audio.id}`, updatedAt: at }
}

/** The delivery of an audio to every enabled node of the mock database. */
export function deliveryFor(audio: Pick<Audio, 'id' | 'kind' | 'mediaUrl'>, at = T): AudioDelivery[] {
  return db.pbxNodes.filter((n) => n.enabled).map((n) => deliveredOn(n, audio, at))
}

export function makeAudio(over: Partial<Audio> & { id: number }): Audio {
  return {
    name: `Áudio ${over.id}`,
    kind: 'campaign',
    description: null,
    format: 'MP3',
    durationMs: 42_300,
    sampleRate: 44_100,
    channels: 2,
    sizeBytes: 677_000,
    sha256: 'ab'.repeat(32),
    mediaUrl: mediaUrlFor(over.id),
    delivery: [],
    peaks: speechPeaks(),
    createdAt: T,
    updatedAt: T,
    ...over,
  }
}

export function makeExtension(over: Partial<Extension> & { id: number; number: string; secret?: string }): Extension & { secret: string } {
  return {
    endpoint: `r${over.number}-k3x9q${over.id}`,
    name: `Atendente ${over.number}`,
    callerId: null,
    codecs: ['ulaw', 'alaw'],
    enabled: true,
    hasSecret: true,
    queues: [],
    createdAt: T,
    updatedAt: T,
    secret: 'Ab3dEf6hIj9kLm2nOp5qRs8t',
    ...over,
  }
}

export function makeQueue(over: Partial<Queue> & { id: number; name: string }): Queue {
  return {
    strategy: 'ringall',
    timeoutS: 15,
    retryS: 5,
    maxCallers: 0,
    wrapupS: 0,
    mohAudioId: null,
    announceAudioId: null,
    members: [],
    createdAt: T,
    updatedAt: T,
    ...over,
  }
}

export function makeTrunk(over: Partial<Trunk> & { id: number; name: string; secret?: string | null }): Trunk & { secret: string | null } {
  const secret = over.secret === undefined ? 'senha-da-operadora' : over.secret
  return {
    host: 'sip.operadora.com.br',
    port: 5060,
    transport: 'udp',
    username: 'torpedo01',
    registerOutbound: true,
    ipMatch: [],
    codecs: ['alaw', 'ulaw'],
    maxChannels: 30,
    maxCps: 10,
    callerId: null,
    numberFormat: 'e164',
    dialPrefix: null,
    allowedPrefixes: [],
    enabled: true,
    campaigns: [],
    createdAt: T,
    updatedAt: T,
    ...over,
    hasSecret: secret !== null,
    secret,
  }
}

export function makeProgress(over: Partial<CampaignProgress> = {}): CampaignProgress {
  return {
    contacts: 0,
    pending: 0,
    dialing: 0,
    completed: 0,
    dncSkipped: 0,
    remaining: 0,
    attempts: 0,
    up: 0,
    answered: 0,
    voicemail: 0,
    noAnswer: 0,
    busy: 0,
    failed: 0,
    invalidNumber: 0,
    cancelled: 0,
    unknown: 0,
    shortCalls: 0,
    asr: null,
    acdSeconds: null,
    callsPerMinute: 0,
    ...over,
  }
}

/** A campaign as the daemon answers it, with the daemon's defaults. */
export function makeCampaign(over: Partial<Campaign> & { id: number; name: string }): Campaign {
  return {
    status: 'draft',
    audioId: 3,
    listIds: [1],
    trunkIds: [1],
    callerId: null,
    maxConcurrent: 10,
    maxCps: 5,
    ringTimeoutS: 30,
    amdEnabled: false,
    amdParams: null,
    machineAction: 'hangup',
    ivrEnabled: false,
    ivrOptions: {},
    readTimeoutS: 5,
    retryPolicy: { maxAttempts: 3, delaysS: { busy: 900, 'no-answer': 1800, failed: 600, voicemail: null, unknown: 600 }, nextPhoneOn: ['busy', 'no-answer'] },
    schedule: {
      windows: [
        { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '20:00' },
        { weekdays: [6], start: '09:00', end: '14:00' },
      ],
    },
    timezone: 'America/Sao_Paulo',
    allowHolidays: false,
    startsAt: null,
    endsAt: null,
    createdAt: T,
    updatedAt: T,
    startedAt: null,
    completedAt: null,
    progress: makeProgress(),
    readiness: [],
    ...over,
  }
}

export function makeAttempt(over: Partial<CallAttempt> & { id: number }): CallAttempt {
  return {
    contactId: over.id,
    attemptNo: 1,
    phoneIndex: 1,
    number: `5511987650${String(over.id).padStart(3, '0')}`,
    trunkId: 1,
    nodeId: 1,
    state: 'ended',
    createdAt: T,
    answeredAt: null,
    endedAt: T,
    disposition: 'answered',
    hangupCause: 16,
    techCause: null,
    amdStatus: null,
    dtmf: null,
    ringSeconds: 4.2,
    talkSeconds: 21.5,
    ...over,
  }
}

export function resetDb() {
  db.users = [
    makeUser({ id: 1, email: 'admin@torpedo.local', name: 'Ana Administradora', role: 'admin', password: 'admin-senha-123', lastLoginAt: T }),
    makeUser({ id: 2, email: 'joao@callcenter.com.br', name: 'João Operador', role: 'user' }),
    makeUser({ id: 3, email: 'inativa@callcenter.com.br', name: 'Beatriz Inativa', role: 'user', active: false }),
  ]
  db.tokens = []
  db.audit = [
    {
      id: 1,
      at: T,
      userId: 1,
      userEmail: 'admin@torpedo.local',
      action: 'user.create',
      entityType: 'user',
      entityId: '2',
      address: '10.0.0.5',
      details: { email: 'joao@callcenter.com.br', role: 'user' },
    },
  ]
  db.pbxNodes = [
    makePbxNode({ id: 1, name: 'asterisk-sp-01', amiHost: '10.0.0.21' }),
    makePbxNode({
      id: 2,
      name: 'asterisk-rj-02',
      amiHost: '10.0.1.7',
      maxChannels: 60,
      mediaMode: 'http',
      soundsDir: null,
      status: makePbxStatus({
        state: 'disconnected',
        asteriskVersion: '20.11.0',
        amiVersion: '9.0.0',
        activeChannels: null,
        uptimeSeconds: null,
        connectedSince: null,
        lastError: 'Conexão recusada por 10.0.1.7:5038.',
      }),
    }),
  ]
  db.contactLists = [
    {
      id: 1,
      name: 'Cobrança março',
      description: 'Clientes com parcelas em atraso',
      customLabels: ['CPF', 'Valor', null, null, null],
      contactCount: 3,
      createdAt: T,
      updatedAt: T,
    },
    { id: 2, name: 'Pesquisa de satisfação', description: null, customLabels: [null, null, null, null, null], contactCount: 0, createdAt: T, updatedAt: T },
  ]
  db.contacts = [
    makeContact({
      id: 1,
      listId: 1,
      name: 'João da Silva',
      phones: [
        { number: '(11) 98765-4321', e164: '+5511987654321', type: 'mobile' },
        { number: '11 3456-7890', e164: '+551134567890', type: 'fixed' },
      ],
      email: 'joao@exemplo.com.br',
      custom: ['123.456.789-00', '1.250,00', null, null, null],
    }),
    makeContact({
      id: 2,
      listId: 1,
      name: 'Maria Conceição',
      phones: [{ number: '21 3333-4444', e164: '+552133334444', type: 'fixed' }],
      dnc: true,
    }),
    makeContact({ id: 3, listId: 1, name: null, phones: [{ number: '+1 650 253 0000', e164: '+16502530000', type: 'fixed' }] }),
  ]
  db.dnc = [{ id: 1, e164: '+552133334444', source: 'manual', note: 'Pediu pelo SAC', createdAt: T }]
  db.jobs = []
  db.audio = [
    makeAudio({ id: 3, name: 'Lembrete de consulta', format: 'OGG (Vorbis)', durationMs: 18_700, channels: 1, sampleRate: 22_050, sizeBytes: 96_000 }),
    makeAudio({ id: 2, name: 'Cobrança D+5', description: 'Voz feminina, gravada em março', durationMs: 42_300 }),
    makeAudio({ id: 1, name: 'Espera — violão', kind: 'moh', format: 'WAV (PCM 16 bits)', durationMs: 200_000, channels: 2, sampleRate: 48_000, sizeBytes: 38_400_000 }),
  ]
  // Delivered on both nodes; still being written on asterisk-sp-01; music on hold fails on the
  // URL node, which has no sounds directory.
  for (const a of db.audio) a.delivery = deliveryFor(a)
  const cobranca = db.audio.find((a) => a.id === 2)!
  cobranca.delivery[0] = { ...cobranca.delivery[0]!, state: 'pending', playback: null, updatedAt: null }
  // Telephony: 1001 registered and in "suporte", 1002 not registered, 1003 disabled; a trunk
  // that registers and one authenticated by IP (used by a campaign).
  db.extensions = [
    makeExtension({ id: 1, number: '1001', name: 'Ana Souza', endpoint: 'r1001-k3x9q2', queues: ['suporte'] }),
    makeExtension({ id: 2, number: '1002', name: 'Bruno Lima', endpoint: 'r1002-p8d2m5', callerId: '551140041234' }),
    makeExtension({ id: 3, number: '1003', name: 'Carla Dias', endpoint: 'r1003-z7w4e8', enabled: false }),
  ]
  db.queues = [
    makeQueue({
      id: 1,
      name: 'suporte',
      strategy: 'rrmemory',
      timeoutS: 20,
      mohAudioId: 1,
      members: [{ extensionId: 1, number: '1001', name: 'Ana Souza', penalty: 0, paused: false }],
    }),
  ]
  db.trunks = [
    makeTrunk({ id: 1, name: 'vivo-sp', host: 'sip.vivo.com.br' }),
    makeTrunk({
      id: 2,
      name: 'claro-ip',
      host: '200.1.2.3',
      port: 5080,
      username: null,
      secret: null,
      registerOutbound: false,
      ipMatch: ['200.1.2.0/24'],
      numberFormat: 'national_prefix',
      dialPrefix: '021',
      campaigns: ['Cobrança março'],
    }),
  ]
  db.registered = [1]
  db.pbxSettings = { autoApply: true }
  // Campaigns: one running (Cobrança março through vivo-sp), one draft.
  db.campaigns = [
    makeCampaign({
      id: 2,
      name: 'Lembrete de consulta — abril',
      status: 'draft',
      listIds: [2],
      createdAt: '2025-01-16T12:00:00Z',
      updatedAt: '2025-01-16T12:00:00Z',
    }),
    makeCampaign({
      id: 1,
      name: 'Cobrança março',
      status: 'running',
      audioId: 2,
      maxConcurrent: 20,
      startedAt: '2025-01-15T13:05:00Z',
      progress: makeProgress({ contacts: 3, pending: 1, dialing: 1, completed: 1, dncSkipped: 1, remaining: 1, attempts: 4, up: 1, answered: 2, busy: 1, noAnswer: 1, asr: 0.5, acdSeconds: 21.5, callsPerMinute: 2 }),
    }),
  ]
  db.attempts = {
    1: [
      makeAttempt({ id: 4, contactId: 1, number: '5511987654321', attemptNo: 2, state: 'ended', disposition: 'answered', dtmf: '1', createdAt: '2025-01-15T13:20:00Z' }),
      makeAttempt({ id: 3, contactId: 1, number: '5511987654321', disposition: 'busy', talkSeconds: null, ringSeconds: 2, createdAt: '2025-01-15T13:10:00Z' }),
    ],
  }
  db.liveCalls = { 1: [{ attemptId: 5, contactId: 3, number: '16502530000', trunkId: 1, nodeId: 1, state: 'ringing', startedAt: new Date(Date.now() - 5000).toISOString(), answeredAt: null }] }
  db.applied = {}
  db.sessionUserId = null
}

export function loginAs(id: number | null) {
  db.sessionUserId = id
}
