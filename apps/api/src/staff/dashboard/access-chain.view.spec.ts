import type { ChainReport, FullVerification } from '@app/audit';
import { CONSOLE_COPY } from '../console-copy';
import { chainView } from './access-chain.view';

describe('the tamper check as the page shows it', () => {
  const copy = CONSOLE_COPY.ko.accessLog;
  const names = (id: string) => (id === 'staff-1' ? '감사인' : undefined);
  const at = new Date('2026-12-01T00:00:00Z');
  const intact: ChainReport = { firmId: 'f', rows: 3, head: { seq: '10', hash: 'ab' }, firstBreak: null, since: { seq: '7', verifiedAt: at }, remaining: 0 };
  const done = { id: 'v', status: 'done' as const, requestedAt: at, finishedAt: at };
  const fullOk: FullVerification = { ...done, verifiedBy: 'staff-1', rows: 7, headSeq: '7', firstBreak: null };
  const fullBroken: FullVerification = { ...done, verifiedBy: null, rows: 1, headSeq: null, firstBreak: { id: '42', chainSeq: '2', problem: 'row does not match its hash' } };
  const running: FullVerification = { ...done, status: 'running', finishedAt: null, verifiedBy: 'staff-1', rows: 45_000, headSeq: null, firstBreak: null };

  it('is intact when the visit and the newest full recomputation both hold, saying where the visit started', () => {
    const view = chainView(intact, { last: fullOk, running: null }, copy, names);
    expect(view.ok).toBe(true);
    expect(view.text).toBe('정상: 2026-12-01 09:00에 확인한 체인 순번 7의 기록이 그대로 있고, 그 뒤의 새 기록 3건이 끊김 없이 이어집니다.');
    expect(view.full.text).toBe('전체 재계산 (2026-12-01 09:00, 감사인): 기록 7건 모두 정상.');
    expect(view.head).toEqual({ label: '마지막 해시 (seq 10)', hash: 'ab' });
    expect(view.running).toBeNull();
  });

  it('says how many rows a visit left for the next one', () => {
    expect(chainView({ ...intact, remaining: 800_000 }, { last: fullOk, running: null }, copy, names).text).toContain('남은 기록 800,000건은 다음에 이 페이지를 열 때 이어서 확인합니다.');
  });

  it('leads with a break the full recomputation found, though the visit found none', () => {
    const view = chainView(intact, { last: fullBroken, running: null }, copy, names);
    expect(view.ok).toBe(false);
    expect(view.text).toContain('전체 재계산 (2026-12-01 09:00, 명령줄 (npm run audit:verify)): 이상 발견 — 기록 id 42 (체인 순번 2)');
    expect(view.full.text).toContain('정상: 2026-12-01 09:00에 확인한 체인 순번 7');
  });

  it("names the visit's break, and a verified row that is gone without an id", () => {
    const gone: ChainReport = { ...intact, rows: 0, head: null, firstBreak: { id: null, chainSeq: '7', problem: 'verified row is missing' } };
    const view = chainView(gone, { last: fullOk, running: null }, copy, names);
    expect(view.ok).toBe(false);
    expect(view.text).toBe('이상 발견: 기록 id — (체인 순번 7)에서 체인이 끊겼습니다 — 이미 확인한 기록이 없어짐 (삭제된 기록). 2026-12-01 09:00에 확인한 체인 순번 7 뒤로 그 앞의 0건은 정상입니다.');
    expect(view.full.text).toContain('기록 7건 모두 정상');
  });

  it('says when the chain was never recomputed in full, and how far a running recomputation has come', () => {
    const first: ChainReport = { ...intact, since: null, rows: 10 };
    const view = chainView(first, { last: null, running }, copy, names);
    expect(view.ok).toBe(true);
    expect(view.text).toBe('정상: 기록 10건의 해시 체인이 끊김 없이 이어집니다.');
    expect(view.full.text).toBe('아직 전체 재계산을 한 적이 없습니다.');
    expect(view.running).toBe('전체 재계산 중: 처음부터 기록 45,000건을 확인했습니다 (2026-12-01 09:00, 감사인 요청). 이 페이지를 다시 열면 진행 상황이 바뀝니다.');
  });
});
