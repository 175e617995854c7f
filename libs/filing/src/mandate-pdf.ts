import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ProofRecord } from '@app/claimants';
import { kstDateTime } from './plaintiff-list';

/** What pdfkit accepts as a font besides a file: an opened font (it only needs its layout()). */
type OpenedFont = { layout: (...args: unknown[]) => unknown };
let font: OpenedFont | null = null;

/**
 * Noto Sans KR (OFL) from npm, opened once with pdfkit's own font engine (fontkit, resolved
 * from pdfkit so it is the very copy pdfkit uses): parsing a 6 MB Korean font for every PDF
 * took over 100 ms each, and a pack has a thousand. Each PDF still embeds only the glyphs it
 * uses, so Korean shows on any machine.
 */
function koreanFont(): OpenedFont {
  if (!font) {
    const file = readFileSync(join(require.resolve('@expo-google-fonts/noto-sans-kr/package.json'), '..', '400Regular', 'NotoSansKR_400Regular.ttf'));
    const fontkit = require(require.resolve('fontkit', { paths: [dirname(require.resolve('pdfkit'))] })) as { create: (data: Uint8Array) => OpenedFont };
    font = fontkit.create(file);
  }
  return font;
}

const LABELS = {
  title: '소송위임계약서 서명 기록 (Signed mandate record)',
  text: '서명된 계약서 전문 (the text exactly as signed)',
  noText: '이 서명은 계약서 전문을 보관하기 전에 받은 것입니다. 아래 해시가 서명 당시 표시된 문서의 해시입니다. (The text was not kept for this signature; the hash below is of the document shown.)',
  record: '서명 기록 (signature record)',
  claimNumber: '신청번호 (claim)',
  signer: '서명자 (signer)',
  typedName: '입력한 서명 (typed name)',
  signedAt: '서명 일시 (signed at)',
  ip: 'IP 주소 (IP address)',
  userAgent: '브라우저 (user agent)',
  version: '문서 버전 (document version)',
  storedHash: '저장된 문서 SHA-256 (stored)',
  textHash: '위 전문의 SHA-256 (of the text above)',
  matches: '일치 여부 (matches)',
};

/**
 * The signed mandate as a PDF: the text exactly as the person saw and signed it, then who signed,
 * when, from where, in which browser, on which version, with the SHA-256 of the text computed
 * here beside the one stored at signing, so anyone can check the two agree.
 */
export function mandatePdf(record: ProofRecord): Promise<Buffer> {
  const s = record.signature;
  const textHash = s.text === null ? null : createHash('sha256').update(s.text, 'utf8').digest('hex');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${LABELS.title} ${record.claimNumber}`, Author: 'claims-intake' }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('kr', koreanFont() as unknown as Buffer);
  doc.font('kr');
  doc.fontSize(15).text(LABELS.title);
  doc.moveDown(0.5).fontSize(9).text(`${LABELS.claimNumber}: ${record.claimNumber}`);
  doc.moveDown().fontSize(11).text(LABELS.text);
  doc.moveDown(0.3).fontSize(9.5).text(s.text ?? LABELS.noText, { lineGap: 2 });
  doc.moveDown().fontSize(11).text(LABELS.record);
  const rows: [string, string][] = [
    [LABELS.signer, s.signer === 'guardian' ? '법정대리인 (legal guardian)' : '본인 (claimant)'],
    [LABELS.typedName, s.typedName],
    [LABELS.signedAt, `${kstDateTime(s.signedAt)} KST (${s.signedAt.toISOString()})`],
    [LABELS.ip, s.ip],
    [LABELS.userAgent, s.userAgent],
    [LABELS.version, `${s.documentVersion}${s.documentLanguage ? ` (${s.documentLanguage})` : ''}`],
    [LABELS.storedHash, s.documentSha256],
    [LABELS.textHash, textHash ?? '-'],
    [LABELS.matches, textHash === null ? '-' : textHash === s.documentSha256 ? '일치 (yes)' : '불일치 (NO)'],
  ];
  doc.moveDown(0.3).fontSize(9);
  for (const [label, value] of rows) doc.text(`${label}: ${value}`);
  doc.end();
  return done;
}
