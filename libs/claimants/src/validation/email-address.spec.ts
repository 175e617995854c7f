import fc from 'fast-check';
import { parseEmailAddress } from './email-address';

describe('parseEmailAddress', () => {
  it('takes ordinary addresses, storing the domain in lower case and hashing a lower-cased whole', () => {
    expect(parseEmailAddress('Kim.Minji+coupang@Naver.COM')).toEqual({ address: 'Kim.Minji+coupang@naver.com', canonical: 'kim.minji+coupang@naver.com' });
    expect(parseEmailAddress('  a_b-c@sub.example.co.kr ')).toEqual({ address: 'a_b-c@sub.example.co.kr', canonical: 'a_b-c@sub.example.co.kr' });
  });

  it('converts a Korean domain to the ASCII form mail is sent to', () => {
    expect(parseEmailAddress('user@한국.kr')).toEqual({ address: 'user@xn--3e0b707e.kr', canonical: 'user@xn--3e0b707e.kr' });
  });

  it('reads full-width letters as the ASCII they stand for, so they hash like it', () => {
    expect(parseEmailAddress('user@ｅｘａｍｐｌｅ.com')?.canonical).toBe('user@example.com');
  });

  it.each([
    ['a quoted local part', '"bomb.target"@example.net'],
    ['a quoted local part with a control character', '"bomb\u0007target"@example.net'],
    ['a quoted local part with an @', '"a@b"@example.net'],
    ['a control character', 'bomb\u0000target@example.net'],
    ['a zero-width space', 'bomb\u200btarget@example.net'],
    ['a space', 'bomb target@example.net'],
    ['a newline (header injection)', 'a@example.net\nBcc: victim@example.net'],
    ['a non-ASCII local part', '김민지@example.net'],
    ['a leading dot', '.a@example.net'],
    ['two dots', 'a..b@example.net'],
    ['no domain', 'a@'],
    ['no local part', '@example.net'],
    ['a bare hostname', 'a@localhost'],
    ['an IP literal', 'a@[127.0.0.1]'],
    ['a numeric top-level domain', 'a@example.123'],
    ['a label starting with a hyphen', 'a@-example.net'],
    ['a Cyrillic domain imitating a Latin one', 'a@раураl.com'],
    ['a domain mixing Latin and Cyrillic', 'a@pаypal.com'],
    ['a Greek domain', 'a@ορα.gr'],
    ['a comment', 'a(comment)@example.net'],
  ])('refuses %s', (_what, input) => {
    expect(parseEmailAddress(input)).toBeNull();
  });

  it('gives the same canonical form to addresses that differ only in case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{2,10}$/), (local, host) => {
        const lower = parseEmailAddress(`${local}@${host}.com`);
        const upper = parseEmailAddress(`${local.toUpperCase()}@${host.toUpperCase()}.COM`);
        expect(lower).not.toBeNull();
        expect(upper?.canonical).toBe(lower?.canonical);
      }),
    );
  });

  it('only ever returns addresses that parse again to themselves', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.emailAddress(), (noise, email) => {
        for (const input of [noise, email, `${noise}${email}`]) {
          const parsed = parseEmailAddress(input);
          if (parsed) expect(parseEmailAddress(parsed.address)).toEqual(parsed);
        }
      }),
    );
  });
});
