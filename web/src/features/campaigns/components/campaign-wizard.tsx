import { useState } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { AlertCircle, ArrowLeft, ArrowRight, Save } from 'lucide-react'
import { useForm, type FieldErrors, type Path } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { toast } from 'sonner'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Separator } from '@/components/ui/separator'
import { campaignPath, paths } from '@/config/paths'
import type { Campaign } from '@/lib/api/client'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { useCreateCampaign } from '../api/create-campaign'
import { useUpdateCampaign } from '../api/update-campaign'
import {
  campaignBody,
  campaignFormValues,
  campaignSchema,
  changedFields,
  defaultCampaignValues,
  isWizardStep,
  serverFieldTarget,
  STEP_FIELDS,
  stepOfField,
  WIZARD_STEPS,
  type CampaignFormValues,
  type WizardStep,
} from '../lib/campaign-form'
import { commandErrorText } from '../lib/errors'
import { StepAnswering } from './wizard/step-answering'
import { StepBasics } from './wizard/step-basics'
import { StepDialing } from './wizard/step-dialing'
import { StepRetries } from './wizard/step-retries'
import { StepReview } from './wizard/step-review'
import { StepSchedule } from './wizard/step-schedule'
import { WizardStepper } from './wizard/wizard-stepper'

const STEP_COMPONENT = {
  basico: StepBasics,
  discagem: StepDialing,
  atendimento: StepAnswering,
  tentativas: StepRetries,
  horario: StepSchedule,
} as const

function stepsWithErrors(errors: FieldErrors<CampaignFormValues>): Set<WizardStep> {
  const steps = new Set<WizardStep>()
  for (const key of Object.keys(errors)) {
    const step = key === 'root' ? 'revisao' : stepOfField(key)
    if (step) steps.add(step)
  }
  return steps
}

/**
 * The campaign wizard (admins): Básico, Discagem, Atendimento, Novas tentativas, Horário and
 * Revisão, one form across the steps. "Próximo" checks the step's fields; saving checks them all
 * and opens the first step with a problem. The daemon's 422 is shown next to the field it names
 * (`retryPolicy.delaysS.busy`, `ivrOptions.1.target`), on its step. New campaigns are saved as
 * drafts; editing sends only what changed. `?etapa=discagem` opens a step (readiness "Corrigir").
 */
export function CampaignWizard({ campaign }: { campaign?: Campaign }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const requested = search.get('etapa')
  const [step, setStep] = useState<WizardStep>(isWizardStep(requested) ? requested : 'basico')
  const [visited, setVisited] = useState<ReadonlySet<WizardStep>>(() => new Set([step]))
  // A server error on a step without a field of its own (e.g. `amdParams`).
  const [stepError, setStepError] = useState<{ step: WizardStep; message: string } | null>(null)
  const [initial] = useState<CampaignFormValues>(() => (campaign ? campaignFormValues(campaign) : defaultCampaignValues()))
  const form = useForm<CampaignFormValues>({ resolver: zodResolver(campaignSchema), defaultValues: initial, mode: 'onTouched' })
  const create = useCreateCampaign()
  const update = useUpdateCampaign()
  const editing = Boolean(campaign)
  const at = WIZARD_STEPS.indexOf(step)

  const go = (next: WizardStep) => {
    setStep(next)
    setVisited((v) => new Set(v).add(next))
    window.scrollTo?.({ top: 0 })
  }

  const next = async () => {
    if (await form.trigger(STEP_FIELDS[step] as unknown as Path<CampaignFormValues>[])) go(WIZARD_STEPS[at + 1]!)
  }

  const showServerError = (error: unknown) => {
    if (error instanceof ApiError && error.field) {
      const target = serverFieldTarget(error.field)
      let path = target.path
      // Options of a menu that is switched off are not on screen: the switch carries it.
      if (path?.startsWith('ivrOptions.') && !form.getValues('ivrEnabled')) path = 'ivrEnabled'
      const message = target.ownMessage ? t(`campaigns.wizard.serverErrors.${target.ownMessage}`) : error.message || errorMessage(t, error)
      if (path) form.setError(path as Path<CampaignFormValues>, { type: 'server', message })
      else if (target.step === 'revisao') form.setError('root.server', { type: 'server', message })
      else setStepError({ step: target.step, message })
      go(target.step)
      return
    }
    form.setError('root.server', { type: 'server', message: commandErrorText(t, error) })
    go('revisao')
  }

  const save = form.handleSubmit(
    async (values) => {
      setStepError(null)
      try {
        if (campaign) {
          const body = changedFields(initial, values)
          const saved = Object.keys(body).length > 0 ? await update.mutateAsync({ id: campaign.id, body }) : campaign
          toast.success(t('campaigns.wizard.updated', { name: saved.name }))
          void navigate(campaignPath(saved.id))
        } else {
          const created = await create.mutateAsync(campaignBody(values))
          toast.success(t('campaigns.wizard.created', { name: created.name }))
          void navigate(campaignPath(created.id))
        }
      } catch (error) {
        showServerError(error)
      }
    },
    (errors) => {
      const first = WIZARD_STEPS.find((s) => stepsWithErrors(errors).has(s))
      if (first) go(first)
    },
  )

  const errorSteps = stepsWithErrors(form.formState.errors)
  if (stepError) errorSteps.add(stepError.step)
  const StepBody = step === 'revisao' ? null : STEP_COMPONENT[step]
  const saving = form.formState.isSubmitting
  // Keyed apart from "Próximo": were React to reuse that <button> as this one, the click that
  // opens the review would turn it into a submit button before the browser acts on the click.
  const saveButton = (
    <Button key="save" type="submit" loading={saving}>
      {!saving && <Save aria-hidden />}
      {editing ? t('campaigns.wizard.saveChanges') : t('campaigns.wizard.saveDraft')}
    </Button>
  )

  return (
    <form
      onSubmit={(e) => {
        // Enter in a field of a new campaign moves on; it is saved from the review only.
        if (!editing && step !== 'revisao') {
          e.preventDefault()
          void next()
          return
        }
        void save(e)
      }}
      noValidate
      className="grid gap-5"
    >
      <WizardStepper current={step} visited={visited} withErrors={errorSteps} onSelect={go} />
      <Card className="gap-5 px-5 py-5 sm:px-6">
        <div className="grid gap-1">
          <h2 className="text-lg font-semibold">
            {t('campaigns.wizard.stepOf', { n: at + 1, total: WIZARD_STEPS.length })} · {t(`campaigns.wizard.steps.${step}`)}
          </h2>
          <p className="text-sm text-muted-foreground">{t(`campaigns.wizard.stepDescriptions.${step}`)}</p>
        </div>
        {stepError?.step === step && (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertDescription>{stepError.message}</AlertDescription>
          </Alert>
        )}
        <Separator />
        {StepBody ? <StepBody form={form} /> : <StepReview form={form} onEdit={go} />}
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="ghost" asChild>
          <Link to={campaign ? campaignPath(campaign.id) : paths.campaigns}>{t('common.cancel')}</Link>
        </Button>
        <div className="flex flex-wrap items-center gap-2">
          {at > 0 && (
            <Button type="button" variant="outline" onClick={() => go(WIZARD_STEPS[at - 1]!)}>
              <ArrowLeft aria-hidden />
              {t('campaigns.wizard.back')}
            </Button>
          )}
          {editing && step !== 'revisao' && saveButton}
          {step !== 'revisao' ? (
            <Button key="next" type="button" variant={editing ? 'secondary' : 'default'} onClick={() => void next()}>
              {t('campaigns.wizard.next')}
              <ArrowRight aria-hidden />
            </Button>
          ) : (
            saveButton
          )}
        </div>
      </div>
    </form>
  )
}
