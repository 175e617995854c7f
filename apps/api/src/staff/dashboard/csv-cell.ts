/**
 * A CSV cell that a spreadsheet will not run: text a person typed (a reason, an action name)
 * that starts with = + - @ or a tab is prefixed with an apostrophe, as OWASP advises.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
