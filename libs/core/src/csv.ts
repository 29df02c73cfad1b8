/**
 * CSV for spreadsheets (RFC 4180, CRLF): a cell with a quote, comma or line break is quoted, and
 * one that a spreadsheet would run as a formula (= + - @) is quoted too.
 */
export function csvCell(value: unknown): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
