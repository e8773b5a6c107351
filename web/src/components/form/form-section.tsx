import type * as React from 'react'

/** A titled group of fields inside a form (Conexão, Autenticação, …). */
export function FormSection({ id, title, description, children }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="grid gap-4" aria-labelledby={id}>
      <div className="grid gap-1">
        <h3 id={id} className="text-xs font-semibold tracking-wider text-muted-foreground uppercase">
          {title}
        </h3>
        {description && <p className="text-[0.8rem] leading-relaxed text-muted-foreground">{description}</p>}
      </div>
      {children}
    </section>
  )
}
