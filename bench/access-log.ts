import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '@app/config';
import { DEMO_FIRM_ID } from '@app/cases';
import { appEnv } from './app-env';
import { AppProcess, freePort } from './app-process';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool } from './scratch-environment';
import { readSettings } from './settings';
import { rssKb } from './rss-series';
import { field, signedInStaff } from './staff-browser';
import { startWorker, throwawayProductionKeys } from './web-stack';

/*
 * `npm run build && npm run bench:access-log` (BENCH_ACCESS_ROWS, default 1,000,000; BENCH_ACCESS_NEW,
 * default 1,000)
 *
 * Appends N rows to the demo firm's access-log chain (through the chain's own trigger, a few
 * thousand a transaction) after an auditor has signed in (landing on the page, which verified
 * the chain so far), and times the access-log page over HTTP against the built API as the
 * auditor meets it: the visits after those N rows (each reads at most VISIT_ROWS, so it takes
 * several to catch up), a visit with nothing new since, a visit after BENCH_ACCESS_NEW more rows;
 * then the "recompute the whole chain" button, timed until a worker has verified every row. The page verifies from the newest verified head, so
 * its time follows the rows written since the last visit, not the size of the log.
 */

const ROWS = Number(process.env.BENCH_ACCESS_ROWS ?? 1_000_000);
const NEW = Number(process.env.BENCH_ACCESS_NEW ?? 1_000);
const PER_TRANSACTION = 2_000;

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  try {
    console.log(`access-log page benchmark: ${ROWS.toLocaleString('en-US')} chained rows, then ${NEW.toLocaleString('en-US')} more; database ${settings.databaseName}`);
    cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    const admin = openAdminPool(settings.databaseUrl, cleanup);
    // Rows shaped like the real ones: a staff member's read of one person, and an export page's
    // read of two thousand (subject_count), each with a reason.
    const append = async (count: number) => {
      for (let done = 0; done < count; done += PER_TRANSACTION) {
        await admin.query(
          `INSERT INTO access_log (firm_id, actor_type, actor_id, ip, subject_claimant_id, subject_count, action, fields, reason)
           SELECT $1, 'staff', '0190f5a0-0000-7000-8000-00000000be01', '203.0.113.7', NULL, CASE WHEN i % 10 = 0 THEN 2000 ELSE 1 END,
                  CASE WHEN i % 10 = 0 THEN 'batch.plaintiffs' ELSE 'claimant.read' END, '{address,birthDate,name}', '1차 소 제기 원고 확인 ' || i
             FROM generate_series(1, $2::int) AS i`,
          [DEMO_FIRM_ID, Math.min(PER_TRANSACTION, count - done)],
        );
      }
    };
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = appEnv(settings, { HOST: '127.0.0.1', PORT: String(port), ...throwawayProductionKeys() });
    const api = AppProcess.start('api', env);
    cleanup.add('stop api', async () => void (await api.stop(10_000)));
    await api.waitForHttp(`${baseUrl}/health/live`);
    // Signing in lands the auditor on the access-log page, which verifies the (short) chain so far.
    const { browser } = await signedInStaff(baseUrl, new URL(new AppConfig().PUBLIC_BASE_URL).origin, env, 'auditor', '벤치 감사인');
    const t0 = performance.now();
    await append(ROWS);
    // As autovacuum would have by the time anyone looks (it analyses a table that grew by a tenth).
    await admin.query(`ANALYZE access_log`);
    console.log(`appended ${ROWS.toLocaleString('en-US')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const visit = async (what: string) => {
      const start = performance.now();
      const page = await browser.get('/staff/access-log');
      const ms = performance.now() - start;
      if (page.status !== 200) throw new Error(`${what}: ${page.status} ${page.body.slice(0, 300)}`);
      const result = /data-testid="chain-result"[^>]*>([\s\S]*?)<\/p>/.exec(page.body)?.[1].replace(/<[^>]+>/g, '') ?? '?';
      const left = /남은 기록 ([\d,]+)건/.exec(result)?.[1] ?? '0';
      console.log(`${what.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${left.padStart(9)} left   ${result.includes('이상') ? 'BROKEN' : 'intact'}`);
      return { body: page.body, left: Number(left.replace(/,/g, '')) };
    };
    console.log(`\n${'access-log page'.padEnd(44)} ${'time'.padStart(9)}   ${'rows'.padStart(9)} left`);
    let seen = await visit(`visit 1 after ${ROWS.toLocaleString('en-US')} new rows`);
    for (let n = 2; seen.left > 0; n++) seen = await visit(`visit ${n}`);
    await visit('next visit, nothing new');
    await append(NEW);
    seen = await visit(`visit after ${NEW.toLocaleString('en-US')} new rows`);

    // The full recomputation, asked for on the page and carried out by a worker.
    const worker = await startWorker(settings, { WORKER_QUEUES: 'audit' }, cleanup);
    const start = performance.now();
    const res = await browser.post('/staff/access-log/verify', { _csrf: field(seen.body, '_csrf') });
    await res.text();
    if (res.status !== 200) throw new Error(`verify: ${res.status}`);
    const asked = performance.now() - start;
    let status = 'running';
    let rows = 0;
    while (status !== 'done') {
      await new Promise((r) => setTimeout(r, 250));
      const [row] = (await admin.query(`SELECT status, rows::int AS rows FROM access_log_verifications WHERE kind = 'full' ORDER BY requested_at DESC LIMIT 1`)).rows as { status: string; rows: number }[];
      ({ status, rows } = row);
      if (performance.now() - start > 600_000) throw new Error(`the recomputation did not finish in 10 minutes (${rows} rows)\n${worker.recentLog()}`);
    }
    console.log(`\nfull recomputation: asked in ${asked.toFixed(0)} ms; ${rows.toLocaleString('en-US')} rows verified by the worker in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    console.log(`\nAPI memory now ${(rssKb(api.pid) / 1024).toFixed(0)} MiB`);
    return 0;
  } finally {
    if (await cleanup.run()) console.log(`cleanup: dropped ${settings.databaseName}, deleted Redis keys ${settings.queuePrefix}:*`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
