import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appEnv } from './app-env';
import { AppProcess, freePort } from './app-process';
import type { BenchSettings } from './settings';
import type { Cleanup } from './scratch-environment';

/** The run's evidence store and upload temp folder, under the OS temp folder, removed by the cleanup. */
export interface EvidenceFolders {
  root: string;
  evidenceDir: string;
  tmpDir: string;
}

export async function createEvidenceFolders(cleanup: Cleanup): Promise<EvidenceFolders> {
  const root = await mkdtemp(join(tmpdir(), 'claims-bench-web-'));
  cleanup.add('remove evidence folders', () => rm(root, { recursive: true, force: true }));
  const folders = { root, evidenceDir: join(root, 'evidence'), tmpDir: join(root, 'uploads') };
  await mkdir(folders.evidenceDir, { mode: 0o700 });
  await mkdir(folders.tmpDir, { mode: 0o700 });
  return folders;
}

/**
 * What the web benchmark adds to the apps' benchmark settings (app-env.ts): its own SMTP sink,
 * the run's evidence folders, and proof of work at cost 1 (the email page's own challenges too).
 */
export function webSettings(smtpUrl: string, folders: EvidenceFolders): Record<string, string> {
  return { SMTP_URL: smtpUrl, EVIDENCE_STORE: 'local', EVIDENCE_DIR: folders.evidenceDir, EVIDENCE_TMP_DIR: folders.tmpDir, POW_COST: '1' };
}

export async function startApi(settings: BenchSettings, extra: Record<string, string>, cleanup: Cleanup, label = 'api'): Promise<{ api: AppProcess; baseUrl: string }> {
  const port = await freePort();
  const api = AppProcess.start('api', appEnv(settings, { HOST: '127.0.0.1', PORT: String(port), ...extra }));
  cleanup.add(`stop ${label}`, async () => void (await api.stop(5_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await api.waitForHttp(`${baseUrl}/health/live`);
  return { api, baseUrl };
}

/** A worker on every queue (claims, emails, evidence preparation), with its outbox relay. */
export async function startWorker(settings: BenchSettings, extra: Record<string, string>, cleanup: Cleanup): Promise<AppProcess> {
  const healthPort = await freePort();
  const worker = AppProcess.start('worker', appEnv(settings, { WORKER_HEALTH_PORT: String(healthPort), OUTBOX_RELAY_ENABLED: 'true', ...extra }));
  cleanup.add('stop worker', async () => void (await worker.stop(5_000)));
  await worker.waitForHttp(`http://127.0.0.1:${healthPort}/health/live`);
  return worker;
}

/**
 * NODE_ENV=production with keys made for this run only (production refuses the development
 * keys): the case page's comparison run, since outside production the pages' templates are read
 * and compiled again for every request (create-api.ts, @fastify/view's `production`). Nothing
 * personal is read on the pages it serves, so the keys never have to match anything.
 */
export function throwawayProductionKeys(): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  const secret = () => randomBytes(32).toString('hex');
  return {
    NODE_ENV: 'production',
    PII_KEYS: `bench1:${key()}`,
    PII_ACTIVE_KEY_ID: 'bench1',
    EVIDENCE_KEYS: `bench1:${key()}`,
    EVIDENCE_ACTIVE_KEY_ID: 'bench1',
    BLIND_INDEX_KEY: secret(),
    LINK_SIGNING_KEY: secret(),
    POW_HMAC_KEY: secret(),
    COOKIE_SECRET: secret(),
  };
}
