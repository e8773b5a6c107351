import type { TFunction } from 'i18next'
import { WEEKDAYS } from './campaign-form'

/**
 * A window's weekdays as people write them, Monday first: [1,2,3,4,5] → "Seg–Sex",
 * [1,3,5] → "Seg, Qua, Sex", [0,6] → "Sáb, Dom"; runs of three or more become a range.
 */
export function weekdaysText(t: TFunction, days: readonly number[]): string {
  const set = new Set(days)
  const order = WEEKDAYS.filter((d) => set.has(d))
  const name = (d: number) => t(`campaigns.wizard.schedule.weekdays.${d}`)
  const parts: string[] = []
  let i = 0
  while (i < order.length) {
    let j = i
    while (j + 1 < order.length && WEEKDAYS.indexOf(order[j + 1]!) === WEEKDAYS.indexOf(order[j]!) + 1) j++
    if (j - i >= 2) parts.push(`${name(order[i]!)}–${name(order[j]!)}`)
    else for (let k = i; k <= j; k++) parts.push(name(order[k]!))
    i = j + 1
  }
  return parts.join(', ')
}
