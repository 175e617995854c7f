import { canonicalJson, type CaseDefinition, checkAgainstHistory, checkDefinition } from './case-definition';
import coupang from './definitions/coupang-2025.json';

const base = () => structuredClone(coupang) as unknown as CaseDefinition;
/** A problem's message: Korean text and the English given. */
const said = (en: unknown) => ({ ko: expect.stringMatching(/[가-힣]/), en });

describe('checkDefinition', () => {
  it('accepts the demo definition', () => {
    expect(checkDefinition(base())).toEqual([]);
  });

  it.each([
    ['intake closing before it opens', (d: CaseDefinition) => void (d.intake.closesAt = '2025-01-01T00:00:00+09:00'), { part: 'case', item: 'intake' }],
    ['an instant without its offset', (d: CaseDefinition) => void (d.intake.opensAt = '2025-12-01T00:00:00'), { part: 'case', item: 'intake.opensAt' }],
    ['a title without English', (d: CaseDefinition) => void (d.title.en = ''), { part: 'case', item: 'title' }],
    ['no required collection consent (PIPA)', (d: CaseDefinition) => void (d.consents.items[0].required = false), { part: 'consents', item: 'collection' }],
    ['the same purpose twice', (d: CaseDefinition) => void (d.consents.items[2].purpose = 'third_party'), { part: 'consents', item: 'third_party' }],
    ['a consent text without Korean', (d: CaseDefinition) => void (d.consents.items[1].text.ko = ' '), { part: 'consents', item: 'third_party' }],
    ['a mandate without English', (d: CaseDefinition) => void delete (d.mandate.text as Partial<CaseDefinition['title']>).en, { part: 'mandate', item: 'text' }],
    ['a bad part version', (d: CaseDefinition) => void (d.rules.version = 'v 2!'), { part: 'rules', item: 'version' }],
    ['a pre-check asking a multiple-choice question', (d: CaseDefinition) => void d.page!.precheck!.questions.push('exposedData'), { part: 'page', item: 'precheck' }],
    ['a pre-check asking a conditional question', (d: CaseDefinition) => void d.page!.precheck!.questions.push('secondaryHarmDetail'), { part: 'page', item: 'precheck' }],
    ['a pre-check outcome for a rule that does not exist', (d: CaseDefinition) => void (d.page!.precheck!.outcomes = { 'no-such-rule': 'guardian' }), { part: 'page', item: 'precheck' }],
    ['an FAQ answer without English', (d: CaseDefinition) => void (d.page!.faq[0].a.en = ''), { part: 'page', item: 'faq #1' }],
  ])('refuses %s, naming the part and item', (_, edit, where) => {
    const d = base();
    edit(d);
    expect(checkDefinition(d)).toContainEqual({ ...where, message: said(expect.any(String)) });
  });

  it('names a text missing a language in both languages', () => {
    const d = base();
    d.title.en = '';
    delete (d.defendant as Partial<CaseDefinition['defendant']>).ko;
    expect(checkDefinition(d)).toEqual([
      { part: 'case', item: 'title', message: { ko: '제목에 영어 문구가 없습니다.', en: 'the title has no English version' } },
      { part: 'case', item: 'defendant', message: { ko: '피고 이름에 한국어 문구가 없습니다.', en: 'the defendant has no Korean version' } },
    ]);
  });

  it('refuses what is not an object without throwing', () => {
    const message = { ko: '사건 정의는 JSON 객체여야 합니다.', en: 'the definition must be a JSON object' };
    for (const value of [null, [], 'x', 42]) expect(checkDefinition(value as never)).toEqual([{ part: 'case', item: 'definition', message }]);
    expect(checkDefinition({} as never).length).toBeGreaterThan(5);
  });
});

describe('checkAgainstHistory', () => {
  it('lets a part change under a new version, and refuses a change under a version already used', () => {
    const next = base();
    next.damages.tiers.levels[1].addWon = 40_000;
    expect(checkAgainstHistory(next, [base()])).toEqual([
      { part: 'damages', item: 'version', message: { ko: expect.stringContaining('바꾼 손해액 모델에 새 버전을 붙이십시오'), en: expect.stringContaining('already saved with other content') } },
    ]);
    next.damages.version = 'coupang-2025.damages.v2';
    expect(checkAgainstHistory(next, [base()])).toEqual([]);
  });

  it('refuses a new slug or claim prefix', () => {
    const next = base();
    next.claimPrefix = 'XX';
    expect(checkAgainstHistory(next, [base()])).toEqual([expect.objectContaining({ part: 'case', item: 'slug' })]);
  });
});

describe('canonicalJson', () => {
  it('is the same for the same document in any key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: [1, { y: 2, z: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
