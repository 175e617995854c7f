import { readdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { FirmScope, TenantDirectory } from '@app/database';
import { QueueRegistry, Reconciler } from '@app/queue';
import { PageClient } from '../support/page-client';
import { solvedChallenge } from '../support/protection';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * A draft left unsubmitted is kept no longer than the form said: past its expiry the
 * reconciler finds it and a job deletes it with its uploads (rows and bytes) and the emails
 * about it. A submitted draft, or one still within its time, is left alone.
 */
describe('expired drafts', () => {
  let stack: TestStack;
  const reconciler = () => new Reconciler(stack.api.get(FirmScope), stack.api.get(TenantDirectory), stack.api.get(QueueRegistry), { intervalMs: 60_000, staleAfterSeconds: 1, limit: 100 });

  beforeAll(async () => {
    stack = await TestStack.start({ worker: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function draftWithUpload(): Promise<string> {
    const client = new PageClient(stack.api);
    const email = `expiring-${randomBytes(4).toString('hex')}@example.com`;
    const asked = await client.post('/c/coupang-2025/join/email', { email, altcha: Object.values(await solvedChallenge(stack.api))[0], lang: 'ko' });
    const verificationId = /v=([0-9a-f-]+)/.exec(asked.location!)![1];
    const mail = await stack.smtp.waitFor((m) => [m.to].flat().some((a) => a?.text.includes(email)) && /\d{6}/.test(m.subject ?? ''));
    await client.post('/c/coupang-2025/join/code', { verificationId, code: /(\d{6})/.exec(mail.subject ?? '')![1], lang: 'ko' });
    await client.post('/c/coupang-2025/join/consents', { lang: 'ko', 'consent.collection': 'yes', 'consent.third_party': 'yes' });
    await client.post('/c/coupang-2025/join/identity', {
      lang: 'ko', filer: 'self', 'claimant.name': '윤지호', 'claimant.birthDate': '1991-01-01', 'claimant.phone': '010-5555-6666',
      'claimant.address.postalCode': '06236', 'claimant.address.line1': '서울특별시 강남구 테헤란로 152',
    });
    await client.post('/c/coupang-2025/join/questions', {
      lang: 'ko', 'q.noticeReceived': 'leak', 'q.exposedData': 'name_email', 'q.secondaryHarm': 'no', 'q.voucherUsed': 'no', 'q.otherRepresentation': 'no', 'q.usResident': 'no', 'q.learnedOn': '2025-12-01',
    });
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888888' } }).png().toBuffer();
    expect((await client.upload('/c/coupang-2025/join/evidence/files', { lang: 'ko', kind: 'breach_notice' }, { name: 'n.png', type: 'image/png', bytes: png })).status).toBe(303);
    const [draft] = await stack.query(`SELECT d.id FROM claim_drafts d JOIN evidence_files f ON f.owner_id = d.id ORDER BY d.created_at DESC LIMIT 1`);
    // Prepared (thumbnail stored too), so both objects must go.
    await waitFor('the upload prepared', async () => (await stack.query(`SELECT 1 FROM evidence_files WHERE owner_id = $1 AND status = 'ready'`, [draft.id])).length > 0);
    return draft.id;
  }

  it('deletes an expired draft with its uploads and emails, and leaves a live one alone', async () => {
    const expired = await draftWithUpload();
    const live = await draftWithUpload();
    const filesBefore = (await filesUnder(stack.config.EVIDENCE_DIR)).length;
    expect(filesBefore).toBe(4);
    await stack.query(`UPDATE claim_drafts SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired]);
    // Expired just now: within the reconciler's grace it is left for the next pass.
    await new Promise((r) => setTimeout(r, 1_100));

    expect((await reconciler().pass())['drafts past their expiry']).toBe(1);
    await waitFor('the draft deleted', async () => (await stack.query(`SELECT 1 FROM claim_drafts WHERE id = $1`, [expired])).length === 0, 20_000);
    expect(await stack.query(`SELECT count(*)::int AS n FROM evidence_files WHERE owner_id = $1`, [expired])).toEqual([{ n: 0 }]);
    expect(await stack.query(`SELECT count(*)::int AS n FROM notifications WHERE draft_id = $1`, [expired])).toEqual([{ n: 0 }]);
    await waitFor('its bytes deleted', async () => (await filesUnder(stack.config.EVIDENCE_DIR)).length === 2);
    // The live draft keeps everything.
    expect(await stack.query(`SELECT count(*)::int AS n FROM evidence_files WHERE owner_id = $1`, [live])).toEqual([{ n: 1 }]);
    expect((await reconciler().pass())['drafts past their expiry']).toBe(0);
  });
});
