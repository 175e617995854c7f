import fc from 'fast-check';
import { DATA_CATEGORIES, type DataCategory } from './claim-facts';
import { estimateDamages, type DamageModel } from './damage-estimate';

// Shaped like the demo case's model; defined here so the test does not depend on the cases lib.
const MODEL: DamageModel = {
  version: 'test-case.damages.v1',
  minWon: 200_000,
  maxWon: 300_000,
  tierWon: { name_email: 200_000, phone_address: 230_000, order_history: 250_000, entry_code: 280_000 },
  secondaryHarmWon: 20_000,
};

const estimate = (exposedData: DataCategory[], secondaryHarm = false, model = MODEL) =>
  estimateDamages(model, { exposedData, secondaryHarm });

describe('estimateDamages', () => {
  describe('tiers', () => {
    it.each([
      [[], 'name_email', 200_000],
      [['name_email'], 'name_email', 200_000],
      [['phone_address'], 'phone_address', 230_000],
      [['name_email', 'order_history'], 'order_history', 250_000],
      [['entry_code'], 'entry_code', 280_000],
    ] as [DataCategory[], DataCategory, number][])('%j is priced at the %s tier', (exposedData, tier, won) => {
      const e = estimate(exposedData);
      expect(e.amountWon).toBe(won);
      expect(e.breakdown).toEqual([expect.objectContaining({ code: `tier:${tier}`, won })]);
    });

    it('prices the most sensitive category, not the sum', () => {
      const e = estimate(['name_email', 'phone_address', 'entry_code']);
      expect(e.amountWon).toBe(280_000);
      expect(e.breakdown.map((l) => l.code)).toEqual(['tier:entry_code']);
    });

    it('does not depend on the order the categories were listed in', () => {
      expect(estimate(['entry_code', 'phone_address'])).toEqual(estimate(['phone_address', 'entry_code']));
    });
  });

  describe('secondary harm', () => {
    it('adds a line on top of the tier', () => {
      const e = estimate(['order_history'], true);
      expect(e.amountWon).toBe(270_000);
      expect(e.breakdown.map((l) => [l.code, l.won])).toEqual([['tier:order_history', 250_000], ['secondary-harm', 20_000]]);
    });
  });

  describe('clamping to the case bounds', () => {
    it('caps at the maximum with a negative clamp line', () => {
      const e = estimate(['entry_code'], true, { ...MODEL, secondaryHarmWon: 50_000 });
      expect(e.amountWon).toBe(300_000);
      expect(e.breakdown.map((l) => [l.code, l.won])).toEqual([['tier:entry_code', 280_000], ['secondary-harm', 50_000], ['clamp:max', -30_000]]);
      expect(e.breakdown[2].en).toBe('Capped at the case maximum');
    });

    it('raises to the minimum with a positive clamp line', () => {
      const e = estimate(['name_email'], false, { ...MODEL, minWon: 210_000 });
      expect(e.amountWon).toBe(210_000);
      expect(e.breakdown.map((l) => [l.code, l.won])).toEqual([['tier:name_email', 200_000], ['clamp:min', 10_000]]);
      expect(e.breakdown[1].en).toBe('Raised to the case minimum');
    });

    it('adds no clamp line when the amount lands exactly on a bound', () => {
      expect(estimate(['name_email']).breakdown.map((l) => l.code)).toEqual(['tier:name_email']);
      expect(estimate(['entry_code'], true, { ...MODEL, secondaryHarmWon: 20_000, maxWon: 300_000 }).breakdown).toHaveLength(2);
    });
  });

  it('carries the model version', () => {
    expect(estimate([]).modelVersion).toBe('test-case.damages.v1');
  });

  describe('over arbitrary models and answers', () => {
    const won = fc.integer({ min: 0, max: 10_000_000 });
    const model: fc.Arbitrary<DamageModel> = fc
      .record({
        version: fc.string({ minLength: 1 }),
        bounds: fc.tuple(won, won).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
        tierWon: fc.record({ name_email: won, phone_address: won, order_history: won, entry_code: won }),
        secondaryHarmWon: won,
      })
      .map(({ bounds: [minWon, maxWon], ...rest }) => ({ ...rest, minWon, maxWon }));
    const answers = fc.record({ exposedData: fc.subarray([...DATA_CATEGORIES]), secondaryHarm: fc.boolean() });

    it('the amount is always within [minWon, maxWon] and equals the sum of the breakdown', () => {
      fc.assert(fc.property(model, answers, (m, a) => {
        const e = estimateDamages(m, a);
        expect(e.amountWon).toBeGreaterThanOrEqual(m.minWon);
        expect(e.amountWon).toBeLessThanOrEqual(m.maxWon);
        expect(e.breakdown.reduce((sum, line) => sum + line.won, 0)).toBe(e.amountWon);
        expect(e.modelVersion).toBe(m.version);
      }));
    });

    it('every line has Korean and English wording and a known code', () => {
      fc.assert(fc.property(model, answers, (m, a) => {
        for (const line of estimateDamages(m, a).breakdown) {
          expect(line.code).toMatch(/^(tier:(name_email|phone_address|order_history|entry_code)|secondary-harm|clamp:(min|max))$/);
          expect(line.ko).toMatch(/[\uac00-\ud7a3]/);
          expect(line.en).toMatch(/^[\x20-\x7e]+$/);
        }
      }));
    });

    it('has exactly one tier line, first', () => {
      fc.assert(fc.property(model, answers, (m, a) => {
        const codes = estimateDamages(m, a).breakdown.map((l) => l.code);
        expect(codes[0]).toMatch(/^tier:/);
        expect(codes.filter((c) => c.startsWith('tier:'))).toHaveLength(1);
      }));
    });
  });
});
