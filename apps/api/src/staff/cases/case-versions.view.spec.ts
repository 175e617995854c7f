import { groupProblems, parseDefinition, versionView } from './case-versions.view';

describe('case versions view', () => {
  it('groups problems by part in the order the checker met them', () => {
    const groups = groupProblems([
      { part: 'case', item: 'slug', message: 'a' },
      { part: 'rules', item: 'r1', message: 'b' },
      { part: 'case', item: 'claimPrefix', message: 'c' },
    ]);
    expect(groups).toEqual([
      { part: 'case', problems: [{ item: 'slug', message: 'a' }, { item: 'claimPrefix', message: 'c' }] },
      { part: 'rules', problems: [{ item: 'r1', message: 'b' }] },
    ]);
  });

  it('turns text that is not a JSON object into a problem, like the checker reports one', () => {
    expect(parseDefinition('{"slug": ')).toEqual({ problems: [{ part: 'case', item: 'definition', message: expect.stringMatching(/^not valid JSON: /) }] });
    for (const text of ['[]', '"x"', 'null', '3']) expect(parseDefinition(text)).toEqual({ problems: [{ part: 'case', item: 'definition', message: 'the definition must be a JSON object' }] });
    expect(parseDefinition('{"slug":"a-case"}')).toEqual({ definition: { slug: 'a-case' } });
  });

  it("names who saved a version: a staff member by name, anyone else as recorded", () => {
    const base = { version: 3, sha256: 'ab'.repeat(32), createdAt: new Date('2026-01-01T15:30:00Z'), active: false, title: { ko: '사건', en: 'Case' }, parts: { questionnaire: 'q1', rules: 'r1', damages: 'd1' } };
    const names = new Map([['0190f5a0-0000-7000-8000-000000000001', '김관리']]);
    expect(versionView({ ...base, createdBy: 'staff:0190f5a0-0000-7000-8000-000000000001' }, names, 'ko')).toMatchObject({ savedBy: '김관리', shaPrefix: 'abababababab', savedAt: '2026-01-02 00:30', title: '사건' });
    expect(versionView({ ...base, createdBy: 'cli:counsel' }, names, 'en')).toMatchObject({ savedBy: 'cli:counsel', title: 'Case', parts: ['q1', 'r1', 'd1'] });
  });
});
