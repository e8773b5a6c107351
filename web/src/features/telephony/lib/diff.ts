/** One line of a unified diff, classified for colouring. */
export interface DiffLine {
  kind: 'add' | 'del' | 'hunk' | 'meta' | 'context'
  text: string
}

/** Splits the daemon's unified diff ("--- a", "+++ b", "@@ … @@" hunks) into classified lines. */
export function parseDiff(diff: string): DiffLine[] {
  if (!diff) return []
  const lines = diff.replace(/\n$/, '').split('\n')
  return lines.map((text) => {
    if (text.startsWith('+++') || text.startsWith('---')) return { kind: 'meta', text }
    if (text.startsWith('@@')) return { kind: 'hunk', text }
    if (text.startsWith('+')) return { kind: 'add', text }
    if (text.startsWith('-')) return { kind: 'del', text }
    return { kind: 'context', text }
  })
}

/** Lines added and removed (the +++/--- header lines are not counted). */
export function diffStats(diff: string): { added: number; removed: number } {
  let added = 0
  let removed = 0
  for (const l of parseDiff(diff)) {
    if (l.kind === 'add') added += 1
    else if (l.kind === 'del') removed += 1
  }
  return { added, removed }
}
