import net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApi } from '../../apps/api/src/create-api';
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

/**
 * A raw client that uploads a file as a phone on a slow network does: the headers, then the
 * multipart body a little every 300 ms. With `pieces` it finishes after that many; without, it
 * never does. Resolves with everything the server sent once the connection closes.
 */
function slowUpload(port: number, path: string, pieces?: number): Promise<string> {
  const boundary = 'slow-upload-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const piece = 'x'.repeat(100);
  const length = pieces === undefined ? 10_000_000 : Buffer.byteLength(head) + pieces * piece.length + Buffer.byteLength(tail);
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  socket.on('connect', () => {
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: claims.test\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n${head}`,
    );
    let sent = 0;
    const trickle = setInterval(() => {
      if (!socket.writable) return clearInterval(trickle);
      if (pieces !== undefined && sent === pieces) {
        clearInterval(trickle);
        socket.write(tail);
        return;
      }
      socket.write(piece);
      sent += 1;
    }, 300);
    socket.on('close', () => clearInterval(trickle));
  });
  return new Promise((resolve) => socket.on('close', () => resolve(received)));
}

/** An HTTP answer as text: status line, headers (lower case) and body. */
function parseAnswer(raw: string): { status: string; headers: Record<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [status, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status, headers, body: rest.join('\r\n\r\n') };
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

  it('answers a slow JSON body with 408 in the one format and closes the connection, though the server allows uploads longer', async () => {
    // The stack's upload limit is the default 120 s, so Node's own request timeout cannot be what cuts this off.
    expect(stack.config.HTTP_UPLOAD_TIMEOUT_SECONDS).toBeGreaterThan(60);
    const { closed } = slowSender(port());
    const answer = parseAnswer(await closed);
    expect(answer.status).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ statusCode: 408, code: 'request.timeout', message: expect.stringMatching(/[가-힣]/) });
  });

  describe('bodies the pages take: forms and uploads', () => {
    // An app with a stand-in for the upload and form routes to come (none exists yet), on the
    // stack's database: 2 s for a body, 8 s for an upload.
    let app: NestFastifyApplication;
    let appPort = 0;

    beforeAll(async () => {
      app = await createApi(stack.configWith({ HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_UPLOAD_TIMEOUT_SECONDS: '8', HTTP_IDLE_TIMEOUT_SECONDS: '2' }));
      const fastify = app.getHttpAdapter().getInstance();
      fastify.post('/upload-probe', async (request) => {
        const file = await request.file();
        let bytes = 0;
        for await (const chunk of file!.file) bytes += (chunk as Buffer).length;
        return { bytes };
      });
      // Takes the file in, then works on it longer than the idle timeout, as a busy server resizing a photo does.
      fastify.post('/slow-upload-probe', async (request) => {
        const file = await request.file();
        let bytes = 0;
        for await (const chunk of file!.file) bytes += (chunk as Buffer).length;
        await new Promise((r) => setTimeout(r, 3_500));
        return { bytes };
      });
      fastify.post('/form-probe', async (request) => ({ body: request.body }));
      await app.listen(0, '127.0.0.1');
      appPort = Number(new URL(await app.getUrl()).port);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lets an upload take longer than a request may, and cuts it off with 408 at the upload limit', async () => {
      const [finished, endless] = await Promise.all([
        // About 4.5 s of trickling, past the 2 s any other body gets.
        slowUpload(appPort, '/upload-probe', 15),
        slowUpload(appPort, '/upload-probe'),
      ]);
      const done = parseAnswer(finished);
      expect(done.status).toBe('HTTP/1.1 200 OK');
      expect(JSON.parse(done.body)).toEqual({ bytes: 1500 });

      const cut = parseAnswer(endless);
      expect(cut.status).toBe('HTTP/1.1 408 Request Timeout');
      expect(cut.headers.connection).toBe('close');
      expect(JSON.parse(cut.body)).toEqual({ statusCode: 408, code: 'request.timeout', message: expect.stringMatching(/[가-힣]/) });
    });

    it('does not close an upload\'s connection while the server is still working on the file', async () => {
      // The body arrives at once; the answer comes 3.5 s later, past the 2 s idle timeout.
      const answer = parseAnswer(await slowUpload(appPort, '/slow-upload-probe', 0));
      expect(answer.status).toBe('HTTP/1.1 200 OK');
      expect(JSON.parse(answer.body)).toEqual({ bytes: 0 });
    });

    it('reads a form flat, a repeated name as a list, and refuses a form with too many fields or a prototype key', async () => {
      const post = (payload: string) => app.inject({ method: 'POST', url: '/form-probe', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
      const form = await post('q.exposedData=phone&q.exposedData=address&name=%ED%99%8D%EA%B8%B8%EB%8F%99&empty=');
      expect(form.json()).toEqual({ body: { 'q.exposedData': ['phone', 'address'], name: '홍길동', empty: '' } });

      // 10,000 fields in 20 kB (under the body limit): counted and refused before any is decoded.
      const many = await post('f&'.repeat(10_000));
      expect({ status: many.statusCode, body: many.json() }).toEqual({ status: 400, body: { statusCode: 400, code: 'request.tooManyKeys', message: expect.any(String) } });
      expect((await post('f=1&'.repeat(10_000))).statusCode).toBe(413);
      const proto = await post('__proto__=1&a=2');
      expect({ status: proto.statusCode, code: proto.json().code }).toEqual({ status: 400, code: 'request.badRequest' });
    });

    it('keeps the JSON API to JSON: a form or an upload there is 415', async () => {
      for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await app.inject({ method: 'POST', url: '/api/cases/coupang-2025/claims', headers: { 'content-type': contentType }, payload: 'a=1' });
        expect({ contentType, status: res.statusCode, code: res.json().code }).toEqual({ contentType, status: 415, code: 'request.unsupportedMediaType' });
      }
    });
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
