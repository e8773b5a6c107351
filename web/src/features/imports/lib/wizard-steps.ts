/** The import wizard's steps, in order. */
export const WIZARD_STEPS = ['file', 'columns', 'import', 'summary'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]
