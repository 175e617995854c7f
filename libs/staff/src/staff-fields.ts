import { Injectable } from '@nestjs/common';
import { FieldCipher } from '@app/crypto';

type Field = 'email' | 'name' | 'totp_secret';

/**
 * Seals and opens a staff account's fields (email, name, TOTP secret), each bound to its row and
 * column like a claimant's. Staff read their own; claimants' data goes through PersonalData.
 */
@Injectable()
export class StaffFields {
  constructor(private readonly cipher: FieldCipher) {}

  seal(staffId: string, field: Field, value: string): Buffer {
    return this.cipher.encrypt(value, `staff:${staffId}:${field}`);
  }

  open(staffId: string, field: Field, envelope: Buffer): string {
    return this.cipher.decrypt(envelope, `staff:${staffId}:${field}`);
  }
}
