import { groupProblems, parseDefinition, versionView } from './case-versions.view';

describe('case versions view', () => {
  const problems = [
    { part: 'case', item: 'slug', message: { ko: '가', en: 'a' } },
    { part: 'rules', item: 'r1', message: { ko: '나', en: 'b' } },
    { part: 'case', item: 'claimPrefix', message: { ko: '다', en: 'c' } },
  ];

  it('groups problems by part in the order the checker met them', () => {
    expect(groupProblems(problems, 'en')).toEqual([
      { part: 'case', problems: [{ item: 'slug', message: 'a' }, { item: 'claimPrefix', message: 'c' }] },
      { part: 'rules', problems: [{ item: 'r1', message: 'b' }] },
    ]);
  });

  it("gives each message in the page's language", () => {
    expect(groupProblems(problems, 'ko')).toEqual([
      { part: 'case', problems: [{ item: 'slug', message: '가' }, { item: 'claimPrefix', message: '다' }] },
      { part: 'rules', problems: [{ item: 'r1', message: '나' }] },
    ]);
  });

  it('turns text that is not a JSON object into a problem, like the checker reports one', () => {
    const notJson = parseDefinition('{"slug": ');
    expect(notJson).toEqual({ problems: [{ part: 'case', item: 'definition', message: { ko: expect.stringMatching(/^JSON 형식이 아닙니다: \S/), en: expect.stringMatching(/^not valid JSON: \S/) } }] });
    // The parser's own words are kept as they are in both languages.
    const { ko, en } = (notJson as { problems: { message: { ko: string; en: string } }[] }).problems[0].message;
    expect(ko.slice('JSON 형식이 아닙니다: '.length)).toBe(en.slice('not valid JSON: '.length));
    const notAnObject = { part: 'case', item: 'definition', message: { ko: '사건 정의는 JSON 객체여야 합니다.', en: 'the definition must be a JSON object' } };
    for (const text of ['[]', '"x"', 'null', '3']) expect(parseDefinition(text)).toEqual({ problems: [notAnObject] });
    expect(parseDefinition('{"slug":"a-case"}')).toEqual({ definition: { slug: 'a-case' } });
  });

  it("names who saved a version: a staff member by name, anyone else as recorded", () => {
    const base = { version: 3, sha256: 'ab'.repeat(32), createdAt: new Date('2026-01-01T15:30:00Z'), active: false, title: { ko: '사건', en: 'Case' }, parts: { questionnaire: 'q1', rules: 'r1', damages: 'd1' } };
    const names = new Map([['0190f5a0-0000-7000-8000-000000000001', '김관리']]);
    expect(versionView({ ...base, createdBy: 'staff:0190f5a0-0000-7000-8000-000000000001' }, names, 'ko')).toMatchObject({ savedBy: '김관리', shaPrefix: 'abababababab', savedAt: '2026-01-02 00:30', title: '사건' });
    expect(versionView({ ...base, createdBy: 'cli:counsel' }, names, 'en')).toMatchObject({ savedBy: 'cli:counsel', title: 'Case', parts: ['q1', 'r1', 'd1'] });
  });
});
