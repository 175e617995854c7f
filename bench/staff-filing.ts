import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_CASE_ID, DEMO_FIRM, DEMO_FIRM_ID } from '@app/cases';
import { AppConfig } from '@app/config';
import { FieldCipher } from '@app/crypto';
import { appEnv } from './app-env';
import { AppProcess, freePort, sleep } from './app-process';
import { CpuWindow, describeCpuUse } from './cpu-window';
import { RssSeries, rssKb as rssNow } from './rss-series';
import { Cleanup, createScratchDatabase, deleteRedisKeys, openAdminPool } from './scratch-environment';
import { readSettings } from './settings';
import { type Browser, field, signedInStaff } from './staff-browser';
import { startWorker } from './web-stack';

/*
 * `npm run build && npm run bench:staff-filing` (BENCH_CLAIMS, default 1,000,000; BENCH_PACK_PLAINTIFFS,
 * default 1,000; BENCH_DATABASE_SERVER, BENCH_REDIS_URL)
 *
 * Seeds N approved claims whose personal fields really decrypt (each sealed for its own row, as
 * the cipher's associated data binds a value to its claimant), plus a second set with complete
 * signature records for a proof pack. Then, through the built API as a signed-in attorney (made
 * through the real invitation pages): builds a batch of the N claims, locks it, and streams its
 * plaintiff list as CSV and as XLSX, printing seconds, bytes and the API's peak memory; then
 * builds a proof-of-mandate pack of the second batch and prints its time and memory each second.
 * Figures only: nothing is asserted about time.
 */

const CLAIMS = positive('BENCH_CLAIMS', 1_000_000);
const PACK = positive('BENCH_PACK_PLAINTIFFS', 1_000);
const SEED_BATCH = 10_000;
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민준', '서연', '도윤', '하은', '시우', '지우', '주원', '서윤', '예준', '지민'];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

/**
 * Approved claims straight into the database as its owner, 10,000 per statement: claimants with
 * name, birth date, phone and address sealed for their own row, claims with an amount in force,
 * and each claim's mandate signature. `full` seals the signature's fields and the mandate's text
 * too (a proof pack opens them) and adds consent records.
 */
async function seedApproved(query: Query, cipher: FieldCipher, total: number, first: number, full: boolean, progress: (n: number) => void): Promise<void> {
  const filler = randomBytes(60);
  const base = Date.parse('2026-01-05T00:00:00Z');
  for (let offset = 0; offset < total; offset += SEED_BATCH) {
    const n = Math.min(SEED_BATCH, total - offset);
    const cols = { claimant: [] as string[], claim: [] as string[], signature: [] as string[], name: [] as Buffer[], birth: [] as Buffer[], party: [] as Buffer[], phone: [] as Buffer[], address: [] as Buffer[], email: [] as Buffer[], typed: [] as Buffer[], ip: [] as Buffer[], text: [] as (Buffer | null)[], sha: [] as Buffer[], number: [] as string[], created: [] as string[], amount: [] as number[] };
    for (let i = 0; i < n; i++) {
      const k = first + offset + i;
      // Time-ordered ids, as intake makes them (uuidv7 at the moment of the claim): claimants and
      // signatures lie in their indexes in the order the batch reads them, as they would in production.
      const at = base + k * 10;
      const claimantId = uuidv7({ msecs: at });
      const signatureId = uuidv7({ msecs: at });
      const name = `${SURNAMES[k % 10]}${GIVEN[Math.floor(k / 10) % 10]}`;
      cols.claimant.push(claimantId);
      cols.claim.push(uuidv7({ msecs: at }));
      cols.signature.push(signatureId);
      const birthDate = `19${50 + (k % 50)}-0${1 + (k % 9)}-1${k % 10}`;
      const address = { postalCode: String(10_000 + (k % 89_999)), line1: `서울특별시 강남구 테헤란로 ${k % 500}`, line2: `${k % 30}층` };
      cols.name.push(cipher.encrypt(name, `claimant:${claimantId}:name`));
      cols.birth.push(cipher.encrypt(birthDate, `claimant:${claimantId}:birth_date`));
      // The party record as PersonalData.sealParty writes it: the address as the document itself.
      cols.party.push(cipher.encrypt(JSON.stringify({ name, birthDate, address }), `claimant:${claimantId}:party`));
      cols.phone.push(cipher.encrypt(`010${String(10_000_000 + (k % 89_999_999)).padStart(8, '0')}`, `claimant:${claimantId}:phone`));
      cols.address.push(cipher.encrypt(JSON.stringify(address), `claimant:${claimantId}:address`));
      cols.email.push(full ? cipher.encrypt(`plaintiff${k}@example.com`, `claimant:${claimantId}:email`) : filler);
      const text = `소송위임계약서\n위임인: ${name}\n\n위임인은 쿠팡 개인정보 유출 사건의 손해배상청구 소송을 수임인에게 위임합니다. (${k})`;
      cols.typed.push(full ? cipher.encrypt(name, `signature:${signatureId}:typed_name`) : filler);
      cols.ip.push(full ? cipher.encrypt(`203.0.113.${k % 250}`, `signature:${signatureId}:ip`) : filler);
      cols.text.push(full ? cipher.encrypt(text, `signature:${signatureId}:document_text`) : null);
      cols.sha.push(createHash('sha256').update(text).digest());
      cols.number.push(`BF-${String(k).padStart(9, '0')}`);
      cols.created.push(new Date(at).toISOString());
      cols.amount.push(200_000 + (k % 5) * 30_000);
    }
    await query(
      `INSERT INTO claimants (id, firm_id, case_id, name_enc, birth_date_enc, email_enc, phone_enc, address_enc, party_enc, email_hash, phone_hash, created_at)
       SELECT t.id, $1, $2, t.name, t.birth, t.email, t.phone, t.address, t.party, decode(md5(t.id::text) || md5(t.id::text || 'e'), 'hex'), decode(md5(t.id::text) || md5(t.id::text || 'p'), 'hex'), t.created
         FROM unnest($3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[], $10::timestamptz[]) AS t(id, name, birth, email, phone, address, party, created)`,
      [DEMO_FIRM_ID, DEMO_CASE_ID, cols.claimant, cols.name, cols.birth, cols.email, cols.phone, cols.address, cols.party, cols.created],
    );
    await query(
      `INSERT INTO claims (id, firm_id, case_id, claimant_id, claim_number, status, answers, locale, case_version, estimate_won, verdict, created_at, decided_at)
       SELECT t.id, $1, $2, t.claimant, t.number, 'approved', '{}', 'ko', 1, t.amount, 'eligible', t.created, t.created
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::timestamptz[]) AS t(id, claimant, number, amount, created)`,
      [DEMO_FIRM_ID, DEMO_CASE_ID, cols.claim, cols.claimant, cols.number, cols.amount, cols.created],
    );
    await query(
      `INSERT INTO signatures (id, claim_id, firm_id, document_kind, document_version, document_language, document_sha256, typed_name_enc, signed_at, ip_enc, ip_hash, user_agent, document_text_enc)
       SELECT t.id, t.claim, $1, 'mandate', 'coupang-2025.mandate.v1', 'ko', t.sha, t.typed, t.created, t.ip, t.sha, 'Mozilla/5.0 (bench)', t.text
         FROM unnest($2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[], $8::timestamptz[]) AS t(id, claim, sha, typed, ip, text, created)`,
      [DEMO_FIRM_ID, cols.signature, cols.claim, cols.sha, cols.typed, cols.ip, cols.text, cols.created],
    );
    if (full) {
      await query(
        `INSERT INTO consents (claim_id, firm_id, purpose, granted, version, text_sha256, text_language, at)
         SELECT t.claim, $1, p.purpose, p.purpose <> 'marketing', 'coupang-2025.consents.v1', decode(md5(p.purpose) || md5(p.purpose), 'hex'), 'ko', t.created
           FROM unnest($2::uuid[], $3::timestamptz[]) AS t(claim, created) CROSS JOIN (VALUES ('collection'), ('third_party'), ('marketing')) AS p(purpose)`,
        [DEMO_FIRM_ID, cols.claim, cols.created],
      );
    }
    progress(offset + n);
  }
}

/** Streams a download to nowhere, counting bytes; seconds to the last byte. */
async function download(browser: Browser, path: string, fields: Record<string, string>): Promise<{ seconds: number; bytes: number; status: number }> {
  const started = performance.now();
  const res = await browser.post(path, fields);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { seconds: (performance.now() - started) / 1000, bytes, status: res.status };
}

const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

async function main(): Promise<number> {
  const settings = readSettings();
  const cleanup = new Cleanup();
  try {
    console.log(`staff filing benchmark: ${CLAIMS.toLocaleString('en-US')} plaintiffs in one batch, a ${PACK.toLocaleString('en-US')}-plaintiff proof pack; database ${settings.databaseName}`);
    cleanup.add('delete Redis keys', async () => void (await deleteRedisKeys(settings.redisUrl, settings.queuePrefix)));
    await createScratchDatabase(settings.databaseUrl, settings.appDatabaseUrl, cleanup);
    const admin = openAdminPool(settings.databaseUrl, cleanup);
    const query: Query = (sql, params) => admin.query(sql, params);
    const config = new AppConfig();
    const cipher = FieldCipher.fromConfig(config.PII_KEYS, config.PII_ACTIVE_KEY_ID);

    const seedStart = performance.now();
    await seedApproved(query, cipher, CLAIMS, 0, false, (n) => {
      if (n % 100_000 === 0 || n === CLAIMS) console.log(`  ${n.toLocaleString('en-US')} claims seeded (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    });
    await seedApproved(query, cipher, PACK, CLAIMS, true, () => undefined);
    for (const table of ['claimants', 'claims', 'signatures']) await query(`VACUUM ANALYZE ${table}`);
    console.log(`seeded ${(CLAIMS + PACK).toLocaleString('en-US')} approved claims in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // As deployed: the API's own idle limit (10 s); adding and locking a million go to the worker.
    const apiEnv = appEnv(settings, { HOST: '127.0.0.1', PORT: String(port) });
    const api = AppProcess.start('api', apiEnv);
    cleanup.add('stop api', async () => void (await api.stop(10_000)));
    await api.waitForHttp(`${baseUrl}/health/live`);
    await startWorker(settings, { WORKER_QUEUES: 'filing' }, cleanup);
    const origin = new URL(config.PUBLIC_BASE_URL).origin;

    // An admin from the command line, who invites an attorney through the accounts page.
    const { browser: attorney } = await signedInStaff(baseUrl, origin, apiEnv, 'attorney', '벤치 변호사');
    const csrf = field((await attorney.get('/staff/batches')).body, '_csrf');

    // Work past the request's limits runs in the worker (batch_jobs): wait until the batch has none running.
    const untilJobsDone = async (batchId: string, what: string) => {
      for (let i = 0; ; i++, await sleep(250)) {
        const [{ n }] = (await query(`SELECT count(*)::int AS n FROM batch_jobs WHERE batch_id = $1 AND status = 'running'`, [batchId])).rows as { n: number }[];
        if (n === 0) return;
        if (i > 2_400) throw new Error(`${what}: the batch job did not finish in 10 minutes`);
      }
    };
    const makeBatch = async (name: string, size: number) => {
      const created = await attorney.post('/staff/batches', { _csrf: csrf, caseId: DEMO_CASE_ID, name });
      if (created.status !== 303) throw new Error(`create batch: ${created.status} ${(await created.text()).slice(0, 300)}`);
      const id = /\/staff\/batches\/([0-9a-f-]{36})/.exec(created.headers.get('location')!)![1];
      const t0 = performance.now();
      const added = await attorney.post(`/staff/batches/${id}/add`, { _csrf: csrf, limit: String(size) });
      const addAnswer = performance.now() - t0;
      if (added.status !== 200) throw new Error(`add: ${added.status}`);
      await added.text();
      await untilJobsDone(id, 'add');
      const addSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const locked = await attorney.post(`/staff/batches/${id}/lock`, { _csrf: csrf });
      const lockAnswer = performance.now() - t1;
      if (locked.status !== 200) throw new Error(`lock: ${locked.status} ${(await locked.text()).slice(0, 300)}`);
      await locked.text();
      await untilJobsDone(id, 'lock');
      const [batch] = (await query(`SELECT status, plaintiffs FROM filing_batches WHERE id = $1`, [id])).rows as { status: string; plaintiffs: number }[];
      if (batch.status !== 'locked' || batch.plaintiffs !== size) throw new Error(`batch "${name}" is ${batch.status} with ${batch.plaintiffs} plaintiffs, not locked with ${size}`);
      console.log(
        `batch "${name}": added ${size.toLocaleString('en-US')} claims in ${addSeconds.toFixed(1)} s (request answered in ${addAnswer.toFixed(0)} ms), ` +
          `locked (list hash over all) in ${((performance.now() - t1) / 1000).toFixed(1)} s (request answered in ${lockAnswer.toFixed(0)} ms)`,
      );
      return id;
    };
    const big = await makeBatch('1차 벤치', CLAIMS);
    const small = await makeBatch('2차 벤치 증빙', PACK);

    console.log(`API memory before the exports: ${mib(rssNow(api.pid))}`);
    const reason = { _csrf: csrf, reason: '벤치마크: 원고 목록 스트리밍 측정' };
    for (const kind of ['plaintiffs-csv', 'plaintiffs-xlsx'] as const) {
      const rss = new RssSeries(api.pid);
      const cpu = new CpuWindow(api.pid, null);
      const got = await download(attorney, `/staff/batches/${big}/export/${kind}`, reason);
      const used = cpu.stop();
      const summary = rss.stop();
      // The record is completed just after the last byte leaves: give it a moment.
      let record: { rows: number | null; finished: boolean } | undefined;
      for (let i = 0; i < 50 && !record?.finished; i++, await sleep(100)) {
        [record] = (await query(`SELECT rows, finished_at IS NOT NULL AS finished FROM export_records WHERE batch_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`, [big, kind])).rows;
      }
      console.log(`== ${kind}: ${CLAIMS.toLocaleString('en-US')} rows, ${(got.bytes / 1e6).toFixed(1)} MB in ${got.seconds.toFixed(1)} s (status ${got.status}; recorded rows ${record?.rows}, finished ${record?.finished})`);
      console.log(`   API memory: peak ${mib(summary.peakKb)}, settled ${mib(summary.secondHalfMedianKb)}, second-half drift ${mib(summary.secondHalfDriftKb)}; targets < 30 s, < 300 MB`);
      console.log(`   ${describeCpuUse(used)}`);
    }
    const [log] = (
      await query(
        `SELECT count(*)::int AS n, COALESCE(sum(subject_count), 0)::int AS people,
                (SELECT count(*)::int FROM access_log_subjects s JOIN access_log l ON l.id = s.access_log_id WHERE l.action = 'plaintiffs.export') AS named
           FROM access_log WHERE action = 'plaintiffs.export'`,
      )
    ).rows;
    console.log(`   access log: ${log.n.toLocaleString('en-US')} chained rows (one per page) covering ${log.people.toLocaleString('en-US')} reads, ${log.named.toLocaleString('en-US')} people named in access_log_subjects, for the two lists`);

    const rss = new RssSeries(api.pid);
    const pack = await download(attorney, `/staff/batches/${small}/export/proof-pack`, { ...reason, reason: '벤치마크: 위임 증빙 묶음 측정' });
    const summary = rss.stop();
    console.log(`== proof pack: ${PACK.toLocaleString('en-US')} plaintiffs, ${(pack.bytes / 1e6).toFixed(1)} MB in ${pack.seconds.toFixed(1)} s (status ${pack.status})`);
    console.log(`   API memory per second (MiB): ${summary.perSecondKb.map((kb) => (kb / 1024).toFixed(0)).join(' ')}`);
    console.log(`   peak ${mib(summary.peakKb)}, second-half drift ${mib(summary.secondHalfDriftKb)} (flat means memory does not grow with plaintiffs)`);
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
