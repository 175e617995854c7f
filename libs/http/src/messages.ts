import type { Locale } from './locale';

/**
 * Every message the API sends to a person, in both languages. Field messages are looked up
 * by "<field path>.<constraint>" first, then by constraint alone, so the common cases get
 * a specific sentence ("휴대전화 번호는 010-1234-5678 형식으로…") and anything else still
 * gets a clear generic one.
 */
type Catalog = Record<string, string>;

const ko: Catalog = {
  // generic, by constraint
  isDefined: '{label} 항목을 입력해 주세요.',
  isNotEmpty: '{label} 항목을 입력해 주세요.',
  isString: '{label} 항목은 문자열이어야 합니다.',
  isBoolean: '{label} 항목은 예/아니요(true/false) 값이어야 합니다.',
  isObject: '{label} 항목의 형식이 올바르지 않습니다.',
  isArray: '{label} 항목은 목록이어야 합니다.',
  isIn: '{label} 항목은 허용된 값 중 하나여야 합니다.',
  isEnum: '{label} 항목은 허용된 값 중 하나여야 합니다.',
  maxLength: '{label} 항목이 너무 깁니다.',
  minLength: '{label} 항목이 너무 짧습니다.',
  arrayMaxSize: '{label} 항목의 개수가 너무 많습니다.',
  arrayUnique: '{label} 항목에 중복된 값이 있습니다.',
  whitelistValidation: '알 수 없는 항목입니다. 이 항목은 보낼 수 없습니다.',
  nestedValidation: '{label} 항목의 형식이 올바르지 않습니다.',
  plainText: '{label} 항목에 사용할 수 없는 문자가 있습니다.',
  isDateString: '{label} 항목은 YYYY-MM-DD 형식의 날짜여야 합니다.',
  calendarDate: '{label} 항목은 YYYY-MM-DD 형식의 실제 날짜여야 합니다.',
  equals: '{label} 항목에 동의해야 제출할 수 있습니다.',
  notAsked: '「{label}」 질문은 앞의 답변에 따라 묻지 않는 질문입니다. 답을 지워 주세요.',
  dateRange: '「{label}」: 허용된 기간 안의 날짜를 입력해 주세요.',
  arrayMinSize: '「{label}」: 하나 이상 골라 주세요.',
  consentRequired: '「{label}」에 동의해야 소송 참여를 신청할 수 있습니다.',
  // specific
  'claimant.email.deliverableEmail': '이메일 주소를 확인해 주세요. 예: name@example.com (따옴표, 공백, 한글 아이디, 다른 글자와 헷갈리는 도메인은 쓸 수 없습니다)',
  'email.deliverableEmail': '이메일 주소를 확인해 주세요. 예: name@example.com (따옴표, 공백, 한글 아이디, 다른 글자와 헷갈리는 도메인은 쓸 수 없습니다)',
  'emailProof.isDefined': '이메일 주소 확인이 필요합니다. 이메일로 받은 확인 코드를 먼저 입력해 주세요.',
  'emailProof.emailProof': '이메일 주소 확인이 만료되었거나 이 이메일 주소의 것이 아닙니다. 확인 코드를 다시 받아 주세요.',
  'claimant.phone.koreanMobile': '휴대전화 번호는 010-1234-5678 형식으로 입력해 주세요.',
  'claimant.address.postalCode.postalCode': '우편번호는 숫자 5자리입니다.',
  'claimant.birthDate.birthDate': '생년월일은 YYYY-MM-DD 형식으로, 1900년 이후 오늘 이전의 날짜여야 합니다.',
  'consents.version.currentVersion': '동의서 버전이 최신이 아닙니다. 페이지를 새로 고친 뒤 다시 동의해 주세요.',
  'signature.mandateVersion.currentVersion': '위임계약서가 바뀌었습니다. 페이지를 새로 고친 뒤 새 계약서를 읽고 다시 서명해 주세요.',
  'signature.agreed.equals': '소송위임계약서 내용에 동의해야 서명할 수 있습니다.',
  'signature.typedName.matchesName': '서명란의 이름이 신청인 이름과 같아야 합니다.',
  // request-level
  'request.validation': '입력한 내용을 확인해 주세요.',
  'request.invalidJson': '요청 본문이 올바른 JSON 형식이 아닙니다.',
  'request.bodyRequired': '요청 본문이 비어 있습니다.',
  'request.tooLarge': '요청 본문이 너무 큽니다.',
  'request.unsupportedMediaType': '요청 본문은 application/json 형식이어야 합니다.',
  'request.notFound': '요청한 주소를 찾을 수 없습니다.',
  'request.methodNotAllowed': '허용되지 않는 요청 방식입니다.',
  'request.badRequest': '잘못된 요청입니다.',
  'request.invalidIdempotencyKey': 'Idempotency-Key 헤더는 8~100자의 영문, 숫자, -, _ 로만 구성되어야 합니다.',
  'request.idempotencyKeyReused': '같은 Idempotency-Key로 다른 내용의 신청이 이미 접수되었습니다.',
  'request.tooDeep': '요청 본문의 구조가 너무 깊습니다.',
  'request.tooManyKeys': '요청 본문의 항목이 너무 많습니다.',
  'request.duplicateKey': '요청 본문에 같은 항목이 두 번 들어 있습니다.',
  'request.timeout': '요청이 너무 오래 걸려 연결을 끊었습니다. 다시 시도해 주세요.',
  'request.rateLimited': '짧은 시간에 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  'request.proofOfWorkRequired': '보안 확인이 필요합니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
  'request.proofOfWorkInvalid': '보안 확인이 만료되었거나 올바르지 않습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
  'emailCode.sent': '입력한 이메일 주소로 확인 코드를 보냈습니다. 받은 편지함을 확인해 주세요.',
  'emailCode.invalid': '확인 코드가 맞지 않거나 만료되었습니다. 새 코드를 요청해 주세요.',
  'statusLink.sent': '이 이메일 주소로 접수된 신청이 있다면 새 현황 링크를 보내 드렸습니다. 이전 링크는 더 이상 쓸 수 없습니다.',
  'claim.emailProofRequired': '이메일 주소 확인이 필요합니다. 이메일로 받은 확인 코드를 먼저 입력해 주세요.',
  'case.notFound': '해당 소송을 찾을 수 없습니다.',
  'case.versionChanged': '신청서 내용이 방금 바뀌었습니다. 페이지를 새로 고친 뒤 다시 제출해 주세요. 입력한 내용은 저장되지 않았습니다.',
  'case.versionNotFound': '해당 버전의 사건 정의가 없습니다.',
  'claim.notAwaitingInformation': '이 신청은 지금 추가 정보를 기다리고 있지 않습니다. 신청 현황 페이지를 새로 고쳐 확인해 주세요.',
  'claim.cured': '답변을 받았습니다. 신청을 다시 검토합니다.',
  'claim.cannotWithdraw': '이 신청은 이미 종료되어 철회할 수 없습니다.',
  'claim.withdrawn': '소송 참여를 철회했습니다. 확인 이메일을 보내 드렸습니다.',
  'case.definitionRejected': '사건 정의를 저장하지 않았습니다. problems 목록의 항목을 고쳐 주세요.',
  'rescore.notFound': '해당 재평가 작업을 찾을 수 없습니다.',
  'request.unauthorized': '권한이 없습니다.',
  'case.intakeClosed': '이 소송의 참여 신청 기간이 아닙니다.',
  'claim.alreadyExists': '이 이메일 주소로 이미 신청이 접수되어 있습니다. 신청 현황을 확인할 수 있는 링크를 이메일로 보내 드렸습니다.',
  'claim.statusLinkInvalid': '링크가 올바르지 않거나 만료되었습니다. 받은 이메일의 링크를 다시 열어 주세요.',
  'server.unavailable': '일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요. 입력한 내용은 저장되지 않았습니다.',
  'server.error': '처리 중 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.',
};

const en: Catalog = {
  isDefined: '{label} is required.',
  isNotEmpty: '{label} is required.',
  isString: '{label} must be text.',
  isBoolean: '{label} must be true or false.',
  isObject: '{label} has the wrong shape.',
  isArray: '{label} must be a list.',
  isIn: '{label} must be one of the allowed values.',
  isEnum: '{label} must be one of the allowed values.',
  maxLength: '{label} is too long.',
  minLength: '{label} is too short.',
  arrayMaxSize: '{label} has too many entries.',
  arrayUnique: '{label} has duplicate entries.',
  whitelistValidation: 'Unknown field: it cannot be sent.',
  nestedValidation: '{label} has the wrong shape.',
  plainText: '{label} contains characters that are not allowed.',
  isDateString: '{label} must be a date in YYYY-MM-DD form.',
  calendarDate: '{label} must be a real date in YYYY-MM-DD form.',
  equals: 'You must agree to {label} to submit.',
  notAsked: '"{label}" is not asked given your other answers. Remove the answer.',
  dateRange: '"{label}": enter a date within the allowed period.',
  arrayMinSize: '"{label}": choose at least one.',
  consentRequired: 'You must agree to "{label}" to join the suit.',
  'claimant.email.deliverableEmail': 'Check the email address, e.g. name@example.com (no quotes, spaces, non-Latin user names, or domains that imitate other letters).',
  'email.deliverableEmail': 'Check the email address, e.g. name@example.com (no quotes, spaces, non-Latin user names, or domains that imitate other letters).',
  'emailProof.isDefined': 'Your email address needs to be confirmed first: enter the code we emailed you.',
  'emailProof.emailProof': 'The email confirmation has expired or is for another address. Please get a new code.',
  'claimant.phone.koreanMobile': 'Enter a Korean mobile number like 010-1234-5678.',
  'claimant.address.postalCode.postalCode': 'A postal code is 5 digits.',
  'claimant.birthDate.birthDate': 'Date of birth must be YYYY-MM-DD, after 1900 and before today.',
  'consents.version.currentVersion': 'These consent texts are out of date. Reload the page and agree again.',
  'signature.mandateVersion.currentVersion': 'The mandate has changed. Reload the page, read the new one and sign again.',
  'signature.agreed.equals': 'You must agree to the mandate to sign it.',
  'signature.typedName.matchesName': 'The signature must be the same name as the claimant.',
  'request.validation': 'Please check the highlighted fields.',
  'request.invalidJson': 'The request body is not valid JSON.',
  'request.bodyRequired': 'The request body is empty.',
  'request.tooLarge': 'The request body is too large.',
  'request.unsupportedMediaType': 'The request body must be application/json.',
  'request.notFound': 'Nothing is here.',
  'request.methodNotAllowed': 'That method is not allowed here.',
  'request.badRequest': 'Bad request.',
  'request.invalidIdempotencyKey': 'The Idempotency-Key header must be 8 to 100 letters, digits, - or _.',
  'request.idempotencyKeyReused': 'This Idempotency-Key was already used for a different submission.',
  'request.tooDeep': 'The request body is nested too deeply.',
  'request.tooManyKeys': 'The request body has too many fields.',
  'request.duplicateKey': 'The request body has the same field twice.',
  'request.timeout': 'The request took too long and the connection was closed. Please try again.',
  'request.rateLimited': 'Too many requests in a short time. Please try again in a moment.',
  'request.proofOfWorkRequired': 'A security check is needed. Reload the page and try again.',
  'request.proofOfWorkInvalid': 'The security check has expired or is not valid. Reload the page and try again.',
  'emailCode.sent': 'We have sent a confirmation code to that email address. Please check your inbox.',
  'emailCode.invalid': 'The code is wrong or has expired. Please ask for a new one.',
  'statusLink.sent': 'If there is a claim for this email address, we have emailed it a new status link. Earlier links no longer work.',
  'claim.emailProofRequired': 'Your email address needs to be confirmed first: enter the code we emailed you.',
  'case.notFound': 'No such case.',
  'case.versionChanged': 'The form changed a moment ago. Reload the page and submit again. Nothing was saved.',
  'case.versionNotFound': 'No such version of the case definition.',
  'claim.notAwaitingInformation': 'This claim is not waiting for more information. Reload the status page to see where it stands.',
  'claim.cured': 'We have your answers. Your claim will be checked again.',
  'claim.cannotWithdraw': 'This claim has already ended and cannot be withdrawn.',
  'claim.withdrawn': 'You have left the suit. We have emailed you a confirmation.',
  'case.definitionRejected': 'The case definition was not saved. Fix the items listed in problems.',
  'rescore.notFound': 'No such re-scoring run.',
  'request.unauthorized': 'Not authorised.',
  'case.intakeClosed': 'This case is not accepting claims right now.',
  'claim.alreadyExists': 'A claim with this email address already exists. We have emailed you a link to check its status.',
  'claim.statusLinkInvalid': 'This link is invalid or has expired. Open the link from your email again.',
  'server.unavailable': 'The service is briefly unavailable. Please try again in a moment. Nothing was saved.',
  'server.error': 'Something went wrong on our side. Please try again in a moment.',
};

/** Human labels for field paths, used in the generic messages. */
const labels: Record<Locale, Record<string, string>> = {
  ko: {
    claimant: '신청인 정보', 'claimant.name': '이름', 'claimant.birthDate': '생년월일', 'claimant.email': '이메일',
    'claimant.phone': '휴대전화 번호', 'claimant.address': '주소', 'claimant.address.postalCode': '우편번호',
    'claimant.address.line1': '기본 주소', 'claimant.address.line2': '상세 주소', answers: '설문 응답',
    consents: '동의 항목', 'consents.granted': '동의 여부', 'consents.version': '동의서 버전', signature: '서명', 'signature.mandateVersion': '위임계약서 버전', 'signature.language': '위임계약서 언어',
    'signature.typedName': '서명 이름', 'signature.agreed': '위임계약 동의', confirm: '철회 확인', token: '링크', emailProof: '이메일 확인', email: '이메일', code: '확인 코드',
  },
  en: {
    claimant: 'Claimant', 'claimant.name': 'Name', 'claimant.birthDate': 'Date of birth', 'claimant.email': 'Email',
    'claimant.phone': 'Mobile number', 'claimant.address': 'Address', 'claimant.address.postalCode': 'Postal code',
    'claimant.address.line1': 'Address line 1', 'claimant.address.line2': 'Address line 2', answers: 'Answers',
    consents: 'Consents', 'consents.granted': 'Consents given', 'consents.version': 'Consent version', signature: 'Signature', 'signature.mandateVersion': 'Mandate version', 'signature.language': 'Mandate language',
    'signature.typedName': 'Signed name', 'signature.agreed': 'the mandate', confirm: 'the withdrawal', token: 'Link', emailProof: 'Email confirmation', email: 'Email', code: 'Code',
  },
};

const catalogs: Record<Locale, Catalog> = { ko, en };

export function message(locale: Locale, key: string): string {
  return catalogs[locale][key] ?? catalogs.en[key] ?? key;
}

/** The message for one failed constraint on one field. */
export function fieldMessage(locale: Locale, field: string, constraint: string, label = labels[locale][field] ?? field.split('.').pop() ?? field): string {
  const catalog = catalogs[locale];
  const template = catalog[`${field}.${constraint}`] ?? catalog[constraint] ?? catalog.nestedValidation;
  return template.replaceAll('{label}', label);
}
