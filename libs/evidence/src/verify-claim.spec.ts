import fc from 'fast-check';
import { verifyClaim, type VerificationInput } from './verify-claim';

const input = (claimantName: string, typedSignatureName: string): VerificationInput => ({
  claimantName,
  typedSignatureName,
  samePhoneClaims: 0,
  sameIpClaims24h: 1,
});
const matches = (name: string, typed: string) => verifyClaim(input(name, typed)).signatureMatchesName;

describe('verifyClaim', () => {
  describe('signature match', () => {
    it('matches the same name', () => {
      expect(matches('김민지', '김민지')).toBe(true);
    });

    it('ignores surrounding whitespace', () => {
      expect(matches('김민지', '  김민지\n')).toBe(true);
    });

    it('treats runs of whitespace, ideographic spaces included, as one space', () => {
      expect(matches('남궁 민수', '남궁   민수')).toBe(true);
      expect(matches('남궁 민수', '남궁\u3000민수')).toBe(true);
      expect(matches('Kim Min Ji', 'Kim\tMin  Ji')).toBe(true);
    });

    it('ignores letter case', () => {
      expect(matches('Kim Minji', 'KIM MINJI')).toBe(true);
    });

    it('matches composed and decomposed Hangul', () => {
      expect(matches('김민지', '김민지'.normalize('NFD'))).toBe(true);
      expect(matches('José', 'Jose\u0301')).toBe(true);
    });

    it('does not match a different name', () => {
      expect(matches('김민지', '김민자')).toBe(false);
      expect(matches('Kim Minji', 'Kim Minju')).toBe(false);
    });

    it('does not ignore spaces inside a name altogether', () => {
      expect(matches('남궁 민수', '남궁민수')).toBe(false);
    });

    it('does not match an empty signature', () => {
      expect(matches('김민지', '')).toBe(false);
      expect(matches('김민지', '   ')).toBe(false);
    });

    it('matches any name with itself retyped in other case and spacing', () => {
      const word = fc.stringMatching(/^[A-Za-z\uac00-\ud7a3]{1,8}$/);
      fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const name = words.join(' ');
        const retyped = `  ${words.join('   ').toUpperCase()} `;
        expect(matches(name, retyped)).toBe(true);
      }));
    });
  });

  it('passes the review signals through', () => {
    const v = verifyClaim({ claimantName: '김민지', typedSignatureName: '김민지', samePhoneClaims: 2, sameIpClaims24h: 7 });
    expect(v).toMatchObject({ samePhoneClaims: 2, sameIpClaims24h: 7 });
  });

  it('leaves identity, evidence and contact pending', () => {
    expect(verifyClaim(input('김민지', '김민지')).pending).toEqual(['identity', 'evidence', 'contact']);
  });
});

describe('verifyClaim for a guardian', () => {
  const base = { claimantName: '홍아이', typedSignatureName: '홍아빠', samePhoneClaims: 0, sameIpClaims24h: 1 };
  it('matches the signature against the guardian who signed, not the minor', () => {
    expect(verifyClaim({ ...base, guardianName: '홍아빠' })).toMatchObject({ signatureMatchesName: true, filedByGuardian: true });
    expect(verifyClaim({ ...base, guardianName: '홍엄마' }).signatureMatchesName).toBe(false);
    expect(verifyClaim(base)).toMatchObject({ signatureMatchesName: false, filedByGuardian: false });
  });
  it('carries the evidence counts it was given', () => {
    expect(verifyClaim({ ...base, evidence: { breach_notice: 2 } }).evidence).toEqual({ breach_notice: 2 });
    expect(verifyClaim(base).evidence).toEqual({});
  });
});
