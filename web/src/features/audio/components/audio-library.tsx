import { useEffect, useMemo, useState, type ComponentProps } from 'react'
import { AudioLines, Download, Megaphone, Music, Pencil, Search, Trash2 } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '@/components/load-more'
import { QueryError } from '@/components/query-error'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { dataTableColumns } from '@/components/ui/data-table-columns'
import { Input } from '@/components/ui/input'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip'
import { useDebouncedValue } from '@/hooks/use-debounced-value'
import type { Audio, AudioKind } from '@/lib/api/client'
import { audioFileUrl } from '@/lib/api/downloads'
import { formatBytes, formatDateTimeParts } from '@/lib/format'
import { currentLanguage } from '@/lib/i18n'
import { cn } from '@/lib/utils'
import { useAudioList } from '../api/get-audio-list'
import { formatSampleRate } from '../lib/audio-format'
import { deliverySummaryText, summarizeDelivery } from '../lib/delivery'
import { AudioDeliveryDialog } from './audio-delivery-dialog'
import { AudioPlayerProvider, usePlayer } from './audio-player'
import { DeleteAudioDialog } from './delete-audio-dialog'
import { DeliveryIcon, DeliverySummaryBadge } from './delivery-badge'
import { EditAudioDialog } from './edit-audio-dialog'
import { KindBadge } from './kind-badge'
import { PlayButton, TrackTime, TrackWaveform } from './track-controls'
import { UploadAudioDialog } from './upload-audio-dialog'

/** The tabs: every audio, or one kind. */
export type KindTab = 'all' | AudioKind
const TABS: readonly KindTab[] = ['all', 'campaign', 'moh']
const TAB_ICONS = { all: AudioLines, campaign: Megaphone, moh: Music } as const

const col = dataTableColumns<Audio>()

function AudioEmpty() {
  const { t } = useTranslation()
  return (
    <Card className="items-center gap-3 px-6 py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
        <AudioLines className="size-6" aria-hidden />
      </div>
      <h2 className="text-lg font-semibold">{t('audio.empty.title')}</h2>
      <p className="max-w-md text-sm text-muted-foreground">{t('audio.empty.description')}</p>
      <UploadAudioDialog defaultKind="campaign" />
    </Card>
  )
}

function OriginalFormat({ audio }: { audio: Audio }) {
  const { t } = useTranslation()
  const channels = audio.channels === 1 ? t('audio.channels.mono') : audio.channels === 2 ? t('audio.channels.stereo') : t('audio.channels.other', { count: audio.channels })
  return (
    <div className="min-w-0">
      <p className="truncate" title={audio.format}>
        {audio.format}
      </p>
      <p className="text-xs whitespace-nowrap text-muted-foreground">
        {formatSampleRate(audio.sampleRate, currentLanguage())} · {channels} · <span data-testid="audio-size">{formatBytes(audio.sizeBytes)}</span>
      </p>
    </div>
  )
}

/** The delivery badge, as the button that opens "Entrega aos servidores" (wide screens). */
function DeliveryButton({ audio, onOpen }: { audio: Audio; onOpen: () => void }) {
  const { t } = useTranslation()
  const summary = summarizeDelivery(audio.delivery)
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <button
          type="button"
          onClick={onOpen}
          aria-haspopup="dialog"
          aria-label={t('audio.delivery.open', { name: audio.name, summary: deliverySummaryText(t, summary) })}
          className="rounded-full outline-none transition-opacity hover:opacity-80 focus-visible:ring-[3px] focus-visible:ring-ring/50"
          data-testid="delivery-summary"
        >
          <DeliverySummaryBadge summary={summary} />
        </button>
      </TooltipTrigger>
      <TooltipContent>{t('audio.delivery.tooltip')}</TooltipContent>
    </Tooltip>
  )
}

const DELIVERY_ICON_COLOR = {
  none: 'text-muted-foreground',
  delivered: 'text-success',
  pending: 'text-warning',
  failed: 'text-destructive',
} as const

/** The same, as an icon in the row's actions, where the column is hidden (narrow screens). */
function DeliveryIconButton({ audio, onOpen }: { audio: Audio; onOpen: () => void }) {
  const { t } = useTranslation()
  const summary = summarizeDelivery(audio.delivery)
  const text = deliverySummaryText(t, summary)
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon-sm"
          className={cn('xl:hidden', DELIVERY_ICON_COLOR[summary.state])}
          aria-haspopup="dialog"
          aria-label={t('audio.delivery.open', { name: audio.name, summary: text })}
          onClick={onOpen}
        >
          <DeliveryIcon summary={summary} />
        </Button>
      </TooltipTrigger>
      <TooltipContent>{text}</TooltipContent>
    </Tooltip>
  )
}

function AudioTable({ kind, q }: { kind?: AudioKind; q: string }) {
  const { t } = useTranslation()
  const player = usePlayer()
  const query = useAudioList({ kind, q })
  const [editing, setEditing] = useState<Audio | null>(null)
  const [delivering, setDelivering] = useState<Audio | null>(null)
  const [deleting, setDeleting] = useState<Audio | null>(null)
  const audios = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data])

  // The audio playing left the list (deleted, filtered out): stop it, there is no button for it.
  useEffect(() => {
    const playing = player.getState().id
    if (query.isSuccess && playing !== null && !audios.some((a) => a.id === playing)) player.stop()
  }, [audios, query.isSuccess, player])

  const columns = useMemo(
    () => [
      col.display({
        id: 'play',
        header: () => <span className="sr-only">{t('audio.columns.play')}</span>,
        cell: ({ row }) => <PlayButton audio={row.original} />,
      }),
      col.accessor('name', {
        header: () => t('audio.columns.name'),
        cell: ({ row }) => {
          const a = row.original
          return (
            <div className="grid min-w-0 gap-1">
              <p className="truncate font-medium" title={a.name}>
                {a.name}
              </p>
              {(!kind || a.description) && (
                <div className="flex min-w-0 items-center gap-2 overflow-hidden">
                  {/* On a kind's own tab the badge would only repeat the tab; phones have no room for it. */}
                  {!kind && <KindBadge kind={a.kind} className="hidden sm:inline-flex" />}
                  {a.description && (
                    <span className="truncate text-xs text-muted-foreground" title={a.description}>
                      {a.description}
                    </span>
                  )}
                </div>
              )}
            </div>
          )
        },
      }),
      col.display({
        id: 'waveform',
        header: () => t('audio.columns.waveform'),
        cell: ({ row }) => <TrackWaveform audio={row.original} />,
      }),
      col.accessor('durationMs', {
        header: () => t('audio.columns.duration'),
        cell: ({ row }) => <TrackTime audio={row.original} />,
      }),
      col.accessor('format', {
        header: () => t('audio.columns.format'),
        cell: ({ row }) => <OriginalFormat audio={row.original} />,
      }),
      col.display({
        id: 'delivery',
        header: () => t('audio.columns.delivery'),
        cell: ({ row }) => <DeliveryButton audio={row.original} onOpen={() => setDelivering(row.original)} />,
      }),
      col.accessor('createdAt', {
        header: () => t('audio.columns.createdAt'),
        cell: ({ getValue }) => {
          const [date, time] = formatDateTimeParts(getValue())
          return (
            <div className="leading-tight whitespace-nowrap">
              <p>{date}</p>
              <p className="text-xs text-muted-foreground">{time}</p>
            </div>
          )
        },
      }),
      col.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('common.actions')}</span>,
        cell: ({ row }) => {
          const a = row.original
          return (
            <div className="flex justify-end gap-0.5 sm:gap-1">
              <DeliveryIconButton audio={a} onOpen={() => setDelivering(a)} />
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button asChild variant="ghost" size="icon-sm" className="hidden sm:inline-flex">
                    <a href={audioFileUrl(a.id, 'original')} download aria-label={t('audio.download.action', { name: a.name })}>
                      <Download />
                    </a>
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('audio.download.tooltip')}</TooltipContent>
              </Tooltip>
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button variant="ghost" size="icon-sm" aria-label={t('audio.edit.action', { name: a.name })} onClick={() => setEditing(a)}>
                    <Pencil />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.edit')}</TooltipContent>
              </Tooltip>
              <Tooltip>
                <TooltipTrigger asChild>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
                    aria-label={t('audio.delete.action', { name: a.name })}
                    onClick={() => setDeleting(a)}
                  >
                    <Trash2 />
                  </Button>
                </TooltipTrigger>
                <TooltipContent>{t('common.delete')}</TooltipContent>
              </Tooltip>
            </div>
          )
        },
      }),
    ],
    [t, kind],
  )

  if (!kind && !q && query.isSuccess && audios.length === 0) return <AudioEmpty />

  return (
    <>
      <Card className="gap-0 overflow-hidden py-0">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <DataTable
              aria-label={t(`audio.tableLabel.${kind ?? 'all'}`)}
              columns={columns}
              data={audios}
              getRowId={(a) => String(a.id)}
              isLoading={query.isPending}
              empty={q ? t('audio.emptySearch', { q }) : t(`audio.emptyKind.${kind ?? 'campaign'}`)}
              columnClassName={{
                play: 'w-12 pr-0',
                name: 'min-w-32 sm:min-w-48 max-w-0',
                waveform: 'hidden md:table-cell w-36 2xl:w-48',
                durationMs: 'w-14 sm:w-24 whitespace-nowrap',
                format: 'hidden lg:table-cell w-40',
                delivery: 'hidden xl:table-cell w-px whitespace-nowrap',
                createdAt: 'hidden 2xl:table-cell w-28',
                // Phones: the delivery icon, edit and delete; then download too; xl: the delivery column instead of the icon.
                actions: 'w-28 pl-0 sm:pl-3 sm:w-44 xl:w-32 text-right',
              }}
              rowProps={(a) => ({ 'data-testid': 'audio-row', 'aria-label': a.name } as ComponentProps<'tr'>)}
            />
            {!query.isPending && (
              <LoadMore
                count={audios.length}
                hasNextPage={query.hasNextPage}
                isFetchingNextPage={query.isFetchingNextPage}
                onLoadMore={() => void query.fetchNextPage()}
              />
            )}
          </>
        )}
      </Card>
      <EditAudioDialog audio={editing} onOpenChange={(o) => !o && setEditing(null)} />
      <AudioDeliveryDialog audio={delivering} onOpenChange={(o) => !o && setDelivering(null)} />
      <DeleteAudioDialog audio={deleting} onOpenChange={(o) => !o && setDeleting(null)} />
    </>
  )
}

interface AudioLibraryProps {
  tab: KindTab
  onTabChange: (tab: KindTab) => void
}

/** Áudios: the kind tabs, the search, and the table with in-page playback. */
export function AudioLibrary({ tab, onTabChange }: AudioLibraryProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const q = useDebouncedValue(search.trim(), 250)
  return (
    <AudioPlayerProvider>
      <Tabs value={tab} onValueChange={(v) => onTabChange(v as KindTab)} className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <TabsList aria-label={t('audio.tabs.label')} className="max-w-full justify-start overflow-x-auto">
            {TABS.map((k) => {
              const Icon = TAB_ICONS[k]
              return (
                <TabsTrigger key={k} value={k}>
                  <Icon aria-hidden />
                  {t(`audio.tabs.${k}`)}
                </TabsTrigger>
              )
            })}
          </TabsList>
          <div className="relative w-full sm:w-72">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
            <Input
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t('audio.searchPlaceholder')}
              aria-label={t('audio.searchPlaceholder')}
              className="pl-9"
            />
          </div>
        </div>
        {TABS.map((k) => (
          <TabsContent key={k} value={k}>
            <AudioTable kind={k === 'all' ? undefined : k} q={q} />
          </TabsContent>
        ))}
      </Tabs>
    </AudioPlayerProvider>
  )
}
