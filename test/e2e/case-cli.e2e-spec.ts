import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_DEFINITION } from '@app/cases';
import { TestDatabase } from '../support/test-database';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src');
const run = promisify(execFile);

/** Counsel's change to a case as an operator makes it: the built `npm run seed` and `npm run case` commands. */
describe('npm run case', () => {
  let db: TestDatabase;
  let dir: string;
  const env = () => ({ PATH: process.env.PATH ?? '', DATABASE_URL: db.appUrl });
  const cli = (script: string, args: string[]) =>
    run(process.execPath, [join(CLI, script), ...args], { env: env() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    db = await TestDatabase.create();
    dir = mkdtempSync(join(tmpdir(), 'case-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.destroy();
  });

  it('seeds the demo cases, refuses a bad version naming its problems, saves and activates a good one', async () => {
    const seeded = await cli('seed.js', []);
    expect(seeded).toMatchObject({ code: 0, stdout: 'seeded case coupang-2025 (version 1 active)\nseeded case telecom-sim-2026 (version 1 active)\n' });
    expect((await cli('seed.js', [])).stdout).toContain('coupang-2025 (version 1 active)');

    const bad = structuredClone(DEMO_DEFINITION);
    bad.rules.rules[0].passes = { var: 'answers.nothing' };
    const refused = await cli('case.js', ['save', file('bad.json', bad)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused; the active version is unchanged:');
    expect(refused.stderr).toContain('rules / in-leaked-set: reads answer "nothing", which no question asks');
    expect((await cli('case.js', ['save', file('broken.json', '{ not json')])).code).toBe(1);
    expect((await cli('case.js', ['activate', 'coupang-2025', 'two'])).code).toBe(2);

    const next = structuredClone(DEMO_DEFINITION);
    next.damages.version = 'coupang-2025.damages.v2';
    next.damages.tiers.levels[3].addWon = 90_000;
    const saved = await cli('case.js', ['save', file('v2.json', next)]);
    expect(saved).toMatchObject({ code: 0, stdout: expect.stringMatching(/^saved version 2 of coupang-2025 \(sha256 [0-9a-f]{64}\)\n$/) });
    const activated = await cli('case.js', ['activate', 'coupang-2025', '2', 'court ruling']);
    expect(activated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^activated version 2 of coupang-2025 \(was 1\); re-scoring run [0-9a-f-]{36}\n$/) });

    const [state] = await db.dataSource.query(
      `SELECT c.active_version, a.actor, a.reason, (SELECT count(*)::int FROM outbox WHERE topic = 'case.activated') AS outbox
         FROM cases c JOIN case_activations a ON a.case_id = c.id AND a.to_version = 2 WHERE c.slug = 'coupang-2025'`,
    );
    expect(state).toEqual({ active_version: 2, actor: expect.stringMatching(/^cli:/), reason: 'court ruling', outbox: 1 });
  });
});
