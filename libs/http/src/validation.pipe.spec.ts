import { HttpStatus, type ArgumentMetadata } from '@nestjs/common';
import { demoClaimBody } from '@app/cases';
import { AddressDto, ClaimantDto, SubmitClaimDto } from '@app/claimants';
import { ApiException } from './api-exception';
import { StrictValidationPipe } from './validation.pipe';

const BODY: ArgumentMetadata = { type: 'body', metatype: SubmitClaimDto, data: '' };

/** A valid claim body: the demo claim, with a proof of the email's ownership (checked later, by the use case). */
const validClaim = () => ({ ...demoClaimBody({ email: 'claimant-7f3a@example.com', phone: '010-1234-5678' }), emailProof: 'a-signed-proof' });
type Claim = ReturnType<typeof validClaim>;

const pipe = new StrictValidationPipe();
const transform = (value: unknown, metadata: ArgumentMetadata = BODY) => pipe.transform(value, metadata);

/** The exception the pipe throws for `value`; fails the test if it does not throw one. */
async function rejection(value: unknown): Promise<ApiException> {
  const error = await transform(value).then(
    () => { throw new Error('expected the body to be rejected'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  return error as ApiException;
}
const edited = (edit: (claim: Claim) => void) => {
  const claim = validClaim();
  edit(claim);
  return claim;
};

describe('StrictValidationPipe with SubmitClaimDto', () => {
  it('passes a valid body through as a SubmitClaimDto instance', async () => {
    const result = await transform(validClaim());
    expect(result).toBeInstanceOf(SubmitClaimDto);
    expect((result as SubmitClaimDto).claimant).toBeInstanceOf(ClaimantDto);
    expect((result as SubmitClaimDto).claimant.address).toBeInstanceOf(AddressDto);
    expect(result).toEqual(expect.objectContaining(validClaim()));
  });

  it('accepts a body without the optional address line 2', async () => {
    await expect(transform(edited((c) => delete (c.claimant.address as { line2?: string }).line2))).resolves.toBeInstanceOf(SubmitClaimDto);
  });

  describe('unknown fields', () => {
    it('refuses an unknown top-level field', async () => {
      const error = await rejection({ ...validClaim(), isAdmin: true });
      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(error.messageKey).toBe('request.validation');
      expect(error.fieldErrors).toEqual([{ field: 'isAdmin', code: 'whitelistValidation' }]);
    });

    it('refuses an unknown nested field at its dotted path', async () => {
      const error = await rejection(edited((c) => Object.assign(c.claimant, { nickname: 'minji' })));
      expect(error.fieldErrors).toEqual([{ field: 'claimant.nickname', code: 'whitelistValidation' }]);
    });

    it('refuses an unknown field two levels down', async () => {
      const error = await rejection(edited((c) => Object.assign(c.claimant.address, { country: 'KR' })));
      expect(error.fieldErrors).toEqual([{ field: 'claimant.address.country', code: 'whitelistValidation' }]);
    });

    it('reports every unknown field', async () => {
      const error = await rejection(edited((c) => {
        Object.assign(c, { extra: 1 });
        Object.assign(c.signature, { ip: '1.2.3.4' });
      }));
      expect(error.fieldErrors).toEqual(expect.arrayContaining([
        { field: 'extra', code: 'whitelistValidation' },
        { field: 'signature.ip', code: 'whitelistValidation' },
      ]));
      expect(error.fieldErrors).toHaveLength(2);
    });
  });

  describe('wrong values', () => {
    it.each([
      ['a number for the name', (c: Claim) => Object.assign(c.claimant, { name: 12345 }), 'claimant.name', 'isString'],
      ['a string for "agreed"', (c: Claim) => Object.assign(c.signature, { agreed: 'true' }), 'signature.agreed', 'equals'],
      ['a string for a nested object', (c: Claim) => Object.assign(c.claimant, { address: '서울' }), 'claimant.address', 'isObject'],
      ['an array for a nested object', (c: Claim) => Object.assign(c, { consents: [] }), 'consents', 'isObject'],
      ['a missing field', (c: Claim) => delete (c.claimant as Partial<Claim['claimant']>).phone, 'claimant.phone', 'isDefined'],
      ['a null nested object', (c: Claim) => Object.assign(c, { signature: null }), 'signature', 'isDefined'],
      ['a landline', (c: Claim) => Object.assign(c.claimant, { phone: '02-123-4567' }), 'claimant.phone', 'koreanMobile'],
      ['a bad email', (c: Claim) => Object.assign(c.claimant, { email: 'not-an-email' }), 'claimant.email', 'deliverableEmail'],
      ['a quoted local part', (c: Claim) => Object.assign(c.claimant, { email: '"bomb.target"@example.net' }), 'claimant.email', 'deliverableEmail'],
      ['a 4-digit postal code', (c: Claim) => Object.assign(c.claimant.address, { postalCode: '1234' }), 'claimant.address.postalCode', 'postalCode'],
      ['an impossible birth date', (c: Claim) => Object.assign(c.claimant, { birthDate: '1990-02-30' }), 'claimant.birthDate', 'birthDate'],
      ['a future birth date', (c: Claim) => Object.assign(c.claimant, { birthDate: '2999-01-01' }), 'claimant.birthDate', 'birthDate'],
      ['consents given as a list', (c: Claim) => Object.assign(c.consents, { granted: ['collection'] }), 'consents.granted', 'isObject'],
      ['answers given as a list', (c: Claim) => Object.assign(c, { answers: ['leak'] }), 'answers', 'isObject'],
      ['no mandate version', (c: Claim) => delete (c.signature as Partial<Claim['signature']>).mandateVersion, 'signature.mandateVersion', 'isDefined'],
      ['a mandate language that is not offered', (c: Claim) => Object.assign(c.signature, { language: 'ja' }), 'signature.language', 'isIn'],
      ['a bidi override in the address', (c: Claim) => Object.assign(c.claimant.address, { line1: '서울\u202E152' }), 'claimant.address.line1', 'plainText'],
      ['digits in the signed name', (c: Claim) => Object.assign(c.signature, { typedName: '김민지1' }), 'signature.typedName', 'plainText'],
      ['an over-long name', (c: Claim) => Object.assign(c.claimant, { name: '김'.repeat(51) }), 'claimant.name', 'maxLength'],
    ])('reports %s at its field', async (_, edit, field, code) => {
      const error = await rejection(edited(edit));
      expect(error.messageKey).toBe('request.validation');
      expect(error.fieldErrors).toContainEqual({ field, code });
      expect(error.fieldErrors.every((e) => e.field === field)).toBe(true);
    });

    it('does not convert types implicitly', async () => {
      const error = await rejection(edited((c) => Object.assign(c.claimant.address, { postalCode: 6236 })));
      expect(error.fieldErrors).toEqual([{ field: 'claimant.address.postalCode', code: 'postalCode' }, { field: 'claimant.address.postalCode', code: 'isString' }]);
    });
  });

  describe('bodies that are not objects', () => {
    it.each([undefined, null, ''])('asks for a body when it is %j', async (value) => {
      const error = await rejection(value);
      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(error.messageKey).toBe('request.bodyRequired');
      expect(error.fieldErrors).toEqual([]);
    });

    it.each([[[]], [[validClaim()]], ['claim'], [42], [true]])('reports %j at field $', async (value) => {
      const error = await rejection(value);
      expect(error.messageKey).toBe('request.validation');
      expect(error.fieldErrors).toEqual([{ field: '$', code: 'isObject' }]);
    });

    it('reports every missing section of an empty object', async () => {
      const error = await rejection({});
      expect(error.fieldErrors.filter((e) => e.code === 'isDefined').map((e) => e.field)).toEqual(['emailProof', 'claimant', 'answers', 'consents', 'signature']);
    });
  });

  describe('privacy', () => {
    const SECRET = 'zq-secret-7730';
    const serialised = (error: ApiException) => JSON.stringify({ ...error, message: error.message, stack: error.stack });

    it.each([
      ['an invalid email', (c: Claim) => Object.assign(c.claimant, { email: `${SECRET}@@example` })],
      ['an invalid phone', (c: Claim) => Object.assign(c.claimant, { phone: `010-${SECRET}` })],
      ['a too-long address', (c: Claim) => Object.assign(c.claimant.address, { line1: SECRET.repeat(30) })],
      ['an unknown field', (c: Claim) => Object.assign(c.claimant, { nickname: SECRET })],
      ['a wrongly typed nested object', (c: Claim) => Object.assign(c.claimant, { address: SECRET })],
      ['an over-long mandate version', (c: Claim) => Object.assign(c.signature, { mandateVersion: SECRET.repeat(10) })],
    ])('never repeats the submitted value of %s', async (_, edit) => {
      const error = await rejection(edited(edit));
      expect(error.fieldErrors.length).toBeGreaterThan(0);
      expect(serialised(error)).not.toContain(SECRET);
    });

    it('does not repeat the valid personal data sent alongside an error', async () => {
      const error = await rejection(edited((c) => Object.assign(c.signature, { agreed: 'yes' })));
      const text = serialised(error);
      for (const value of ['김민지', 'claimant-7f3a@example.com', '010-1234-5678', '테헤란로', '1990-03-15']) {
        expect(text).not.toContain(value);
      }
    });
  });

  describe('what it leaves alone', () => {
    it('passes through parameters that are not the body', async () => {
      const value = { anything: true };
      await expect(transform(value, { type: 'query', metatype: SubmitClaimDto, data: '' })).resolves.toBe(value);
      await expect(transform(value, { type: 'param', metatype: SubmitClaimDto, data: 'id' })).resolves.toBe(value);
    });

    it.each([undefined, String, Object, Array])('passes through a body typed %p', async (metatype) => {
      const value = { anything: true };
      await expect(transform(value, { type: 'body', metatype: metatype as ArgumentMetadata['metatype'], data: '' })).resolves.toBe(value);
    });
  });
});
