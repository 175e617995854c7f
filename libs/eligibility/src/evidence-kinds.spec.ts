import { evidenceCounts, kindsShown, type EvidenceRequest } from './evidence-kinds';

const t = (s: string) => ({ ko: s, en: s });
const request: EvidenceRequest = {
  kinds: [
    { id: 'notice', label: t('notice') },
    { id: 'harm', label: t('harm'), showIf: { '==': [{ var: 'answers.harmed' }, true] } },
    { id: 'certificate', label: t('certificate'), showIf: { var: 'filer.guardian' } },
  ],
};

describe('evidence kinds', () => {
  it('offers a kind only when its condition holds', () => {
    const ids = (answers: Record<string, unknown>, guardian: boolean) => kindsShown(request, { answers, filer: { guardian } }).map((k) => k.id);
    expect(ids({}, false)).toEqual(['notice']);
    expect(ids({ harmed: true }, false)).toEqual(['notice', 'harm']);
    expect(ids({ harmed: false }, true)).toEqual(['notice', 'certificate']);
    expect(kindsShown(undefined, { answers: {}, filer: { guardian: false } })).toEqual([]);
  });

  it('counts files per kind, every kind present, unknown kinds ignored', () => {
    expect(evidenceCounts(request, [{ kind: 'notice' }, { kind: 'notice' }, { kind: 'selfie' }])).toEqual({ notice: 2, harm: 0, certificate: 0 });
    expect(evidenceCounts(undefined, [{ kind: 'notice' }])).toEqual({});
  });
});
