import { DEMO_DEFINITION } from '@app/cases';
import { decisionProblems, isTypedText, reasonProblem } from './decisions';

describe('a decision\'s own checks', () => {
  it('takes a rejection reason only from its own list, never a name of the object\'s prototype', () => {
    for (const code of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(decisionProblems({ kind: 'reject', code, reason: '검토' }, DEMO_DEFINITION, '2026-01-01')).toEqual([{ field: 'code', code: 'isIn' }]);
    }
    expect(decisionProblems({ kind: 'reject', code: 'duplicate', reason: null }, DEMO_DEFINITION, '2026-01-01')).toEqual([]);
  });

  it('takes as a reason plain text: tabs and line breaks, not other control characters nor half a surrogate pair', () => {
    expect(isTypedText('검토 결과\n\t2줄 😀')).toBe(true);
    for (const text of ['a\u0000b', '\u001b[31m', '\u007f', 'x\ud800', '\udfffy']) {
      expect(isTypedText(text)).toBe(false);
      expect(reasonProblem(text, false)).toEqual({ field: 'reason', code: 'plainText' });
    }
  });
});
