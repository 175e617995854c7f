/**
 * Solves the server's proof-of-work challenge (ALTCHA v2, PBKDF2) with WebCrypto, exactly as
 * altcha-lib's solveChallenge does (node_modules/altcha-lib/dist/esm/v2/pow.js), whose
 * key derivation needs node:crypto and so cannot run in a browser: the password is the nonce's
 * bytes followed by the counter as a big-endian uint32, the salt is the salt's bytes, and the
 * first counter from 0 whose derived key starts with keyPrefix wins. No DOM: unit-tested in Node.
 */

export interface ChallengeParameters {
  algorithm: string;
  nonce: string;
  salt: string;
  cost: number;
  keyLength?: number;
  keyPrefix: string;
  [other: string]: unknown;
}

export interface Challenge {
  parameters: ChallengeParameters;
  signature?: string;
}

export interface Solution {
  counter: number;
  derivedKey: string;
  time: number;
}

export interface SolveOptions {
  /** Derivations in flight at once (WebCrypto runs them off the main thread). */
  parallel?: number;
  /** Gives up (null) after this long, as altcha-lib does after 90 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const HASHES: Record<string, string> = { 'PBKDF2/SHA-256': 'SHA-256', 'PBKDF2/SHA-384': 'SHA-384', 'PBKDF2/SHA-512': 'SHA-512' };
/** altcha-lib's 'uint32' counter mode (its default, and the server's). */
const MAX_COUNTER = 0xffffffff;
const COUNTER_BYTES = 4;
/** Let the page paint and take input at least this often. */
const YIELD_EVERY_MS = 100;

export async function solveChallenge(challenge: Challenge, options: SolveOptions = {}): Promise<Solution | null> {
  const { algorithm, nonce, salt, cost, keyLength = 32, keyPrefix } = challenge.parameters;
  const hash = HASHES[algorithm];
  if (!hash) throw new Error(`unsupported proof-of-work algorithm: ${String(algorithm)}`);
  if (typeof keyPrefix !== 'string' || !/^[0-9a-fA-F]+$/.test(keyPrefix) || keyPrefix.length > keyLength * 2) {
    throw new Error('keyPrefix must be a non-empty hex string no longer than the key');
  }
  const subtle = globalThis.crypto.subtle;
  const nonceBytes = hexToBytes(nonce);
  const saltBytes = hexToBytes(salt);
  // Even-length prefixes are compared as bytes, odd-length ones as lower-case hex (as altcha-lib does).
  const prefixBytes = keyPrefix.length % 2 === 0 ? hexToBytes(keyPrefix) : null;
  const prefixHex = keyPrefix.toLowerCase();
  const parallel = Math.max(1, Math.floor(options.parallel ?? 4));
  const timeoutMs = options.timeoutMs ?? 90_000;

  const derive = async (counter: number): Promise<Uint8Array> => {
    const password = new Uint8Array(nonceBytes.length + COUNTER_BYTES);
    password.set(nonceBytes, 0);
    new DataView(password.buffer).setUint32(nonceBytes.length, counter, false);
    const key = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash, salt: saltBytes, iterations: cost }, key, keyLength * 8));
  };
  const matches = (key: Uint8Array): boolean => (prefixBytes ? startsWith(key, prefixBytes) : bytesToHex(key).startsWith(prefixHex));

  const start = performance.now();
  let lastYield = start;
  for (let first = 0; first <= MAX_COUNTER; first += parallel) {
    if (options.signal?.aborted || performance.now() - start > timeoutMs) return null;
    const counters: number[] = [];
    for (let c = first; c < first + parallel && c <= MAX_COUNTER; c++) counters.push(c);
    const keys = await Promise.all(counters.map(derive));
    // In counter order, so the answer is the one a sequential search finds.
    const hit = keys.findIndex(matches);
    if (hit !== -1) return { counter: counters[hit], derivedKey: bytesToHex(keys[hit]), time: Math.floor((performance.now() - start) * 10) / 10 };
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  return null;
}

/** What the server reads (the x-altcha header, or the form's `altcha` field): base64 of the UTF-8 JSON. */
export function encodePayload(challenge: Challenge, solution: Solution): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify({ challenge, solution }))) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
