import { stringify } from 'csv-stringify/sync';
import { addressLine, attachment, batchFileName, canonicalLine, csvRecord, guardCell, kstDateTime, ListHash, plaintiffCells } from './plaintiff-list';

describe('plaintiff list', () => {
  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(bad)).toBe(`'${bad}`);
    for (const fine of ['김민수', '010-1234-5678', 'a=b', ' =x']) expect(guardCell(fine)).toBe(fine);
  });

  it('shows the stored address as one line, and anything else as stored', () => {
    expect(addressLine(JSON.stringify({ postalCode: '06236', line1: '서울 강남구 테헤란로 1', line2: '101동' }))).toBe('(06236) 서울 강남구 테헤란로 1 101동');
    expect(addressLine(JSON.stringify({ postalCode: '06236', line1: '서울', line2: '' }))).toBe('(06236) 서울');
    expect(addressLine('not json')).toBe('not json');
    expect(addressLine('"a string"')).toBe('"a string"');
  });

  it('shows the address document a party record holds as the same line as its stored text', () => {
    const doc = { postalCode: '06236', line1: '서울 강남구 테헤란로 1', line2: '101동' };
    expect(addressLine(doc)).toBe(addressLine(JSON.stringify(doc)));
    expect(addressLine({ line1: '부산', line2: 42 })).toBe('부산');
    expect(addressLine({})).toBe('');
    expect(addressLine(null)).toBe('null');
  });

  it('gives the cells in column order, guarded, the amount a number; formats Korea time', () => {
    const cells = plaintiffCells(3, { name: '=evil', birthDate: '1990-01-02', address: '{"postalCode":"12345","line1":"부산"}', amountWon: 300000, claimNumber: 'CP-1', mandateSignedAtKst: '2026-01-02 00:30:00' });
    expect(cells).toEqual([3, "'=evil", '1990-01-02', '(12345) 부산', 300000, 'CP-1', '2026-01-02 00:30:00']);
    expect(kstDateTime(new Date('2026-06-30T23:59:59Z'))).toBe('2026-07-01 08:59:59');
  });

  it('writes CSV records byte for byte as csv-stringify does with every field quoted and CRLF', () => {
    const hostile = ['', '"', '""quoted""', 'a,b', 'line\nbreak', 'cr\r\nlf', '김민준', "'=HYPERLINK(\"x\")", ' lead', 'tab\t', '\uFEFF', '𝓤nicode'];
    const records: (string | number)[][] = [[1, ...hostile.slice(0, 6)], [2, ...hostile.slice(6)], [0, -1, 300000, 2.5, '', '', '']];
    for (const cells of records) expect(csvRecord(cells)).toBe(stringify([cells], { quoted: true, quoted_empty: true, record_delimiter: 'windows' }));
  });

  it('hashes the canonical list in order, so a change anywhere changes the hash', () => {
    const a = { claimNumber: 'A', claimantId: 'c1', amountWon: 1, mandateSha256: 'ff' };
    const b = { claimNumber: 'B', claimantId: 'c2', amountWon: 2, mandateSha256: 'ee' };
    expect(canonicalLine(1, a)).toBe('1\tA\tc1\t1\tff\n');
    const one = new ListHash();
    one.add([a]);
    one.add([b]);
    const same = new ListHash();
    same.add([a, b]);
    const swapped = new ListHash();
    swapped.add([b, a]);
    expect(one.rows).toBe(2);
    const digest = one.digest().toString('hex');
    expect(same.digest().toString('hex')).toBe(digest);
    expect(swapped.digest().toString('hex')).not.toBe(digest);
  });

  it('names downloads safely, in Korean by RFC 5987 with an ASCII fallback', () => {
    const name = batchFileName('원고목록', 'coupang-2025', 2, '1차 "소장"/제출', 'csv');
    expect(name).toBe('원고목록_coupang-2025_2차_1차_소장_제출.csv');
    const header = attachment(name, 'plaintiffs_coupang-2025_2.csv');
    expect(header).toBe(`attachment; filename="plaintiffs_coupang-2025_2.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(attachment('a"b\r\n.csv', 'a"b\r\n.csv')).toBe(`attachment; filename="a_b__.csv"; filename*=UTF-8''a%22b%0D%0A.csv`);
  });
});
