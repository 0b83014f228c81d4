import { escapeHtml } from '../text/index.js'

/** A label and its value, shown as the table that opens every upcheck e-mail. */
export type FactRow = [label: string, value: string]

/** The opening sentence and the fact rows as text: `Label:   value`, labels padded to one width. */
export function formatEmailHeadText(opening: string, rows: readonly FactRow[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2
  return [opening, '', ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`)]
}

/** The same as HTML: the document's start, the opening in bold and the rows as a table. */
export function formatEmailHeadHtml(opening: string, rows: readonly FactRow[]): string[] {
  return [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:14px;color:#1f2328;line-height:1.45">',
    `<p style="font-size:16px"><strong>${escapeHtml(opening)}</strong></p>`,
    '<table style="border-collapse:collapse">',
    ...rows.map(
      ([label, value]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
  ]
}
