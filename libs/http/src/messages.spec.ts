import { fieldMessage, message } from './messages';

const HANGUL = /[\uac00-\ud7a3]/;

/** Every key the API sends; adding a message means adding it here and in both catalogs. */
const REQUEST_KEYS = [
  'request.validation', 'request.invalidJson', 'request.bodyRequired', 'request.tooLarge', 'request.unsupportedMediaType',
  'request.notFound', 'request.methodNotAllowed', 'request.badRequest', 'request.invalidIdempotencyKey',
  'request.idempotencyKeyReused', 'case.notFound', 'case.intakeClosed', 'claim.alreadyExists', 'claim.statusLinkInvalid',
  'server.unavailable', 'server.error', 'case.versionChanged', 'case.versionNotFound', 'case.definitionRejected', 'rescore.notFound',
  'request.unauthorized', 'claim.notAwaitingInformation', 'claim.cured', 'claim.cannotWithdraw', 'claim.withdrawn',
];
const GENERIC_CONSTRAINTS = [
  'isDefined', 'isNotEmpty', 'isString', 'isBoolean', 'isObject', 'isArray', 'isIn', 'isEnum', 'maxLength', 'minLength',
  'arrayMaxSize', 'arrayUnique', 'whitelistValidation', 'nestedValidation', 'plainText', 'isDateString', 'calendarDate', 'equals',
  'notAsked', 'dateRange', 'arrayMinSize', 'consentRequired',
];
/** Field-specific messages, for the constraints that have no generic wording. */
const SPECIFIC: [string, string][] = [
  ['claimant.email', 'deliverableEmail'],
  ['email', 'deliverableEmail'],
  ['emailProof', 'isDefined'],
  ['emailProof', 'emailProof'],
  ['claimant.phone', 'koreanMobile'],
  ['claimant.address.postalCode', 'postalCode'],
  ['claimant.birthDate', 'birthDate'],
  ['consents.version', 'currentVersion'],
  ['signature.mandateVersion', 'currentVersion'],
  ['signature.agreed', 'equals'],
  ['signature.typedName', 'matchesName'],
];
/**
 * Every field of SubmitClaimDto, so each has a label in both languages. A case's questions and
 * consents are labelled by their own wording (the label the caller passes).
 */
const FIELDS = [
  'claimant', 'claimant.name', 'claimant.birthDate', 'claimant.email', 'claimant.phone', 'claimant.address',
  'claimant.address.postalCode', 'claimant.address.line1', 'claimant.address.line2', 'answers', 'consents', 'consents.granted',
  'consents.version', 'signature', 'signature.typedName', 'signature.agreed', 'signature.mandateVersion', 'signature.language',
];

describe('message', () => {
  it.each(REQUEST_KEYS)('has Korean and English text for %s', (key) => {
    const ko = message('ko', key);
    const en = message('en', key);
    expect(ko).toMatch(HANGUL);
    expect(en).not.toBe(key);
    expect(en).not.toMatch(HANGUL);
    expect(en).not.toBe(ko);
  });

  it('returns the key itself for an unknown key rather than nothing', () => {
    expect(message('ko', 'no.such.key')).toBe('no.such.key');
    expect(message('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('fieldMessage', () => {
  it.each(GENERIC_CONSTRAINTS)('has a generic Korean and English message for %s', (constraint) => {
    const ko = fieldMessage('ko', 'claimant.name', constraint);
    const en = fieldMessage('en', 'claimant.name', constraint);
    expect(ko).toMatch(HANGUL);
    expect(en).not.toMatch(HANGUL);
    expect(ko).not.toContain('{label}');
    expect(en).not.toContain('{label}');
    // Not the fallback, unless this is the fallback.
    if (constraint !== 'nestedValidation' && constraint !== 'isObject') {
      expect(ko).not.toBe(fieldMessage('ko', 'claimant.name', 'nestedValidation'));
    }
  });

  it.each(SPECIFIC)('has a specific Korean and English message for %s %s', (field, constraint) => {
    const ko = fieldMessage('ko', field, constraint);
    const en = fieldMessage('en', field, constraint);
    expect(ko).toMatch(HANGUL);
    expect(en).not.toMatch(HANGUL);
    expect(ko).not.toBe(fieldMessage('ko', field, 'nestedValidation'));
    expect(en).not.toBe(fieldMessage('en', field, 'nestedValidation'));
  });

  it.each(FIELDS)('labels %s in both languages', (field) => {
    const unlabelled = field.split('.').pop()!;
    expect(fieldMessage('ko', field, 'isDefined')).not.toBe(`${unlabelled} 항목을 입력해 주세요.`);
    expect(fieldMessage('en', field, 'isDefined')).not.toBe(`${unlabelled} is required.`);
    expect(fieldMessage('ko', field, 'isDefined')).toMatch(/^[\uac00-\ud7a3·0-9 ]+ 항목을 입력해 주세요\.$/);
  });

  it('puts the Korean label into the generic message', () => {
    expect(fieldMessage('ko', 'claimant.name', 'isString')).toBe('이름 항목은 문자열이어야 합니다.');
    expect(fieldMessage('ko', 'claimant.address.line1', 'maxLength')).toBe('기본 주소 항목이 너무 깁니다.');
  });

  it('puts the English label into the generic message', () => {
    expect(fieldMessage('en', 'claimant.name', 'isString')).toBe('Name must be text.');
    expect(fieldMessage('en', 'signature.mandateVersion', 'isString')).toBe('Mandate version must be text.');
  });

  it("uses a case's own wording as the label when given one", () => {
    expect(fieldMessage('ko', 'answers.noticeReceived', 'isDefined', '쿠팡에서 어떤 통지를 받으셨나요?')).toBe('쿠팡에서 어떤 통지를 받으셨나요? 항목을 입력해 주세요.');
    expect(fieldMessage('en', 'answers.learnedOn', 'dateRange', 'When did you first learn of the breach?')).toBe('"When did you first learn of the breach?": enter a date within the allowed period.');
    expect(fieldMessage('ko', 'consents.granted.collection', 'consentRequired', '[필수] 개인정보 수집·이용 동의')).toBe('「[필수] 개인정보 수집·이용 동의」에 동의해야 소송 참여를 신청할 수 있습니다.');
  });

  it('prefers the field-specific message over the generic one', () => {
    expect(fieldMessage('ko', 'claimant.phone', 'koreanMobile')).toBe('휴대전화 번호는 010-1234-5678 형식으로 입력해 주세요.');
    expect(fieldMessage('ko', 'consents.version', 'currentVersion')).not.toBe(fieldMessage('ko', 'consents.version', 'nestedValidation'));
  });

  it('falls back to the generic constraint message with the Korean label', () => {
    expect(fieldMessage('ko', 'claimant.email', 'isString')).toBe('이메일 항목은 문자열이어야 합니다.');
    expect(fieldMessage('ko', 'claimant.phone', 'isDefined')).toBe('휴대전화 번호 항목을 입력해 주세요.');
  });

  it('falls back to the shape message for an unknown constraint', () => {
    expect(fieldMessage('ko', 'claimant.phone', 'someNewConstraint')).toBe('휴대전화 번호 항목의 형식이 올바르지 않습니다.');
    expect(fieldMessage('en', 'claimant.phone', 'someNewConstraint')).toBe('Mobile number has the wrong shape.');
  });

  it('labels an unknown field by its last path segment', () => {
    expect(fieldMessage('ko', 'claimant.nickname', 'isString')).toBe('nickname 항목은 문자열이어야 합니다.');
    expect(fieldMessage('en', 'extra', 'isString')).toBe('extra must be text.');
  });

  it('explains an unknown field without a label', () => {
    expect(fieldMessage('ko', 'claimant.nickname', 'whitelistValidation')).toBe('알 수 없는 항목입니다. 이 항목은 보낼 수 없습니다.');
    expect(fieldMessage('en', 'claimant.nickname', 'whitelistValidation')).toBe('Unknown field: it cannot be sent.');
  });
});
