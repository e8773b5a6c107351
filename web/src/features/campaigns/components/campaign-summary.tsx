import type * as React from 'react'
import { Pencil } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { formatNumber } from '@/lib/format'
import { useCampaignAudio, useListOptions, useTrunkOptions } from '../api/get-options'
import { IVR_KEYS, RETRY_OUTCOMES, type CampaignFormValues, type WizardStep } from '../lib/campaign-form'
import { formatDecimal } from '../lib/format'
import { weekdaysText } from '../lib/schedule-text'
import { formatInZone, fromZonedInput } from '../lib/timezone'
import { DeliveryNote } from './wizard/audio-field'

function Section({ step, title, onEdit, children }: { step: WizardStep; title: string; onEdit?: (step: WizardStep) => void; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <Card className="gap-3 px-5 py-4" data-testid={`summary-${step}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">{title}</h3>
        {onEdit && (
          <Button type="button" variant="ghost" size="sm" onClick={() => onEdit(step)} aria-label={t('campaigns.wizard.review.editStep', { step: title })}>
            <Pencil aria-hidden />
            {t('campaigns.wizard.review.edit')}
          </Button>
        )}
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(9rem,auto)_1fr]">{children}</dl>
    </Card>
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  )
}

/** A campaign's settings in words, by step (the wizard's review; the detail page's "Configuração"). */
export function CampaignSummary({ values, onEdit }: { values: CampaignFormValues; onEdit?: (step: WizardStep) => void }) {
  const { t } = useTranslation()
  const audio = useCampaignAudio()
  const lists = useListOptions()
  const trunks = useTrunkOptions()
  const none = <span className="text-muted-foreground">{t('campaigns.wizard.review.none')}</span>
  const s = (k: string, o?: Record<string, unknown>) => t(`campaigns.wizard.review.${k}`, o)

  const chosenAudio = audio.data?.find((a) => String(a.id) === values.audioId)
  const chosenLists = (lists.data ?? []).filter((l) => values.listIds.includes(l.id))
  const contacts = chosenLists.reduce((n, l) => n + l.contactCount, 0)
  const trunkName = (id: number) => trunks.data?.find((tr) => tr.id === id)?.name ?? `#${id}`
  const when = (local: string) => formatInZone(fromZonedInput(local, values.timezone), values.timezone)
  const ivrKeys = IVR_KEYS.filter((k) => values.ivrOptions[Number(k)]!.action !== 'none')

  return (
    <div className="grid gap-3">
      <Section step="basico" title={t('campaigns.wizard.steps.basico')} onEdit={onEdit}>
        <Row label={t('campaigns.wizard.basics.name')}>{values.name.trim() || none}</Row>
        <Row label={t('campaigns.wizard.basics.audio')}>
          {chosenAudio ? (
            <div className="grid gap-1">
              <span>{chosenAudio.name}</span>
              <DeliveryNote audio={chosenAudio} />
            </div>
          ) : values.audioId ? (
            `#${values.audioId}`
          ) : (
            none
          )}
        </Row>
        <Row label={t('campaigns.wizard.basics.lists')}>
          {values.listIds.length === 0 ? (
            none
          ) : (
            <span>
              {chosenLists.map((l) => l.name).join(', ') || values.listIds.map((id) => `#${id}`).join(', ')}{' '}
              <span className="text-muted-foreground">({t('campaigns.wizard.basics.contactsCount', { count: contacts, formatted: formatNumber(contacts) })})</span>
            </span>
          )}
        </Row>
        <Row label={t('campaigns.wizard.basics.callerId')}>{values.callerId.trim() ? <span className="font-mono">{values.callerId.trim()}</span> : <span className="text-muted-foreground">{s('callerIdTrunk')}</span>}</Row>
      </Section>

      <Section step="discagem" title={t('campaigns.wizard.steps.discagem')} onEdit={onEdit}>
        <Row label={t('campaigns.wizard.dialing.trunks')}>{values.trunkIds.length === 0 ? none : <span className="font-mono">{values.trunkIds.map((id, i) => `${i + 1}. ${trunkName(id)}`).join(' → ')}</span>}</Row>
        <Row label={s('limits')}>{s('limitsValue', { concurrent: values.maxConcurrent, cps: formatDecimal(values.maxCps, 2), ring: values.ringTimeoutS })}</Row>
      </Section>

      <Section step="atendimento" title={t('campaigns.wizard.steps.atendimento')} onEdit={onEdit}>
        <Row label={s('amd')}>{values.amdEnabled ? s(`amdOn.${values.machineAction}`) : s('off')}</Row>
        <Row label={s('ivr')}>
          {!values.ivrEnabled ? (
            s('off')
          ) : (
            <ul className="grid gap-0.5">
              {ivrKeys.map((k) => {
                const o = values.ivrOptions[Number(k)]!
                return (
                  <li key={k}>
                    <span className="mr-2 inline-flex size-5 items-center justify-center rounded border font-mono text-xs">{k}</span>
                    {t(`campaigns.wizard.answering.actions.${o.action}`)}
                    {o.target && <span className="font-mono"> {o.target}</span>}
                  </li>
                )
              })}
              <li className="text-xs text-muted-foreground">{s('readTimeout', { seconds: values.readTimeoutS })}</li>
            </ul>
          )}
        </Row>
      </Section>

      <Section step="tentativas" title={t('campaigns.wizard.steps.tentativas')} onEdit={onEdit}>
        <Row label={t('campaigns.wizard.retries.maxAttempts')}>{values.maxAttempts}</Row>
        <Row label={s('delays')}>
          {RETRY_OUTCOMES.map((o) => `${t(`campaigns.dispositions.${o}`)}: ${values.delays[o].trim() ? s('minutes', { n: values.delays[o].trim() }) : s('noRetry')}`).join(' · ')}
        </Row>
        <Row label={s('nextPhone')}>{values.nextPhoneOn.length === 0 ? s('nextPhoneNone') : values.nextPhoneOn.map((o) => t(`campaigns.dispositions.${o}`)).join(', ')}</Row>
      </Section>

      <Section step="horario" title={t('campaigns.wizard.steps.horario')} onEdit={onEdit}>
        <Row label={t('campaigns.wizard.schedule.windows')}>
          <ul className="grid gap-0.5">
            {values.windows.map((w, i) => (
              <li key={i} className="tabular-nums">
                {weekdaysText(t, w.weekdays)} {w.start}–{w.end}
              </li>
            ))}
          </ul>
        </Row>
        <Row label={s('holidays')}>{values.allowHolidays ? s('holidaysYes') : s('holidaysNo')}</Row>
        <Row label={t('campaigns.wizard.schedule.timezone')}>{t(`campaigns.timezones.${values.timezone}`)}</Row>
        <Row label={s('period')}>
          {values.startsAt || values.endsAt
            ? s('periodValue', { start: values.startsAt ? when(values.startsAt) : s('onStart'), end: values.endsAt ? when(values.endsAt) : s('noEnd') })
            : s('periodNone')}
        </Row>
      </Section>
    </div>
  )
}
