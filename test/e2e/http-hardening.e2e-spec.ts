import net from 'node:net';
import { BlindIndex } from '@app/crypto';
import { validClaim } from '../support/claim-fixture';
import { inject, submitClaim } from '../support/http';
import { TestStack } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** A raw client that sends a request's headers, promises a body, and trickles it a byte at a time. */
function slowSender(port: number): { socket: net.Socket; closed: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('connect', () => {
    socket.write('POST /api/cases/coupang-2025/claims HTTP/1.1\r\nHost: claims.test\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n{');
    const trickle = setInterval(() => (socket.writable ? socket.write(' ') : clearInterval(trickle)), 300);
    socket.on('close', () => clearInterval(trickle));
  });
  return { socket, closed };
}

/** The HTTP layer under hostile clients: slow bodies, floods of connections, forged addresses, odd JSON and URLs. */
describe('HTTP hardening', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_IDLE_TIMEOUT_SECONDS: '2' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const port = () => Number(new URL(stack.baseUrl).port);

  it('cuts off hundreds of slow senders with 408 and stays healthy meanwhile', async () => {
    const senders = Array.from({ length: 300 }, () => slowSender(port()));
    await waitFor('the senders to connect', async () => senders.every((s) => !s.socket.connecting));
    // While they hold their connections, the API answers others.
    expect((await fetch(`${stack.baseUrl}/health/live`)).status).toBe(200);
    expect((await submitClaim(stack.api, validClaim())).status).toBe(201);
    // Each trickles a byte every 300 ms, well inside the idle timeout: only the request timeout can end it.
    const answers = await Promise.race([
      Promise.all(senders.map((s) => s.closed)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow senders were not cut off')), 30_000)),
    ]);
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 408')).length).toBe(300);
    expect((await fetch(`${stack.baseUrl}/health/live`)).status).toBe(200);
  });

  it('drops connections beyond the cap, and serves again when the others are gone', async () => {
    // A long idle timeout, so only the cap can close anything here.
    const capped = await TestStack.start({ env: { HTTP_MAX_CONNECTIONS: '50', HTTP_IDLE_TIMEOUT_SECONDS: '60' } });
    try {
      const cappedPort = Number(new URL(capped.baseUrl).port);
      const open = (count: number) =>
        Array.from({ length: count }, () => {
          const socket = net.connect(cappedPort, '127.0.0.1');
          socket.on('error', () => undefined);
          return socket;
        });
      const held = open(50);
      await waitFor('fifty connections to be open', async () => held.every((s) => !s.connecting));
      const extra = open(10);
      await waitFor('the ten over the cap to be dropped', async () => extra.every((s) => s.destroyed || s.closed));
      expect(held.filter((s) => s.destroyed || s.closed)).toHaveLength(0);
      // A newcomer is turned away while the cap is reached ...
      await expect(fetch(`${capped.baseUrl}/health/live`)).rejects.toThrow();
      // ... and served once the idle connections go.
      for (const s of held) s.destroy();
      await waitFor('the API to serve again', async () => (await fetch(`${capped.baseUrl}/health/live`).catch(() => null))?.status === 200);
    } finally {
      await capped.stop();
    }
  });

  it('records the connecting address, not X-Forwarded-For, unless the proxy is trusted', async () => {
    const ipOf = async (claimId: string) => {
      const [row] = await stack.query(`SELECT encode(submitted_ip_hash, 'hex') AS hash FROM claims WHERE id = $1`, [claimId]);
      return row.hash;
    };
    const index = stack.api.get(BlindIndex);
    const forged = await submitClaim(stack.api, validClaim(), { 'x-forwarded-for': '6.6.6.6' });
    expect(forged.status).toBe(201);
    expect(await ipOf(forged.body.claimId)).toBe(index.hash('ip', '127.0.0.1').toString('hex'));

    const behindProxy = await TestStack.start({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const forwarded = await submitClaim(behindProxy.api, validClaim(), { 'x-forwarded-for': '203.0.113.9' });
      const [row] = await behindProxy.query(`SELECT encode(submitted_ip_hash, 'hex') AS hash FROM claims WHERE id = $1`, [forwarded.body.claimId]);
      expect(row.hash).toBe(index.hash('ip', '203.0.113.9').toString('hex'));
    } finally {
      await behindProxy.stop();
    }
  });

  describe('JSON the validators never see', () => {
    const counts = async () => (await stack.query(`SELECT (SELECT count(*) FROM claims)::int AS claims, (SELECT count(*) FROM outbox)::int AS outbox`))[0];

    it.each([
      ['nested 1,500 deep', `{"claimant":${'['.repeat(1500)}${']'.repeat(1500)}}`, 'request.tooDeep'],
      ['with too many keys', `{${Array.from({ length: 250 }, (_, i) => `"k${i}":1`).join(',')}}`, 'request.tooManyKeys'],
      ['with a key twice', JSON.stringify(validClaim()).replace(/^\{/, '{"claimant":{},'), 'request.duplicateKey'],
    ])('answers a body %s with 400, writing nothing', async (_what, raw, code) => {
      const before = await counts();
      const res = await submitClaim(stack.api, raw);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      expect(res.body.message).toMatch(/[가-힣]/);
      expect(await counts()).toEqual(before);
    });
  });

  it('sends security headers, and keeps everything but the public case facts out of caches', async () => {
    const page = await inject(stack.api, 'GET', '/status?token=nothing');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    for (const url of ['/status?token=x', '/api/claims/status?token=x', '/api/challenge', '/health/ready']) {
      expect({ url, cache: (await inject(stack.api, 'GET', url)).headers['cache-control'] }).toEqual({ url, cache: 'no-store' });
    }
    const created = await submitClaim(stack.api, validClaim());
    expect(created.headers['cache-control']).toBe('no-store');
    expect((await inject(stack.api, 'GET', '/api/cases/coupang-2025')).headers['cache-control']).toBe('public, max-age=30');
  });

  it.each([
    ['a broken URL encoding', '/api/cases/%E0%A4%A/claims', 400],
    ['an over-long parameter', `/api/cases/${'x'.repeat(300)}/claims`, 400],
    ['an unknown path', '/api/nothing-here/<script>', 404],
  ])('answers %s in the one format and language, echoing nothing', async (_what, url, status) => {
    for (const language of ['ko', 'en']) {
      const res = await inject(stack.api, 'POST', url, {}, { 'accept-language': language });
      expect(res.status).toBe(status);
      expect(res.headers['content-language']).toBe(language);
      expect(res.body).toEqual({ statusCode: status, code: expect.stringMatching(/^request\./), message: expect.any(String) });
      expect(res.body.message).toMatch(language === 'ko' ? /[가-힣]/ : /^[\x20-\x7e]+$/);
      expect(JSON.stringify(res.body)).not.toMatch(/%E0|xxxxx|script|nothing-here/i);
    }
  });
});
