import { mandateText, textSha256, type MandateParties } from './mandate-text';

const parties = (change: Partial<MandateParties> = {}): MandateParties => ({
  principal: { name: '홍길동', birthDate: '1990-03-15', email: 'hong@example.com', phone: '010-1234-5678', address: { postalCode: '06236', line1: '서울특별시 강남구 테헤란로 123', line2: '4층' } },
  ...change,
});

describe('the mandate as shown', () => {
  it('heads the case text with the principal, in the language shown', () => {
    const ko = mandateText('소송위임계약서\n본문', 'ko', parties());
    expect(ko.split('\n').slice(0, 7)).toEqual(['[위임인]', '성명: 홍길동', '생년월일: 1990-03-15', '주소: (06236) 서울특별시 강남구 테헤란로 123 4층', '휴대전화: 010-1234-5678', '이메일: hong@example.com', '']);
    expect(ko.endsWith('소송위임계약서\n본문')).toBe(true);
    expect(mandateText('Mandate', 'en', parties())).toContain('Name: 홍길동');
  });

  it('names the guardian who signs for a minor, and says so at the end', () => {
    const text = mandateText('본문', 'ko', parties({ guardian: { name: '홍아빠', birthDate: '1970-01-01', phone: '010-9999-0000', relation: 'parent' } }));
    expect(text).toContain('[법정대리인]\n성명: 홍아빠 (부모)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('서명인: 위임인의 법정대리인 홍아빠');
  });

  it('shows a mobile number the same however it was typed', () => {
    const typed = (phone: string) => mandateText('본문', 'ko', { ...parties(), principal: { ...parties().principal, phone } });
    expect(typed('01012345678')).toBe(typed('010-1234-5678'));
    expect(typed('010 1234 5678')).toContain('휴대전화: 010-1234-5678');
  });

  it('changes (and so hashes differently) when any detail changes', () => {
    const base = textSha256(mandateText('본문', 'ko', parties()));
    const moved = parties();
    moved.principal.address.line2 = '5층';
    expect(textSha256(mandateText('본문', 'ko', moved)).equals(base)).toBe(false);
    expect(textSha256(mandateText('본문', 'en', parties())).equals(base)).toBe(false);
    expect(textSha256(mandateText('본문', 'ko', parties())).equals(base)).toBe(true);
  });
});
