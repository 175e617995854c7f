#!/usr/bin/env node
// `npm run demo:claim [email]`: files the demo claim against the running `npm run dev` the way
// the claimant web does, step by step, printing each request:
//   1. a proof-of-work challenge, solved here (altcha-lib, a second or so of CPU)
//   2. a confirmation code to the email address, read back from the mail catcher's API
//   3. the code exchanged for a proof that we hold the address
//   4. the claim, carrying that proof and a fresh proof of work
// Development only: it reads the code from maildev (http://localhost:1080), which stands in for
// the claimant's inbox.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { solveChallenge } = require('altcha-lib');
const { deriveKey } = require('altcha-lib/algorithms/pbkdf2');

const API = process.env.DEMO_API ?? 'http://localhost:3000';
const MAIL = process.env.DEMO_MAIL ?? 'http://localhost:1080';
const SLUG = 'coupang-2025';
const email = process.argv[2] ?? `demo+${Date.now()}@example.com`;

async function call(method, path, body, headers = {}) {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  console.log(`${method} ${path} -> ${res.status}`);
  if (!res.ok) {
    console.error(JSON.stringify(json, null, 2));
    process.exit(1);
  }
  return json;
}

async function proofOfWork() {
  const started = Date.now();
  const challenge = await call('GET', '/api/challenge');
  const solution = await solveChallenge({ challenge, deriveKey });
  console.log(`  solved the challenge in ${Date.now() - started} ms (counter ${solution.counter})`);
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

async function codeFromMailCatcher(address, sentAfter) {
  for (let i = 0; i < 100; i++) {
    const mails = await (await fetch(`${MAIL}/email`)).json();
    const mail = mails
      .filter((m) => m.to?.some((t) => t.address === address) && new Date(m.date).getTime() >= sentAfter - 1000)
      .map((m) => /(?:확인 코드|Code): (\d{6})/.exec(m.text ?? ''))
      .find(Boolean);
    if (mail) return mail[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code email for ${address} in the mail catcher (${MAIL})`);
}

async function main() {
  const body = JSON.parse(readFileSync(join(__dirname, 'demo-claim.json'), 'utf8'));
  body.claimant.email = email;
  const asked = Date.now();
  const { verificationId } = await call('POST', `/api/cases/${SLUG}/email-codes`, { email }, { 'x-altcha': await proofOfWork() });
  const code = await codeFromMailCatcher(email, asked);
  console.log(`  code ${code} arrived at ${email}`);
  const { emailProof } = await call('POST', `/api/cases/${SLUG}/email-codes/${verificationId}/verify`, { code });
  const claim = await call('POST', `/api/cases/${SLUG}/claims`, { ...body, emailProof }, { 'x-altcha': await proofOfWork(), 'idempotency-key': `demo-${asked}` });
  console.log(JSON.stringify(claim, null, 2));
  console.log(`The receipt with the status link arrives in the mail catcher: ${MAIL}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
