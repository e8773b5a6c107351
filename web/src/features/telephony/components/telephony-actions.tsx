import type * as React from 'react'
import { ApplyPbxButton } from './apply-pbx-button'
import { LastApplyChip } from './last-apply'

/** A telephony page's header actions: the last apply outcome, "Aplicar no Asterisk" and the page's own button (admins). */
export function TelephonyActions({ canManage, children }: { canManage: boolean; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <LastApplyChip />
      {canManage && (
        <>
          <ApplyPbxButton />
          {children}
        </>
      )}
    </div>
  )
}
