import { Injectable } from '@nestjs/common';
import { AccessLog, Accessor } from '@app/audit';
import { FieldCipher } from '@app/crypto';
import type { ClaimantEntity } from './entities/claimant.entity';
import type { GuardianEntity } from './entities/guardian.entity';
import type { SignatureEntity } from './entities/signature.entity';

/** The personal fields we hold, by what they are to a person rather than where they sit. */
export const PERSONAL_FIELDS = [
  'name', 'birthDate', 'email', 'phone', 'address', 'signedName', 'signatureIp', 'mandateText', 'guardianName', 'guardianBirthDate', 'guardianPhone',
] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/**
 * What a complaint names a plaintiff by. Intake seals them a second time together, as the
 * claimant's party record (claimants.party_enc, migration 0013), so a plaintiff list opens one
 * value a person instead of three: each opening's cost is the cipher's set-up, not its bytes.
 */
export const PARTY_FIELDS = ['name', 'birthDate', 'address'] as const;
export type PartyField = (typeof PARTY_FIELDS)[number];

/**
 * A person as their party record holds them. The address is the stored address document
 * (postal code and lines) parsed, so a list formats it without parsing it again; a value that
 * was never a document stays the string it is.
 */
export interface Party {
  name: string;
  birthDate: string;
  address: unknown;
}

/** The stored address (a JSON document) as its value; anything else as the text it is. */
function addressDocument(stored: string): unknown {
  try {
    return JSON.parse(stored);
  } catch {
    return stored;
  }
}

export type Sealed<F extends PersonalField> = Record<F, Buffer>;
export type Revealed<F extends PersonalField> = Record<F, string>;

type Envelopes<E, K extends keyof E> = Partial<Pick<E, K>>;

/**
 * A person's stored record: the claimant row and, for the signature fields, the mandate's
 * signature row, each with at least the envelopes of the fields to open.
 */
export interface PersonRecord {
  claimant: Pick<ClaimantEntity, 'id' | 'firmId'> & Envelopes<ClaimantEntity, 'nameEnc' | 'birthDateEnc' | 'emailEnc' | 'phoneEnc' | 'addressEnc' | 'partyEnc'>;
  signature?: Pick<SignatureEntity, 'id'> & Envelopes<SignatureEntity, 'typedNameEnc' | 'ipEnc' | 'documentTextEnc'>;
  /** The legal guardian who signed for a minor, keyed by the claim's id. */
  guardian?: Pick<GuardianEntity, 'claimId'> & Envelopes<GuardianEntity, 'nameEnc' | 'birthDateEnc' | 'phoneEnc'>;
}

type Place =
  | { row: 'claimant'; column: 'nameEnc' | 'birthDateEnc' | 'emailEnc' | 'phoneEnc' | 'addressEnc'; aad: string }
  | { row: 'signature'; column: 'typedNameEnc' | 'ipEnc' | 'documentTextEnc'; aad: string }
  | { row: 'guardian'; column: 'nameEnc' | 'birthDateEnc' | 'phoneEnc'; aad: string };

/**
 * Where each field is stored and the associated data that binds its ciphertext to that row
 * and column (a value copied to another row or column does not decrypt).
 */
const PLACES: Record<PersonalField, Place> = {
  name: { row: 'claimant', column: 'nameEnc', aad: 'name' },
  birthDate: { row: 'claimant', column: 'birthDateEnc', aad: 'birth_date' },
  email: { row: 'claimant', column: 'emailEnc', aad: 'email' },
  phone: { row: 'claimant', column: 'phoneEnc', aad: 'phone' },
  address: { row: 'claimant', column: 'addressEnc', aad: 'address' },
  signedName: { row: 'signature', column: 'typedNameEnc', aad: 'typed_name' },
  signatureIp: { row: 'signature', column: 'ipEnc', aad: 'ip' },
  mandateText: { row: 'signature', column: 'documentTextEnc', aad: 'document_text' },
  guardianName: { row: 'guardian', column: 'nameEnc', aad: 'name' },
  guardianBirthDate: { row: 'guardian', column: 'birthDateEnc', aad: 'birth_date' },
  guardianPhone: { row: 'guardian', column: 'phoneEnc', aad: 'phone' },
};

const aadOf = (field: PersonalField, rowId: string) => `${PLACES[field].row}:${rowId}:${PLACES[field].aad}`;
const partyAad = (claimantId: string) => `claimant:${claimantId}:party`;

/**
 * The one door to personal data. It alone seals values for storage and opens them again,
 * building each value's binding itself, and every opening is written to the access log
 * first: a person's read (staff, the claimant) as a row per person, a system job's as one row
 * per batch. Nothing else in the code base calls FieldCipher.
 */
@Injectable()
export class PersonalData {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * Encrypts a new claimant's fields (no access to record: the person just gave them to us),
   * and their party record: name, birth date and address again, sealed as one value.
   */
  sealClaimant(claimantId: string, values: Revealed<'name' | 'birthDate' | 'email' | 'phone' | 'address'>): Sealed<'name' | 'birthDate' | 'email' | 'phone' | 'address'> & { party: Buffer } {
    return {
      name: this.cipher.encrypt(values.name, aadOf('name', claimantId)),
      birthDate: this.cipher.encrypt(values.birthDate, aadOf('birthDate', claimantId)),
      email: this.cipher.encrypt(values.email, aadOf('email', claimantId)),
      phone: this.cipher.encrypt(values.phone, aadOf('phone', claimantId)),
      address: this.cipher.encrypt(values.address, aadOf('address', claimantId)),
      party: this.sealParty(claimantId, values),
    };
  }

  /** A claimant's party record: name, birth date and address (the stored JSON document) sealed as one value. */
  sealParty(claimantId: string, values: Revealed<PartyField>): Buffer {
    const party: Party = { name: values.name, birthDate: values.birthDate, address: addressDocument(values.address) };
    return this.cipher.encrypt(JSON.stringify(party), partyAad(claimantId));
  }

  sealSignature(signatureId: string, values: Revealed<'signedName' | 'signatureIp' | 'mandateText'>): Sealed<'signedName' | 'signatureIp' | 'mandateText'> {
    return {
      signedName: this.cipher.encrypt(values.signedName, aadOf('signedName', signatureId)),
      signatureIp: this.cipher.encrypt(values.signatureIp, aadOf('signatureIp', signatureId)),
      mandateText: this.cipher.encrypt(values.mandateText, aadOf('mandateText', signatureId)),
    };
  }

  /** A minor's guardian, bound to the claim's id (the guardian row's key). */
  sealGuardian(claimId: string, values: Revealed<'guardianName' | 'guardianBirthDate' | 'guardianPhone'>): Sealed<'guardianName' | 'guardianBirthDate' | 'guardianPhone'> {
    return {
      guardianName: this.cipher.encrypt(values.guardianName, aadOf('guardianName', claimId)),
      guardianBirthDate: this.cipher.encrypt(values.guardianBirthDate, aadOf('guardianBirthDate', claimId)),
      guardianPhone: this.cipher.encrypt(values.guardianPhone, aadOf('guardianPhone', claimId)),
    };
  }

  /** What a person typed into their draft so far, as one sealed document bound to the draft. */
  sealDraft(draftId: string, data: object): Buffer {
    return this.cipher.encrypt(JSON.stringify(data), `claim_draft:${draftId}:data`);
  }

  /**
   * A draft opened for the person it belongs to, behind their own session, to show them the form
   * they are filling in: the data subject reading their own input, not a handler's access, so
   * nothing is logged (as nothing is when they type it).
   */
  openOwnDraft(draftId: string, envelope: Buffer): unknown {
    return JSON.parse(this.cipher.decrypt(envelope, `claim_draft:${draftId}:data`));
  }

  /** The proven address moves from its verification row to the draft, resealed; nobody reads it on the way. */
  moveVerificationEmailToDraft(verificationId: string, emailEnc: Buffer, draftId: string): Buffer {
    const email = this.cipher.decrypt(emailEnc, `email_verification:${verificationId}:email`);
    return this.cipher.encrypt(email, `claim_draft:${draftId}:email`);
  }

  /** The draft's address for the person submitting it (it becomes their claim's address). */
  openOwnDraftEmail(draftId: string, emailEnc: Buffer): string {
    return this.cipher.decrypt(emailEnc, `claim_draft:${draftId}:email`);
  }

  /** Opens drafts' addresses to send them their resume links: recorded as a count, as for verifications. */
  async revealDraftEmails(firmId: string, accessor: Accessor & { kind: 'system' }, rows: { id: string; emailEnc: Buffer }[]): Promise<string[]> {
    if (rows.length === 0) return [];
    await this.accessLog.record(firmId, { accessor, action: 'draft.read', subjects: rows.map((r) => r.id), fields: ['email'] });
    return rows.map((r) => this.cipher.decrypt(r.emailEnc, `claim_draft:${r.id}:email`));
  }

  /** Seals a staff member's internal note on a claim (notes name people), bound to its row. */
  sealNote(noteId: string, body: string): Buffer {
    return this.cipher.encrypt(body, `claim_note:${noteId}:body`);
  }

  /** Opens a claim's internal notes for a staff member, after recording the read against the claimant. */
  async openNotes(firmId: string, accessor: Accessor & { kind: 'staff' }, claimantId: string, notes: { id: string; bodyEnc: Buffer }[]): Promise<string[]> {
    if (notes.length === 0) return [];
    await this.accessLog.record(firmId, { accessor, action: 'notes.read', subjects: [claimantId], fields: ['note'] });
    return notes.map((n) => this.cipher.decrypt(n.bodyEnc, `claim_note:${n.id}:body`));
  }

  /** Encrypts the address an email code is sent to, bound to its verification row. */
  sealVerificationEmail(verificationId: string, email: string): Buffer {
    return this.cipher.encrypt(email, `email_verification:${verificationId}:email`);
  }

  /**
   * Opens the addresses of email verifications (to send their codes), after recording the access:
   * these are not yet anyone's claim, so the record names the count, not people.
   */
  async revealVerificationEmails(firmId: string, accessor: Accessor & { kind: 'system' }, rows: { id: string; emailEnc: Buffer }[]): Promise<string[]> {
    if (rows.length === 0) return [];
    await this.accessLog.record(firmId, { accessor, action: 'verification.read', subjects: rows.map((r) => r.id), fields: ['email'] });
    return rows.map((r) => this.cipher.decrypt(r.emailEnc, `email_verification:${r.id}:email`));
  }

  /**
   * Opens `fields` of each record, after recording the access. All records belong to `firmId`.
   * Results are in the order of `records`. A system job that commits its results right after
   * passes `durable: 'caller-commit'` (see AccessLog.record).
   */
  async reveal<F extends PersonalField>(
    firmId: string,
    accessor: Accessor,
    action: string,
    records: PersonRecord[],
    fields: readonly F[],
    durable: 'own-commit' | 'caller-commit' = 'own-commit',
  ): Promise<Revealed<F>[]> {
    if (records.length === 0) return [];
    if (records.some((r) => r.claimant.firmId !== firmId)) throw new Error('PersonalData.reveal: a record of another firm');
    if (durable === 'caller-commit' && accessor.kind !== 'system') throw new Error('PersonalData.reveal: only a system job may defer durability');
    await this.accessLog.record(firmId, { accessor, action, subjects: records.map((r) => r.claimant.id), fields: [...fields] }, durable);
    return this.open(records, fields);
  }

  /**
   * Opens the party fields (name, birth date, address) of many people for one staff export (a
   * page of a batch's plaintiff list), after recording it as one access-log row that names them
   * all (AccessLog.recordMany): the same record of whose data was read, at a cost per page rather
   * than per person. Each person's party record is one opening; a claimant taken in before there
   * were party records (it is null) has their three columns opened instead.
   */
  async revealParties(firmId: string, accessor: Accessor & { kind: 'staff' }, action: string, records: PersonRecord[]): Promise<Party[]> {
    if (records.length === 0) return [];
    if (records.some((r) => r.claimant.firmId !== firmId)) throw new Error('PersonalData.revealParties: a record of another firm');
    await this.accessLog.recordMany(firmId, { accessor, action, subjects: records.map((r) => r.claimant.id), fields: [...PARTY_FIELDS] });
    // Party records are opened on the cipher's own thread, the page at once, while this one goes on.
    const sealed = records.filter((r) => r.claimant.partyEnc);
    const texts = await this.cipher.decryptMany(sealed.map((r) => ({ envelope: r.claimant.partyEnc!, aad: partyAad(r.claimant.id) })));
    let next = 0;
    return records.map((record) => {
      if (record.claimant.partyEnc) {
        const party = JSON.parse(texts[next++]) as Party;
        return { name: party.name, birthDate: party.birthDate, address: party.address };
      }
      const [fields] = this.open([record], PARTY_FIELDS);
      return { name: fields.name, birthDate: fields.birthDate, address: addressDocument(fields.address) };
    });
  }

  private open<F extends PersonalField>(records: PersonRecord[], fields: readonly F[]): Revealed<F>[] {
    return records.map((record) => {
      const out = {} as Revealed<F>;
      for (const field of fields) {
        const place = PLACES[field];
        const [rowId, envelope] =
          place.row === 'claimant'
            ? [record.claimant.id, record.claimant[place.column]]
            : place.row === 'signature'
              ? [record.signature?.id, record.signature?.[place.column]]
              : [record.guardian?.claimId, record.guardian?.[place.column]];
        if (!rowId || !envelope) throw new Error(`PersonalData.reveal: ${field} was not loaded`);
        out[field] = this.cipher.decrypt(envelope, aadOf(field, rowId));
      }
      return out;
    });
  }
}
