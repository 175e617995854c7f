import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it('defuses formulas in text and leaves numbers and plain text alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvCell('+1')).toBe(`'+1`);
    expect(csvCell('@sum')).toBe(`'@sum`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('확인 요청')).toBe('확인 요청');
    expect(csvCell(null)).toBe('');
  });
});
