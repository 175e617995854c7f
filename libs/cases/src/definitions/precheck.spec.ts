import { precheckRules, runPrecheck } from '@app/eligibility';
import type { CaseDefinition } from '../case-definition';
import coupang from './coupang-2025.json';
import telecom from './telecom-sim-2026.json';

const COUPANG = coupang as unknown as CaseDefinition;
const TELECOM = telecom as unknown as CaseDefinition;
const TODAY = '2026-11-24';

const check = (def: CaseDefinition, answers: Record<string, unknown>, birthDate: string | null = '1990-05-05') =>
  runPrecheck(def.page!.precheck!, { questionnaire: def.questionnaire, rules: def.rules, limitationYears: def.limitationYears }, { answers, birthDate, today: TODAY });

/** The pre-check runs each demo case's own rules, only those its few answers can decide. */
describe('pre-check of the demo cases', () => {
  it('decides with the rules that read only its answers and the age, never a fraud signal', () => {
    expect(precheckRules(COUPANG.page!.precheck!, COUPANG.rules).map((r) => r.id)).toEqual(['in-leaked-set', 'minor-guardian', 'guardian-certificate', 'not-represented-elsewhere', 'us-track']);
    expect(precheckRules(TELECOM.page!.precheck!, TELECOM.rules).map((r) => r.id)).toEqual(['subscriber', 'minor-guardian', 'guardian-certificate', 'not-in-other-suit']);
  });

  const clean = { noticeReceived: 'leak', otherRepresentation: false, usResident: false };
  it.each([
    ['a notice holder', clean, '1990-05-05', 'eligible'],
    ['someone without a notice', { ...clean, noticeReceived: 'none' }, '1990-05-05', 'needs_information'],
    ['a minor', clean, '2010-01-01', 'guardian'],
    ['a US resident', { ...clean, usResident: true }, '1990-05-05', 'separate_track'],
    ['a US resident who is a minor', { ...clean, usResident: true }, '2010-01-01', 'separate_track'],
    ['someone in another suit, however else they answer', { ...clean, otherRepresentation: true, usResident: true }, '2010-01-01', 'not_eligible'],
  ])('tells %s: %s', (_, answers, birthDate, outcome) => {
    expect(check(COUPANG, answers, birthDate).outcome).toBe(outcome);
  });

  it('gives the failing rules, for their reasons', () => {
    expect(check(COUPANG, { ...clean, otherRepresentation: true }).failed).toEqual([{ rule: 'not-represented-elsewhere', outcome: 'ineligible' }]);
  });

  it('answers the telecom case from its own rules', () => {
    expect(check(TELECOM, { subscriber: true, otherSuit: false }).outcome).toBe('eligible');
    expect(check(TELECOM, { subscriber: false, otherSuit: false }).outcome).toBe('not_eligible');
    expect(check(TELECOM, { subscriber: true, otherSuit: false }, '2012-03-01').outcome).toBe('guardian');
  });
});
