import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PageClient, textOf } from '../support/page-client';
import { TestStack } from '../support/test-app';
import { TestDatabase } from '../support/test-database';

const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src');
const run = promisify(execFile);

/** A firm's first admin, made as an operator makes one: the built `npm run staff -- create-admin`. */
describe('npm run staff', () => {
  let db: TestDatabase;
  let stack: TestStack | undefined;
  const cli = (args: string[]) =>
    run(process.execPath, [join(CLI, 'staff.js'), ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.appUrl, PUBLIC_BASE_URL: 'http://claims.test' } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    db = await TestDatabase.create();
    await run(process.execPath, [join(CLI, 'seed.js')], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.appUrl } });
  });
  afterAll(async () => {
    await stack?.stop();
    if (!stack) await db?.destroy();
  });

  it('creates the first admin and prints an invitation link the console opens', async () => {
    expect((await cli(['create-admin'])).code).toBe(2);
    const unknown = await cli(['create-admin', 'no-such-firm', 'boss@firm.example', '김대표']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'no firm with the slug no-such-firm\n' });
    const bad = await cli(['create-admin', 'hangyeol', 'not-an-address', '김대표']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('email: Check the email address');

    const made = await cli(['create-admin', 'hangyeol', 'Boss@Firm.example', '김', '대표']);
    expect(made.code).toBe(0);
    const link = /(http:\/\/claims\.test\/staff\/invitation\?token=\S+)/.exec(made.stdout)?.[1];
    expect(link).toBeDefined();
    const again = await cli(['create-admin', 'hangyeol', 'boss@firm.example', '김대표']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is already a staff account with this email address.');

    stack = await TestStack.start({ db });
    const url = new URL(link!);
    const page = await new PageClient(stack.api).get(url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('김 대표님, 환영합니다. 계정 boss@firm.example의 비밀번호를 정해 주세요.');
    expect(await stack.query(`SELECT role, created_by LIKE 'cli:%' AS by_cli FROM staff_accounts`)).toEqual([{ role: 'admin', by_cli: true }]);
  });
});
