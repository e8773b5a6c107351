import { useState } from 'react'
import { Check, Copy, Plus, ServerCog } from 'lucide-react'
import { useTranslation } from 'react-i18next'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { CreatePbxNodeDialog } from './create-pbx-node-dialog'

function managerConf(secret: string, ip: string) {
  return [
    '; /etc/asterisk/manager.conf',
    '[general]',
    'enabled = yes',
    'port = 5038',
    'bindaddr = 0.0.0.0',
    'channelvars = TORPEDO_CAMPAIGN_ID,TORPEDO_CONTACT_ID,TORPEDO_ATTEMPT_ID',
    '',
    '[torpedo]',
    `secret = ${secret}`,
    'deny = 0.0.0.0/0.0.0.0',
    `permit = ${ip}/255.255.255.255`,
    'read = system,call,user,originate,reporting,dialplan,command,agent',
    'write = system,call,user,originate,reporting,dialplan,command,agent',
  ].join('\n')
}

/** No node yet: tells an admin what to prepare on the Asterisk side; an operator whom to ask. */
export function PbxNodesEmpty({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)

  if (!canManage)
    return (
      <Card className="items-center gap-3 px-6 py-14 text-center">
        <div className="flex size-12 items-center justify-center rounded-xl border bg-muted/40 text-muted-foreground">
          <ServerCog className="size-6" aria-hidden />
        </div>
        <h2 className="text-lg font-semibold">{t('pbxNodes.empty.operatorTitle')}</h2>
        <p className="max-w-md text-sm text-muted-foreground">{t('pbxNodes.empty.operatorDescription')}</p>
      </Card>
    )

  const snippet = managerConf(t('pbxNodes.empty.secretPlaceholder'), t('pbxNodes.empty.ipPlaceholder'))
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet)
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } catch {
      toast.error(t('tokens.created.copyFailed'))
    }
  }

  return (
    <Card className="gap-0 overflow-hidden py-0">
      <div className="grid lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="flex flex-col items-start gap-4 p-6 md:p-8">
          <div className="flex size-12 items-center justify-center rounded-xl border border-primary/30 bg-primary/10 text-primary">
            <ServerCog className="size-6" aria-hidden />
          </div>
          <div className="space-y-2">
            <h2 className="text-lg font-semibold">{t('pbxNodes.empty.title')}</h2>
            <p className="text-sm leading-relaxed text-muted-foreground">{t('pbxNodes.empty.description')}</p>
            <p className="text-sm leading-relaxed text-muted-foreground">{t('pbxNodes.empty.after')}</p>
          </div>
          <CreatePbxNodeDialog
            trigger={
              <Button className="mt-auto">
                <Plus aria-hidden />
                {t('pbxNodes.create.submit')}
              </Button>
            }
          />
        </div>
        <figure className="relative m-0 border-t bg-background/60 lg:border-t-0 lg:border-l">
          <figcaption className="flex items-center justify-between border-b px-4 py-2 text-xs text-muted-foreground">
            <span className="font-mono">{t('pbxNodes.empty.snippetLabel')}</span>
            <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={copy}>
              {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          </figcaption>
          <pre className="overflow-x-auto p-4 font-mono text-[0.78rem] leading-relaxed text-foreground/85">
            <code>{snippet}</code>
          </pre>
        </figure>
      </div>
    </Card>
  )
}
