import fc from 'fast-check';
import { type DamageModel, describeLine, estimateDamages } from './damage-model';
import { checkDamageModel } from './definition-check';
import type { Questionnaire } from './questionnaire';

const label = (s: string) => ({ ko: `${s} ko`, en: `${s} en` });

const QUESTIONS: Questionnaire = {
  version: 'q1',
  questions: [
    { id: 'exposed', type: 'multiple_choice', text: label('exposed'), options: ['a', 'b', 'c', 'd'].map((v) => ({ value: v, label: label(v) })) },
    { id: 'harm', type: 'yes_no', text: label('harm') },
    { id: 'threat', type: 'yes_no', text: label('threat') },
  ],
};

const MODEL: DamageModel = {
  version: 'm1',
  baseWon: 200_000,
  baseLabel: label('base'),
  tiers: {
    question: 'exposed',
    always: 'a',
    levels: [
      { option: 'a', addWon: 0, label: label('a') },
      { option: 'b', addWon: 30_000, label: label('b') },
      { option: 'c', addWon: 50_000, label: label('c') },
      { option: 'd', addWon: 80_000, label: label('d') },
    ],
  },
  additions: [{ id: 'harm', when: { '==': [{ var: 'answers.harm' }, true] }, addWon: 20_000, label: label('harm') }],
  roundingWon: 10_000,
  minWon: 200_000,
  maxWon: 300_000,
};

describe('estimateDamages', () => {
  it('adds the base, the most sensitive tier only, and the additions that apply, with the inputs it read', () => {
    const e = estimateDamages(MODEL, { exposed: ['b', 'c'], harm: true });
    expect(e).toEqual({
      amountWon: 270_000,
      modelVersion: 'm1',
      inputs: { tier: 'c', additions: ['harm'] },
      breakdown: [
        { code: 'base', won: 200_000 },
        { code: 'tier:c', won: 50_000 },
        { code: 'add:harm', won: 20_000 },
      ],
    });
  });

  it('counts the `always` level when nothing was chosen, and nothing when the answer is missing or junk', () => {
    expect(estimateDamages(MODEL, { exposed: [] }).inputs.tier).toBe('a');
    expect(estimateDamages(MODEL, {}).amountWon).toBe(200_000);
    expect(estimateDamages({ ...MODEL, tiers: { ...MODEL.tiers, always: undefined } }, { exposed: 'zzz' }).inputs.tier).toBeNull();
  });

  it('clamps to the bounds with a line saying so', () => {
    const e = estimateDamages({ ...MODEL, additions: [{ ...MODEL.additions[0], addWon: 90_000 }] }, { exposed: ['d'], harm: true });
    expect(e.amountWon).toBe(300_000);
    expect(e.breakdown.at(-1)).toEqual({ code: 'clamp:max', won: -70_000 });
    const low = estimateDamages({ ...MODEL, baseWon: 100_000 }, {});
    expect(low.amountWon).toBe(200_000);
    expect(low.breakdown.at(-1)).toEqual({ code: 'clamp:min', won: 100_000 });
  });

  it('rounds half up to the model step before clamping', () => {
    const model = { ...MODEL, baseWon: 204_999, minWon: 0, maxWon: 1_000_000 };
    expect(estimateDamages(model, {}).amountWon).toBe(200_000);
    expect(estimateDamages({ ...model, baseWon: 205_000 }, {}).amountWon).toBe(210_000);
    expect(estimateDamages({ ...model, baseWon: 205_000 }, {}).breakdown.at(-1)).toEqual({ code: 'rounding', won: 5_000 });
  });

  it('labels every line from the model, in both languages', () => {
    const e = estimateDamages({ ...MODEL, baseWon: 100_000 }, { exposed: ['d'], harm: true });
    for (const line of e.breakdown) {
      const text = describeLine(MODEL, line.code);
      expect(text.ko).not.toBe(line.code);
      expect(text.en).not.toBe(line.code);
    }
  });
});

/** Random models that pass checkDamageModel: tiers that never fall, bounds that are multiples of the step. */
const modelArb = fc
  .record({
    step: fc.constantFrom(1, 10, 1_000, 10_000),
    base: fc.integer({ min: 0, max: 400 }),
    adds: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
    harm: fc.integer({ min: 0, max: 100 }),
    threat: fc.integer({ min: 0, max: 100 }),
    bounds: fc.tuple(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 })),
    always: fc.boolean(),
  })
  .map(({ step, base, adds, harm, threat, bounds, always }): DamageModel => {
    const sorted = [...adds].sort((a, b) => a - b);
    const [lo, hi] = [Math.min(...bounds), Math.max(...bounds)];
    return {
      version: 'random',
      baseWon: base * 1_000,
      baseLabel: label('base'),
      tiers: {
        question: 'exposed',
        ...(always ? { always: 'a' } : {}),
        levels: sorted.map((won, i) => ({ option: ['a', 'b', 'c', 'd'][i], addWon: won * 1_000, label: label(String(i)) })),
      },
      additions: [
        { id: 'harm', when: { '==': [{ var: 'answers.harm' }, true] }, addWon: harm * 1_000, label: label('harm') },
        { id: 'threat', when: { '==': [{ var: 'answers.threat' }, true] }, addWon: threat * 1_000, label: label('threat') },
      ],
      roundingWon: step,
      minWon: lo * 10_000,
      maxWon: hi * 10_000,
    };
  });
const answersArb = fc.record({
  exposed: fc.subarray(['a', 'b', 'c', 'd']),
  harm: fc.boolean(),
  threat: fc.boolean(),
});

describe('estimateDamages over random valid models and claims', () => {
  it('generates only models the definition check accepts', () => {
    fc.assert(fc.property(modelArb, (model) => expect(checkDamageModel(model, QUESTIONS)).toEqual([])));
  });

  it('keeps the amount within the bounds, and the breakdown adds up to it', () => {
    fc.assert(
      fc.property(modelArb, answersArb, (model, answers) => {
        const e = estimateDamages(model, answers);
        expect(e.amountWon).toBeGreaterThanOrEqual(model.minWon);
        expect(e.amountWon).toBeLessThanOrEqual(model.maxWon);
        expect(e.breakdown.reduce((s, l) => s + l.won, 0)).toBe(e.amountWon);
      }),
    );
  });

  it('never lowers the amount for more harm: a more sensitive category, or an addition that now applies', () => {
    fc.assert(
      fc.property(modelArb, answersArb, fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('harm', 'threat'), (model, answers, more, addition) => {
        const before = estimateDamages(model, answers).amountWon;
        expect(estimateDamages(model, { ...answers, exposed: [...new Set([...answers.exposed, more])] }).amountWon).toBeGreaterThanOrEqual(before);
        expect(estimateDamages(model, { ...answers, [addition]: true }).amountWon).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('gives the same amount for the same inputs, whatever the order of the choices', () => {
    fc.assert(
      fc.property(modelArb, answersArb, (model, answers) => {
        const a = estimateDamages(model, answers);
        expect(estimateDamages(model, { ...answers, exposed: [...answers.exposed].reverse() })).toEqual(a);
        expect(estimateDamages(structuredClone(model), structuredClone(answers))).toEqual(a);
      }),
    );
  });

  it('never throws, whatever the answers hold', () => {
    fc.assert(
      fc.property(modelArb, fc.dictionary(fc.constantFrom('exposed', 'harm', 'threat', 'x'), fc.jsonValue()), (model, answers) => {
        const e = estimateDamages(model, answers);
        expect(e.amountWon).toBeGreaterThanOrEqual(model.minWon);
        expect(e.amountWon).toBeLessThanOrEqual(model.maxWon);
      }),
    );
  });
});
