import { useState } from 'react'
import { zodResolver } from '@hookform/resolvers/zod'
import { FolderOpen, Globe, LockKeyhole, Music, PlugZap } from 'lucide-react'
import { Controller, useForm, useWatch } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormField } from '@/components/form/form-field'
import { FormFooter } from '@/components/form/form-footer'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import { Separator } from '@/components/ui/separator'
import { Switch } from '@/components/ui/switch'
import type { PbxMediaMode, PbxNode } from '@/lib/api/client'
import { ApiError } from '@/lib/api/errors'
import { errorMessage } from '@/lib/api/messages'
import { applyApiError, formMessage } from '@/lib/forms'
import { cn } from '@/lib/utils'
import { useTestPbxNode } from '../api/test-pbx-node'
import { useTestPbxSettings } from '../api/test-pbx-settings'
import {
  CONNECTION_FIELDS,
  createSchema,
  editSchema,
  FIELDS,
  PBX_ERROR_SCOPE,
  type PbxNodeFormValues,
} from '../lib/form-values'
import { TestOutcomeView, type TestOutcome } from './test-result'

interface PbxNodeFormProps {
  mode: 'create' | 'edit'
  /** The node being edited (edit mode): its saved settings can be tested without the secret. */
  node?: PbxNode
  defaultValues: PbxNodeFormValues
  submitLabel: string
  /** Throws an ApiError on failure; the form maps it to the field the server named. */
  onSubmit: (values: PbxNodeFormValues) => Promise<void>
}

type Tested = { outcome: TestOutcome; key: string }

export function PbxNodeForm({ mode, node, defaultValues, submitLabel, onSubmit }: PbxNodeFormProps) {
  const { t } = useTranslation()
  const form = useForm<PbxNodeFormValues>({
    resolver: zodResolver(mode === 'create' ? createSchema : editSchema),
    defaultValues,
  })
  const { errors, isSubmitting } = form.formState
  const msg = (m?: string) => formMessage(t, m)
  const id = (field: string) => `${mode}-pbx-${field}`

  const [mediaMode, changeSecret, ...connection] = useWatch({
    control: form.control,
    name: ['mediaMode', 'changeSecret', ...CONNECTION_FIELDS],
  })
  const connectionKey = JSON.stringify(connection)

  const testSettings = useTestPbxSettings()
  const testNode = useTestPbxNode()
  const [tested, setTested] = useState<Tested | null>(null)
  // A result describes the values it was run with; once they change it is hidden.
  const outcome = tested && tested.key === connectionKey ? tested.outcome : null

  const runTest = async () => {
    const secretTyped = mode === 'create' || form.getValues('changeSecret')
    const fields = secretTyped ? [...CONNECTION_FIELDS] : CONNECTION_FIELDS.filter((f) => f !== 'amiSecret')
    if (!(await form.trigger(fields, { shouldFocus: true }))) return
    const v = form.getValues()
    const key = JSON.stringify([v.amiHost, v.amiPort, v.amiUser, v.amiSecret])
    const host = v.amiHost.trim()
    const user = v.amiUser.trim()
    let call: () => Promise<Awaited<ReturnType<typeof testSettings.mutateAsync>>>
    if (secretTyped) {
      call = () => testSettings.mutateAsync({ amiHost: host, amiPort: v.amiPort, amiUser: user, amiSecret: v.amiSecret })
    } else if (node && host === node.amiHost && v.amiPort === node.amiPort && user === node.amiUser) {
      call = () => testNode.mutateAsync(node.id)
    } else {
      // The saved secret never leaves the server: testing other settings needs it typed again.
      setTested({ key, outcome: { kind: 'info', message: t('pbxNodes.test.needSecret') } })
      return
    }
    setTested({ key, outcome: { kind: 'running' } })
    try {
      setTested({ key, outcome: { kind: 'result', result: await call() } })
    } catch (error) {
      if (error instanceof ApiError && error.field && (CONNECTION_FIELDS as readonly string[]).includes(error.field)) {
        applyApiError(error, form.setError, CONNECTION_FIELDS, t, PBX_ERROR_SCOPE)
        setTested(null)
      } else {
        setTested({ key, outcome: { kind: 'error', message: errorMessage(t, error, PBX_ERROR_SCOPE) } })
      }
    }
  }

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
    } catch (error) {
      applyApiError(error, form.setError, FIELDS, t, PBX_ERROR_SCOPE)
    }
  })

  const secretError = msg(errors.amiSecret?.message)
  const secretHintId = `${id('amiSecret')}-hint`
  const secretErrorId = `${id('amiSecret')}-error`
  const testing = testSettings.isPending || testNode.isPending

  return (
    <form onSubmit={submit} noValidate className="grid gap-5">
      <section className="grid gap-4" aria-labelledby={id('connection')}>
        <h3 id={id('connection')} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
          {t('pbxNodes.form.connection')}
        </h3>
        <FormField id={id('name')} label={t('pbxNodes.form.name')} error={msg(errors.name?.message)} hint={t('pbxNodes.form.nameHint')}>
          <Input autoComplete="off" spellCheck={false} placeholder={t('pbxNodes.form.namePlaceholder')} {...form.register('name')} />
        </FormField>
        <div className="grid items-start gap-4 sm:grid-cols-[1fr_8rem]">
          <FormField id={id('amiHost')} label={t('pbxNodes.form.amiHost')} error={msg(errors.amiHost?.message)}>
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={t('pbxNodes.form.amiHostPlaceholder')}
              className="font-mono"
              {...form.register('amiHost')}
            />
          </FormField>
          <FormField id={id('amiPort')} label={t('pbxNodes.form.amiPort')} error={msg(errors.amiPort?.message)}>
            <Input
              type="number"
              inputMode="numeric"
              min={1}
              max={65535}
              className="font-mono tabular-nums"
              {...form.register('amiPort', { valueAsNumber: true })}
            />
          </FormField>
        </div>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <FormField id={id('amiUser')} label={t('pbxNodes.form.amiUser')} error={msg(errors.amiUser?.message)} hint={t('pbxNodes.form.amiUserHint')}>
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={t('pbxNodes.form.amiUserPlaceholder')}
              className="font-mono"
              {...form.register('amiUser')}
            />
          </FormField>
          <div className="grid content-start gap-2">
            {/* Only the input gets the label: tied to the "Trocar segredo" button it would rename it. */}
            <Label htmlFor={changeSecret ? id('amiSecret') : undefined}>{t('pbxNodes.form.amiSecret')}</Label>
            {changeSecret ? (
              <div className="flex gap-2">
                <Input
                  id={id('amiSecret')}
                  type="password"
                  autoComplete="new-password"
                  autoFocus={mode === 'edit'}
                  aria-invalid={secretError ? true : undefined}
                  aria-describedby={secretError ? secretErrorId : secretHintId}
                  {...form.register('amiSecret')}
                />
                {mode === 'edit' && node?.hasSecret && (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    className="h-9 shrink-0 text-muted-foreground"
                    onClick={() => {
                      form.setValue('changeSecret', false)
                      form.setValue('amiSecret', '')
                      form.clearErrors('amiSecret')
                    }}
                  >
                    {t('pbxNodes.form.keepSecret')}
                  </Button>
                )}
              </div>
            ) : (
              <div className="flex h-9 items-center gap-2 rounded-md border border-dashed border-input bg-muted/30 pr-1 pl-3 text-sm">
                <LockKeyhole className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                <span className="truncate text-muted-foreground" data-testid="secret-set">
                  {t('pbxNodes.form.secretSet')}
                </span>
                <Button
                  type="button"
                  variant="link"
                  size="sm"
                  className="ml-auto h-7 px-2"
                  onClick={() => form.setValue('changeSecret', true)}
                >
                  {t('pbxNodes.form.changeSecret')}
                </Button>
              </div>
            )}
            {secretError ? (
              <p id={secretErrorId} className="text-[0.8rem] font-medium text-destructive">
                {secretError}
              </p>
            ) : (
              <p id={secretHintId} className="text-[0.8rem] text-muted-foreground">
                {mode === 'edit' && changeSecret && node?.hasSecret ? t('pbxNodes.form.newSecretHint') : t('pbxNodes.form.amiSecretHint')}
              </p>
            )}
          </div>
        </div>
        <div className="grid gap-3 rounded-lg border bg-muted/20 p-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <Button type="button" variant="secondary" size="sm" onClick={runTest} loading={testing}>
              {!testing && <PlugZap aria-hidden />}
              {t('pbxNodes.actions.test')}
            </Button>
            <p className="min-w-0 flex-1 text-xs text-muted-foreground">{t('pbxNodes.form.testHint')}</p>
          </div>
          {outcome && <TestOutcomeView outcome={outcome} />}
        </div>
      </section>

      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          id={id('maxChannels')}
          label={t('pbxNodes.form.maxChannels')}
          error={msg(errors.maxChannels?.message)}
          hint={t('pbxNodes.form.maxChannelsHint')}
        >
          <Input type="number" inputMode="numeric" min={1} max={10000} className="tabular-nums" {...form.register('maxChannels', { valueAsNumber: true })} />
        </FormField>
        <Controller
          control={form.control}
          name="enabled"
          render={({ field }) => (
            <div className="flex items-start justify-between gap-4 self-start rounded-lg border bg-muted/30 px-4 py-3 sm:mt-[1.375rem]">
              <div className="grid gap-1">
                <Label htmlFor={id('enabled')}>{t('pbxNodes.form.enabled')}</Label>
                <p className="text-[0.8rem] text-muted-foreground">{t('pbxNodes.form.enabledHint')}</p>
              </div>
              <Switch id={id('enabled')} checked={field.value} onCheckedChange={field.onChange} onBlur={field.onBlur} />
            </div>
          )}
        />
      </div>

      <Separator />

      <section className="grid gap-4" aria-labelledby={id('media')}>
        <h3 id={id('media')} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
          {t('pbxNodes.form.media')}
        </h3>
        <div className="grid items-start gap-4 sm:grid-cols-2">
          <div className="grid content-start gap-2">
            <Label htmlFor={id('mediaMode')}>{t('pbxNodes.form.mediaMode')}</Label>
            <Controller
              control={form.control}
              name="mediaMode"
              render={({ field }) => (
                <Select value={field.value} onValueChange={(v) => field.onChange(v as PbxMediaMode)}>
                  <SelectTrigger
                    id={id('mediaMode')}
                    ref={field.ref}
                    onBlur={field.onBlur}
                    aria-invalid={errors.mediaMode ? true : undefined}
                    aria-describedby={errors.mediaMode ? `${id('mediaMode')}-error` : `${id('mediaMode')}-help`}
                  >
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="directory">{t('pbxNodes.form.mediaModes.directory')}</SelectItem>
                    <SelectItem value="http">{t('pbxNodes.form.mediaModes.http')}</SelectItem>
                  </SelectContent>
                </Select>
              )}
            />
            {errors.mediaMode?.message && (
              <p id={`${id('mediaMode')}-error`} className="text-[0.8rem] font-medium text-destructive">
                {msg(errors.mediaMode.message)}
              </p>
            )}
          </div>
          {/* Shown in both modes: music on hold is always played from a directory. */}
          <FormField
            id={id('soundsDir')}
            label={t('pbxNodes.form.soundsDir')}
            error={msg(errors.soundsDir?.message)}
            hint={t(`pbxNodes.form.soundsDirHints.${mediaMode}`)}
          >
            <Input
              autoComplete="off"
              spellCheck={false}
              placeholder={t('pbxNodes.form.soundsDirPlaceholder')}
              className="font-mono"
              {...form.register('soundsDir')}
            />
          </FormField>
        </div>
        <div
          id={`${id('mediaMode')}-help`}
          role="note"
          aria-label={t('pbxNodes.form.mediaHelp.label')}
          className="grid gap-1.5 rounded-lg border bg-muted/20 px-3 py-2.5 text-[0.8rem] text-muted-foreground"
          data-testid="media-help"
        >
          {(['directory', 'http'] as const).map((m) => {
            const Icon = m === 'directory' ? FolderOpen : Globe
            return (
              <p key={m} className="flex items-start gap-2" data-selected={m === mediaMode || undefined}>
                <Icon className={cn('mt-0.5 size-3.5 shrink-0', m === mediaMode && 'text-primary')} aria-hidden />
                <span>
                  <strong className={cn('font-medium', m === mediaMode && 'text-foreground')}>{t(`pbxNodes.form.mediaModes.${m}`)}:</strong>{' '}
                  {t(`pbxNodes.form.mediaHelp.${m}`)}
                </span>
              </p>
            )
          })}
          <p className="flex items-start gap-2">
            <Music className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            <span>{t('pbxNodes.form.mediaHelp.moh')}</span>
          </p>
        </div>
        <FormField
          id={id('configDir')}
          label={t('pbxNodes.form.configDir')}
          error={msg(errors.configDir?.message)}
          hint={t('pbxNodes.form.configDirHint')}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            placeholder={t('pbxNodes.form.configDirPlaceholder')}
            className="font-mono"
            {...form.register('configDir')}
          />
        </FormField>
      </section>

      <FormFooter error={errors.root?.server?.message} submitLabel={submitLabel} pending={isSubmitting} />
    </form>
  )
}
