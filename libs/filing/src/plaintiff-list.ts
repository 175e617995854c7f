import { createHash } from 'node:crypto';

/**
 * The plaintiff list attached to a complaint, as pure functions: its columns, one row as the
 * cells a spreadsheet shows, the guard against formula injection, the canonical line a lock
 * hashes, and a download's file name. No framework, no database: unit-tested on their own.
 */

/** A plaintiff as the list needs them, already opened through the one door to personal data. */
export interface PlaintiffRow {
  name: string;
  birthDate: string;
  /** The address document ({"postalCode","line1","line2"}), or the stored JSON text of it. */
  address: unknown;
  amountWon: number;
  claimNumber: string;
  /** When the mandate was signed, already in Korea Standard Time: "2026-12-01 09:30:00". */
  mandateSignedAtKst: string;
}

/**
 * What a complaint's list of parties names each plaintiff by (성명, 생년월일, 주소) and claims for
 * them. No mobile number or email: the court does not need them, and an export carries no more
 * personal data than its purpose (PIPA's minimisation); the firm reaches claimants through the platform.
 */
export const PLAINTIFF_COLUMNS = ['번호', '성명', '생년월일', '주소', '청구금액(원)', '신청번호', '위임계약 서명일시'] as const;

/**
 * A spreadsheet evaluates a cell that starts with = + - @ (and, in some, a tab or carriage
 * return) as a formula: a name typed as "=HYPERLINK(...)" would run on the lawyer's machine.
 * Such a cell gets a leading apostrophe, which Excel shows as text (OWASP's CSV injection advice).
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The address as one line: "(12345) line1 line2". Takes the document or its JSON text; anything
 * that is not the document is shown as it is stored.
 */
export function addressLine(address: unknown): string {
  let a = address;
  if (typeof a === 'string') {
    try {
      a = JSON.parse(a);
    } catch {
      return address as string;
    }
  }
  if (typeof a !== 'object' || a === null) return String(address);
  const { postalCode, line1, line2 } = a as { postalCode?: unknown; line1?: unknown; line2?: unknown };
  let line = typeof postalCode === 'string' && postalCode ? `(${postalCode})` : '';
  for (const part of [line1, line2]) if (typeof part === 'string' && part) line += line ? ` ${part}` : part;
  return line;
}

/** Korea Standard Time, as the court reads dates: "2026-12-01 09:30:00". */
export function kstDateTime(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** The `seq`th plaintiff's cells in PLAINTIFF_COLUMNS order, each text cell guarded; the amount stays a number. */
export function plaintiffCells(seq: number, row: PlaintiffRow): [number, string, string, string, number, string, string] {
  return [
    seq,
    guardCell(row.name),
    guardCell(row.birthDate),
    guardCell(addressLine(row.address)),
    row.amountWon,
    guardCell(row.claimNumber),
    row.mandateSignedAtKst,
  ];
}

/**
 * One CSV record as Korean Excel reads it without asking: every field quoted, quotes doubled,
 * CRLF at the end (RFC 4180). csv-stringify wrote the same bytes (the unit test holds the two
 * together) at five times the cost, which a million-row list felt.
 */
export function csvRecord(cells: readonly (string | number)[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const text = String(cells[i]);
    line += `${i === 0 ? '' : ','}"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
  }
  return `${line}\r\n`;
}

/** A member of a batch as the lock hashes it: no personal data, so locking needs no one's details opened. */
export interface ListMember {
  claimNumber: string;
  claimantId: string;
  amountWon: number;
  /** The SHA-256 (hex) of the mandate text the person signed. */
  mandateSha256: string;
}

/** One line of the canonical list: tab-separated, newline-ended, in the batch's order. */
export function canonicalLine(seq: number, m: ListMember): string {
  return `${seq}\t${m.claimNumber}\t${m.claimantId}\t${m.amountWon}\t${m.mandateSha256}\n`;
}

/** Hashes the canonical list as it is read in pages. */
export class ListHash {
  private readonly hash = createHash('sha256');
  private count = 0;

  add(members: ListMember[]): void {
    for (const m of members) this.hash.update(canonicalLine(++this.count, m), 'utf8');
  }

  get rows(): number {
    return this.count;
  }

  digest(): Buffer {
    return this.hash.digest();
  }
}

/**
 * Content-Disposition for a download: an ASCII fallback name and the real (Korean) one per
 * RFC 6266 / RFC 5987, so every browser saves it under a sensible name and no header can be
 * broken by what the name holds.
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A batch's file name: "원고목록_<case>_<number>차_<name>.csv", the name kept to safe characters. */
export function batchFileName(kind: '원고목록' | '위임증빙', caseSlug: string, batchNumber: number, batchName: string, extension: string): string {
  const name = batchName.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60);
  return `${kind}_${caseSlug}_${batchNumber}차_${name}.${extension}`;
}
