import { ApiException } from '@app/http';
import { addLimit, batchName, caseIdOf, exportReason } from './filing-input';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiException) return { status: error.status, fields: error.fieldErrors };
    throw error;
  }
  throw new Error('not refused');
};

describe('filing input', () => {
  it('asks a real reason for every export', () => {
    expect(exportReason('  1차 소장   별지 작성 ')).toBe('1차 소장 별지 작성');
    expect(refusal(() => exportReason(undefined))).toEqual({ status: 400, fields: [{ field: 'reason', code: 'isNotEmpty' }] });
    expect(refusal(() => exportReason('   '))).toEqual({ status: 400, fields: [{ field: 'reason', code: 'isNotEmpty' }] });
    expect(refusal(() => exportReason('abc'))).toEqual({ status: 400, fields: [{ field: 'reason', code: 'minLength' }] });
    expect(refusal(() => exportReason('가'.repeat(501)))).toEqual({ status: 400, fields: [{ field: 'reason', code: 'maxLength' }] });
    expect(refusal(() => exportReason('reason\u0000here'))).toEqual({ status: 400, fields: [{ field: 'reason', code: 'plainText' }] });
  });

  it('takes a limit of 1 to 1,000,000, commas allowed', () => {
    expect(addLimit('1,000')).toBe(1000);
    expect(addLimit('1000000')).toBe(1_000_000);
    for (const bad of ['0', '1000001', '-1', '1e3', '', 'lots', undefined]) expect(refusal(() => addLimit(bad)).fields).toEqual([{ field: 'limit', code: 'batchLimit' }]);
  });

  it('names batches in plain text and cases by id', () => {
    expect(batchName(' 1차 제출 ')).toBe('1차 제출');
    expect(refusal(() => batchName('')).fields[0].code).toBe('isNotEmpty');
    expect(refusal(() => batchName('x'.repeat(101))).fields[0].code).toBe('maxLength');
    expect(refusal(() => caseIdOf('not-a-uuid')).fields).toEqual([{ field: 'caseId', code: 'isIn' }]);
    expect(caseIdOf('0190F5A0-0000-7000-8000-000000000001')).toBe('0190f5a0-0000-7000-8000-000000000001');
  });
});
