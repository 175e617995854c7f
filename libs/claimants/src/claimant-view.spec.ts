import { claimantTimeline, claimantView, type RuleReason } from './claimant-view';

const reason = (rule: string, outcome: RuleReason['outcome'], staffOnly?: true): RuleReason =>
  staffOnly ? { rule, outcome, ko: `${rule} ko`, en: `${rule} en`, staffOnly } : { rule, outcome, ko: `${rule} ko`, en: `${rule} en` };
const notice = reason('in-leaked-set', 'eligible');
const samePhone = reason('one-person-one-claim', 'manual_review', true);
const ipBurst = reason('ip-burst', 'manual_review', true);

describe('claimantView', () => {
  it('leaves out staff-only reasons', () => {
    const view = claimantView('manual_review', { verdict: 'manual_review', reasons: [notice, samePhone, ipBurst] });
    expect(view.reasons.map((r) => r.rule)).toEqual(['in-leaked-set']);
    expect(JSON.stringify(view)).not.toMatch(/one-person|ip-burst|staffOnly/);
  });

  it('looks exactly like a clean claim when only a staff-only signal sent it to review', () => {
    const flagged = claimantView('manual_review', { verdict: 'manual_review', reasons: [notice, samePhone] });
    const clean = claimantView('screened', { verdict: 'eligible', reasons: [notice] });
    expect(flagged).toEqual(clean);
    expect(flagged).toEqual({ status: 'screened', verdict: 'eligible', reasons: [{ rule: 'in-leaked-set', outcome: 'eligible', ko: 'in-leaked-set ko', en: 'in-leaked-set en' }] });
  });

  it('keeps what is about the claimant: a missing notice still asks for information', () => {
    const missing = reason('in-leaked-set', 'needs_information');
    const view = claimantView('manual_review', { verdict: 'manual_review', reasons: [missing, samePhone] });
    expect(view).toMatchObject({ status: 'needs_information', verdict: 'needs_information' });
  });

  it('keeps a review the claimant caused (a signature that differs from the name)', () => {
    const view = claimantView('manual_review', { verdict: 'manual_review', reasons: [notice, reason('signature-name', 'manual_review'), samePhone] });
    expect(view).toMatchObject({ status: 'manual_review', verdict: 'manual_review' });
  });

  it("never changes a person's decision", () => {
    expect(claimantView('approved', { verdict: 'manual_review', reasons: [notice, samePhone] }).status).toBe('approved');
    expect(claimantView('rejected', { verdict: 'manual_review', reasons: [notice, samePhone] }).status).toBe('rejected');
  });

  it('shows a claim not yet assessed as it is', () => {
    expect(claimantView('submitted', null)).toEqual({ status: 'submitted', verdict: null, reasons: [] });
  });
});

describe('claimantTimeline', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, n));
  it('turns status moves into milestones, and never says a claim went to review', () => {
    const timeline = claimantTimeline([
      { from: null, to: 'submitted', at: at(1) },
      { from: 'submitted', to: 'needs_information', at: at(2) },
      { from: 'needs_information', to: 'submitted', at: at(3) },
      { from: 'submitted', to: 'manual_review', at: at(4) },
      { from: 'manual_review', to: 'screened', at: at(5) },
      { from: 'screened', to: 'approved', at: at(6) },
      { from: 'approved', to: 'filed', at: at(7) },
    ]);
    expect(timeline).toEqual([
      { milestone: 'received', at: at(1) },
      { milestone: 'information_requested', at: at(2) },
      { milestone: 'information_received', at: at(3) },
      { milestone: 'checked', at: at(4) },
      { milestone: 'approved', at: at(6) },
      { milestone: 'filed', at: at(7) },
    ]);
  });
  it('shows a withdrawal', () => {
    expect(claimantTimeline([{ from: null, to: 'submitted', at: at(1) }, { from: 'submitted', to: 'withdrawn', at: at(2) }]).map((m) => m.milestone)).toEqual(['received', 'withdrawn']);
  });
});
