import { createHash } from 'node:crypto';
import type { DamageModel } from '@app/eligibility';
import type { ConsentPurpose, ConsentText } from './case.record';
import type { CaseEntity } from './case.entity';
import type { FirmEntity } from './firm.entity';

/** Fixed ids so the seed is idempotent and tests can refer to the demo case. */
export const DEMO_FIRM_ID = '0190f5a0-0000-7000-8000-000000000001';
export const DEMO_CASE_ID = '0190f5a0-0000-7000-8000-000000000002';
export const DEMO_CASE_SLUG = 'coupang-2025';

export const DEMO_CONSENT_VERSION = '2025-12-01';
export const DEMO_MANDATE_VERSION = 'mandate-2025-12-01';

export const DEMO_CONSENTS: Record<ConsentPurpose, ConsentText> = {
  collection: {
    required: true,
    ko: '[필수] 개인정보 수집·이용 동의\n목적: 쿠팡 개인정보 유출 손해배상 청구 소송의 원고 모집, 본인 확인, 소송 수행\n항목: 이름, 생년월일, 이메일, 휴대전화 번호, 주소, 설문 응답, 서명 기록(접속 IP, 브라우저 정보)\n보유 기간: 소송 종료 후 5년(소송에 참여하지 않게 된 경우 6개월 후 파기)\n동의를 거부할 권리가 있으며, 거부할 경우 소송 참여 신청을 할 수 없습니다.',
    en: '[Required] Consent to collection and use of personal data\nPurpose: enrolling plaintiffs in the damages suit over the Coupang data breach, identity checks, conducting the suit\nItems: name, date of birth, email, mobile number, address, answers, signature record (IP address, browser)\nRetention: 5 years after the suit ends (destroyed 6 months after you leave it)\nYou may refuse; if you do, you cannot join the suit.',
  },
  third_party: {
    required: true,
    ko: '[필수] 개인정보 제3자 제공 동의\n제공받는 자: 법무법인 한결(소송대리인)\n목적: 소송 위임 및 수행\n항목: 수집 항목 전부\n보유 기간: 소송 종료 후 5년\n동의를 거부할 권리가 있으며, 거부할 경우 소송 참여 신청을 할 수 없습니다.',
    en: '[Required] Consent to provision of personal data to a third party\nRecipient: Hangyeol Law Firm (counsel)\nPurpose: the mandate and the conduct of the suit\nItems: everything collected\nRetention: 5 years after the suit ends\nYou may refuse; if you do, you cannot join the suit.',
  },
  marketing: {
    required: false,
    ko: '[선택] 다른 집단소송 소식 수신 동의\n목적: 유사 사건 안내\n항목: 이메일\n보유 기간: 동의 철회 시까지\n동의하지 않아도 소송 참여에는 영향이 없습니다.',
    en: '[Optional] Consent to news of other collective suits\nPurpose: telling you about similar cases\nItems: email\nRetention: until you withdraw consent\nRefusing has no effect on your claim.',
  },
};

export const DEMO_MANDATE_KO =
  '소송위임계약서\n위임인(원고)은 쿠팡 개인정보 유출 사고(2025년)로 인한 손해배상 청구 소송의 제1심 소송 수행을 법무법인 한결에 위임합니다.\n착수금: 없음. 성공보수: 인용액의 20%(부가세 별도).\n위임인은 언제든 소송에서 탈퇴할 수 있으며, 탈퇴 시 비용은 청구되지 않습니다.\n위임인은 위 내용을 읽고 이해하였으며, 아래에 이름을 입력함으로써 서명합니다.';
export const DEMO_MANDATE_EN =
  'Mandate\nThe principal (plaintiff) mandates Hangyeol Law Firm to conduct, at first instance, the damages suit over the 2025 Coupang data breach.\nRetainer: none. Success fee: 20% of the award (VAT excluded).\nThe principal may leave the suit at any time at no cost.\nThe principal has read and understood the above and signs by typing their name below.';

export const DEMO_DAMAGE_MODEL: DamageModel = {
  version: 'coupang-2025.damages.v1',
  minWon: 200_000,
  maxWon: 300_000,
  tierWon: { name_email: 200_000, phone_address: 230_000, order_history: 250_000, entry_code: 280_000 },
  secondaryHarmWon: 20_000,
};

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export type FirmSeed = Omit<FirmEntity, 'createdAt'>;
export type CaseSeed = Omit<CaseEntity, 'firm' | 'createdAt' | 'updatedAt'>;

export const DEMO_FIRM: FirmSeed = {
  id: DEMO_FIRM_ID,
  slug: 'hangyeol',
  nameKo: '법무법인 한결',
  nameEn: 'Hangyeol Law Firm',
  registrationNo: '서울지방변호사회 제2025-0421호',
};

/** The coupang-2025 demo case: open from 2025-12-01 until the limitation period ends. */
export const DEMO_CASE: CaseSeed = {
  id: DEMO_CASE_ID,
  firmId: DEMO_FIRM_ID,
  slug: DEMO_CASE_SLUG,
  claimPrefix: 'CP',
  titleKo: '쿠팡 개인정보 유출 손해배상 공동소송',
  titleEn: 'Coupang data breach damages suit',
  summaryKo:
    '2025년 쿠팡 계정 3,370만 개의 이름, 이메일, 배송지(전화번호, 주소), 공동현관 출입번호 등이 유출되었습니다. 유출 통지를 받은 분은 누구나 원고로 참여를 신청할 수 있습니다. 저희는 문자로 카드번호나 비밀번호를 묻지 않습니다.',
  summaryEn:
    'In 2025 the names, emails, delivery addresses (phone, address) and building entry codes of 33.7 million Coupang accounts leaked. Anyone who received a breach notice can apply to join as a plaintiff. We never ask for your card number or password by text.',
  defendant: '쿠팡 주식회사',
  incidentDisclosedOn: '2025-11-29',
  intakeOpensAt: new Date('2025-12-01T00:00:00+09:00'),
  intakeClosesAt: new Date('2028-11-29T00:00:00+09:00'),
  limitationYears: 3,
  damageMinWon: DEMO_DAMAGE_MODEL.minWon,
  damageMaxWon: DEMO_DAMAGE_MODEL.maxWon,
  consentVersion: DEMO_CONSENT_VERSION,
  consentTexts: DEMO_CONSENTS,
  mandateVersion: DEMO_MANDATE_VERSION,
  mandateTextKo: DEMO_MANDATE_KO,
  mandateTextEn: DEMO_MANDATE_EN,
  mandateSha256: sha256(DEMO_MANDATE_KO),
  rulesVersion: 'initial.v1',
  damageModel: DEMO_DAMAGE_MODEL,
};
