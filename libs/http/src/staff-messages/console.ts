import type { Locale } from '../locale';

/** Sign-in and accounts: what the API tells a lawyer or paralegal, and the console's field labels. */
export const CONSOLE_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {
    'staff.signInRequired': '로그인이 필요합니다. 다시 로그인해 주세요.',
    'staff.signInRefused': '이메일 또는 비밀번호가 맞지 않습니다. 여러 번 틀리면 계정이 잠시 잠깁니다.',
    'staff.codeRefused': '인증 코드가 맞지 않습니다. 인증 앱의 현재 코드나 복구 코드를 입력해 주세요.',
    'staff.invitationInvalid': '초대 링크가 만료되었거나 이미 사용되었습니다. 관리자에게 새 링크를 요청해 주세요.',
    'staff.emailTaken': '이 이메일 주소로 된 직원 계정이 이미 있습니다.',
    'staff.forbidden': '이 작업을 할 권한이 없습니다.',
    'staff.csrf': '요청을 확인할 수 없습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
    'staff.accountNotFound': '해당 직원 계정을 찾을 수 없습니다.',
    'staff.lastAdmin': '활성 관리자가 한 명은 있어야 합니다. 다른 관리자를 먼저 지정해 주세요.',
    'password.tooShort': '비밀번호는 12자 이상이어야 합니다. 기억하기 쉬운 여러 단어를 이어 쓰는 방법을 권합니다.',
    'password.tooLong': '비밀번호는 128자 이하여야 합니다.',
    'password.common': '너무 흔하거나 추측하기 쉬운 비밀번호입니다. 다른 비밀번호를 골라 주세요.',
    'code.staff.codeRefused': '인증 코드가 맞지 않습니다. 인증 앱에 지금 보이는 6자리 코드를 입력해 주세요.',
    'email.staffEmail': '이메일 주소를 확인해 주세요. 예: name@example.com',
  },
  en: {
    'staff.signInRequired': 'Please sign in.',
    'staff.signInRefused': 'That email address and password do not match. After several failures the account is locked for a while.',
    'staff.codeRefused': 'That code is not right. Enter the current code from your authenticator app, or a recovery code.',
    'staff.invitationInvalid': 'This invitation link has expired or has been used. Ask an administrator for a new one.',
    'staff.emailTaken': 'There is already a staff account with this email address.',
    'staff.forbidden': 'You do not have permission to do this.',
    'staff.csrf': 'This request could not be verified. Reload the page and try again.',
    'staff.accountNotFound': 'No such staff account.',
    'staff.lastAdmin': 'The firm must keep one active administrator. Make someone else an administrator first.',
    'password.tooShort': 'Use at least 12 characters. Several words strung together are easy to remember.',
    'password.tooLong': 'Use at most 128 characters.',
    'password.common': 'That password is too common or easy to guess. Choose another.',
    'code.staff.codeRefused': 'That code is not right. Enter the 6 digits your authenticator app shows now.',
    'email.staffEmail': 'Check the email address, for example name@example.com.',
  },
};

export const CONSOLE_LABELS: Record<Locale, Record<string, string>> = {
  ko: { password: '비밀번호', name: '이름', role: '역할', reason: '사유', note: '메모', deadline: '기한', items: '요청 항목', amountWon: '금액' },
  en: { password: 'Password', name: 'Name', role: 'Role', reason: 'Reason', note: 'Note', deadline: 'Deadline', items: 'Items requested', amountWon: 'Amount' },
};
