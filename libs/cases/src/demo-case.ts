import type { CaseDefinition } from './case-definition';
import coupang from './definitions/coupang-2025.json';
import telecom from './definitions/telecom-sim-2026.json';
import type { FirmEntity } from './firm.entity';

/** Fixed ids so the seed is idempotent and tests can refer to the demo cases. */
export const DEMO_FIRM_ID = '0190f5a0-0000-7000-8000-000000000001';
export const DEMO_CASE_ID = '0190f5a0-0000-7000-8000-000000000002';
export const DEMO_CASE_SLUG = 'coupang-2025';
export const TELECOM_CASE_ID = '0190f5a0-0000-7000-8000-000000000003';
export const TELECOM_CASE_SLUG = 'telecom-sim-2026';

export const DEMO_DEFINITION = coupang as unknown as CaseDefinition;
export const TELECOM_DEFINITION = telecom as unknown as CaseDefinition;

export type FirmSeed = Omit<FirmEntity, 'createdAt'>;

export const DEMO_FIRM: FirmSeed = {
  id: DEMO_FIRM_ID,
  slug: 'hangyeol',
  nameKo: '법무법인 한결',
  nameEn: 'Hangyeol Law Firm',
  registrationNo: '서울지방변호사회 제2025-0421호',
};

/** The demo cases the seed loads, each from its definition file. */
export const DEMO_CASES: { id: string; definition: CaseDefinition }[] = [
  { id: DEMO_CASE_ID, definition: DEMO_DEFINITION },
  { id: TELECOM_CASE_ID, definition: TELECOM_DEFINITION },
];
