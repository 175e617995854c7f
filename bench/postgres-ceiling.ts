import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_CASE_ID, DEMO_DEFINITION, textHashes } from '@app/cases';
import { NewClaim, SUBMIT_CLAIM_SQL, submitClaimParams } from '@app/claimants';
import { AppConfig } from '@app/config';
import { FieldCipher, normaliseKoreanMobile } from '@app/crypto';
import { BENCH_USER_AGENT, claimBody, clientAddress } from './claim-body';
import { LoadResult, LoadWindow, runForFixedTime } from './fixed-time-load';

/** Distinct payloads to cycle through; enough that rows do not repeat in any visible way. */
const PAYLOAD_POOL_SIZE = 1024;

type Payload = Pick<NewClaim, 'sealed' | 'requestFingerprint'>;

/**
 * Claims as the API would build them for benchmark claimants, minus the API's own work
 * (validation, encryption, hashing). The bulky per-row values (encrypted fields, fingerprint)
 * are random bytes of exactly the size the API's envelopes have, generated up front and
 * cycled; only what must be unique (ids, claim number, email hash) is made per row, which
 * costs microseconds against the milliseconds of the insert.
 */
class RawClaims {
  private readonly payloads: Payload[];
  private readonly fixed: Omit<NewClaim, 'claimId' | 'claimantId' | 'signatureId' | 'claimNumber' | 'sealed' | 'requestFingerprint' | 'emailHash' | 'phoneHash' | 'submittedIpHash' | 'signedAt'>;
  private count = 0;

  constructor() {
    // The API runs with the default (development) keys, so its envelopes have this key id.
    const config = new AppConfig();
    const cipher = FieldCipher.fromConfig(config.PII_KEYS, config.PII_ACTIVE_KEY_ID);
    const sizeOf = (plaintext: string) => cipher.encrypt(plaintext, 'size').length;
    const body = claimBody(12_345_678);
    const { claimant } = body;
    const sizes = {
      name: sizeOf(claimant.name),
      birthDate: sizeOf(claimant.birthDate),
      email: sizeOf(claimant.email),
      phone: sizeOf(normaliseKoreanMobile(claimant.phone)),
      address: sizeOf(JSON.stringify(claimant.address)),
      party: sizeOf(JSON.stringify({ name: claimant.name, birthDate: claimant.birthDate, address: JSON.stringify(claimant.address) })),
      typedName: sizeOf(body.signature.typedName),
      ip: sizeOf(clientAddress(12_345_678)),
      // The mandate as shown, with the principal's details: about its template's size plus a header.
      mandateText: sizeOf(DEMO_DEFINITION.mandate.text.ko) + 200,
    };
    this.payloads = Array.from({ length: PAYLOAD_POOL_SIZE }, () => ({
      sealed: {
        name: randomBytes(sizes.name),
        birthDate: randomBytes(sizes.birthDate),
        email: randomBytes(sizes.email),
        phone: randomBytes(sizes.phone),
        address: randomBytes(sizes.address),
        party: randomBytes(sizes.party),
        typedName: randomBytes(sizes.typedName),
        ip: randomBytes(sizes.ip),
        mandateText: randomBytes(sizes.mandateText),
      },
      requestFingerprint: randomBytes(32),
    }));

    const hashes = textHashes(DEMO_DEFINITION);
    this.fixed = {
      caseId: DEMO_CASE_ID,
      locale: 'ko',
      answers: body.answers as NewClaim['answers'],
      idempotencyKey: null,

      // The demo case's first version, as `npm run seed` activates it on a fresh database.
      caseVersion: 1,
      questionnaireVersion: DEMO_DEFINITION.questionnaire.version,
      language: 'ko',
      consentVersion: DEMO_DEFINITION.consents.version,
      consents: DEMO_DEFINITION.consents.items.map(({ purpose, required }) => ({
        purpose,
        granted: required,
        textSha256: hashes.consentSha256[purpose].ko,
      })),
      mandateVersion: DEMO_DEFINITION.mandate.version,
      mandateSha256: hashes.mandateSha256.ko,
      userAgent: BENCH_USER_AGENT,
      signer: 'claimant',
      guardian: null,
    };
  }

  next(): NewClaim {
    const n = this.count++;
    // Unique email hash (constraint), phone hash (unique phones) and IP hash (an address per
    // claimant, as the API sees them through the trusted proxy).
    const hashes = randomBytes(96);
    return {
      ...this.fixed,
      ...this.payloads[n % PAYLOAD_POOL_SIZE],
      claimId: uuidv7(),
      claimantId: uuidv7(),
      signatureId: uuidv7(),
      claimNumber: `CP-${n}`,
      emailHash: hashes.subarray(0, 32),
      phoneHash: hashes.subarray(32, 64),
      submittedIpHash: hashes.subarray(64),
      signedAt: new Date(),
    };
  }
}

export interface CeilingResult extends LoadResult {
  errors: Map<string, number>;
}

/**
 * The raw-Postgres ceiling: the API's own one-statement intake write (the same submit_claim()
 * call as the same named prepared statement, as the same claims_app role under row-level
 * security), from `connections` connections
 * in closed loops, with no HTTP, validation or encryption in the way.
 */
export async function measureCeiling(databaseUrl: string, connections: number, window: LoadWindow): Promise<CeilingResult> {
  const rows = new RawClaims();
  const pool = new Pool({ connectionString: databaseUrl, max: connections, application_name: 'claims-bench-ceiling' });
  pool.on('error', () => undefined); // an idle connection dropping is not this phase's concern
  const errors = new Map<string, number>();
  try {
    const result = await runForFixedTime(connections, window, async () => {
      try {
        await pool.query({ name: 'submit-claim-v5', text: SUBMIT_CLAIM_SQL, values: submitClaimParams(rows.next()) });
        return true;
      } catch (error) {
        const key = error instanceof Error ? error.message : String(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
        return false;
      }
    });
    return { ...result, errors };
  } finally {
    await pool.end();
  }
}

