import { DEMO_CASE_SLUG } from '@app/cases';
import { FieldCipher } from '@app/crypto';
import { FirmScope } from '@app/database';
import { ClaimsRepository } from '../../libs/claimants/src/claims.repository';
import { PersonalData } from '../../libs/claimants/src/personal-data';
import { validClaim } from './claim-fixture';
import { submitClaim } from './http';
import type { PageClient } from './page-client';
import type { TestStack } from './test-app';

export interface ApprovedClaim {
  claimId: string;
  claimNumber: string;
  claimantId: string;
  name: string;
  amountWon: number;
}

let nextAddress = 1;

/**
 * Claims filed through the API (as a claimant's browser would) and then approved the one way a
 * status changes, ClaimsRepository.moveStatuses (submitted → screened → approved, an event each),
 * with an amount in force, as the review's decision would leave them.
 */
export async function approvedClaims(stack: TestStack, firmId: string, names: string[], options: { caseSlug?: string; amountWon?: number } = {}): Promise<ApprovedClaim[]> {
  const made: ApprovedClaim[] = [];
  for (const [i, name] of names.entries()) {
    const res = await submitClaim(stack.api, validClaim({ name }), { 'x-forwarded-for': `198.51.100.${nextAddress++ % 250}` }, options.caseSlug ?? DEMO_CASE_SLUG);
    if (res.status !== 201) throw new Error(`claim not filed: ${res.status} ${JSON.stringify(res.body)}`);
    const amountWon = (options.amountWon ?? 300_000) + i * 10_000;
    await stack.query(`UPDATE claims SET estimate_won = $2 WHERE id = $1`, [res.body.claimId, amountWon]);
    const [row] = await stack.query(`SELECT claim_number AS "claimNumber", claimant_id AS "claimantId" FROM claims WHERE id = $1`, [res.body.claimId]);
    made.push({ claimId: res.body.claimId, claimNumber: row.claimNumber, claimantId: row.claimantId, name, amountWon });
  }
  await moveAll(stack, firmId, made.map((c) => c.claimId), 'submitted', 'screened');
  await moveAll(stack, firmId, made.map((c) => c.claimId), 'screened', 'approved');
  return made;
}

/** Moves claims through the status machine, as a decision or a withdrawal would. */
export async function moveAll(stack: TestStack, firmId: string, claimIds: string[], from: Parameters<ClaimsRepository['moveStatuses']>[1][number]['from'], to: Parameters<ClaimsRepository['moveStatuses']>[1][number]['to']): Promise<void> {
  const claims = stack.api.get(ClaimsRepository);
  const moved = await stack.api.get(FirmScope).run(firmId, (tx) => claims.moveStatuses(tx, claimIds.map((claimId) => ({ claimId, from, to })), 'test', `test: ${to}`));
  if (moved.length !== claimIds.length) throw new Error(`moved ${moved.length} of ${claimIds.length} from ${from} to ${to}`);
}

/**
 * Replaces a claimant's stored name with `name`, sealed through the one door as intake would
 * (intake's own validation refuses such names; an older import or a later edit might not), in
 * both places intake writes it: the name column and the party record, which keeps the stored
 * birth date and address.
 */
export async function storeName(stack: TestStack, claim: ApprovedClaim, name: string): Promise<void> {
  const [row] = await stack.query(`SELECT birth_date_enc AS "birthDateEnc", address_enc AS "addressEnc" FROM claimants WHERE id = $1`, [claim.claimantId]);
  const cipher = stack.api.get(FieldCipher);
  const birthDate = cipher.decrypt(row.birthDateEnc, `claimant:${claim.claimantId}:birth_date`);
  const address = cipher.decrypt(row.addressEnc, `claimant:${claim.claimantId}:address`);
  const sealed = stack.api.get(PersonalData).sealClaimant(claim.claimantId, { name, birthDate, email: 'x@example.com', phone: '010-0000-0000', address });
  await stack.query(`UPDATE claimants SET name_enc = $2, party_enc = $3 WHERE id = $1`, [claim.claimantId, sealed.name, sealed.party]);
  claim.name = name;
}

export interface FileReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  bytes: Buffer;
  text: string;
}

/** A form post from a signed-in console page whose answer is a file: the bytes as sent. */
export async function postForFile(stack: TestStack, client: PageClient, url: string, fields: Record<string, string>): Promise<FileReply> {
  const res = await stack.api.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://claims.test',
      'sec-fetch-site': 'same-origin',
    },
    payload: new URLSearchParams(fields).toString(),
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
}

/**
 * The email-code verification that proved a claimant's address before intake, as the
 * email-code flow leaves it (the test helpers sign the proof directly, skipping the row).
 */
export async function recordEmailVerification(stack: TestStack, claim: ApprovedClaim): Promise<{ verificationId: string }> {
  const [row] = await stack.query(
    `INSERT INTO email_verifications (id, firm_id, case_id, email_hash, email_enc, locale, created_at, expires_at, verified_at)
     SELECT gen_random_uuid(), c.firm_id, c.case_id, c.email_hash, '\\x00'::bytea, 'ko', cl.created_at - interval '2 minutes', cl.created_at + interval '1 hour', cl.created_at - interval '1 minute'
       FROM claims cl JOIN claimants c ON c.id = cl.claimant_id WHERE cl.id = $1
     RETURNING id AS "verificationId"`,
    [claim.claimId],
  );
  return row;
}
