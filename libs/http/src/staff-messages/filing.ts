import type { Locale } from '../locale';

/** Batches (filing rounds) and exports: plaintiff lists and proof-of-mandate packs. */
export const FILING_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {
    'batch.notFound': '해당 차수를 찾을 수 없습니다.',
    'batch.notOpen': '이 차수는 이미 잠겼습니다. 잠긴 차수에는 신청을 추가하거나 뺄 수 없습니다.',
    'batch.notLocked': '이 작업은 차수를 잠근 뒤에 할 수 있습니다.',
    'batch.empty': '원고가 없는 차수는 잠글 수 없습니다. 승인된 신청을 먼저 추가해 주세요.',
    'batch.claimNotFound': '해당 신청을 찾을 수 없습니다.',
    'batch.busy': '이 차수에서 신청 추가나 잠금 작업이 진행 중입니다. 작업이 끝난 뒤 다시 시도해 주세요.',
    'export.busy': '지금 다른 원고 목록을 내려받는 중이라 더 받을 수 없습니다. 잠시 후 다시 시도해 주세요.',
    'reason.isNotEmpty': '내려받는 사유를 적어 주세요. 개인정보가 들어 있는 파일은 사유를 기록해야 내려받을 수 있습니다.',
    'reason.minLength': '사유를 조금 더 구체적으로 적어 주세요 (5자 이상).',
    'reason.maxLength': '사유는 500자 이하로 적어 주세요.',
    'limit.batchLimit': '최대 건수는 1부터 1,000,000 사이의 숫자로 적어 주세요.',
    'caseId.isIn': '사건을 골라 주세요.',
  },
  en: {
    'batch.notFound': 'No such batch.',
    'batch.notOpen': 'This batch is locked. No claim can be added to or removed from a locked batch.',
    'batch.notLocked': 'Lock the batch first.',
    'batch.empty': 'A batch without plaintiffs cannot be locked. Add approved claims first.',
    'batch.claimNotFound': 'No such claim.',
    'batch.busy': 'Claims are being added to this batch, or it is being locked. Try again when that is done.',
    'export.busy': 'Other plaintiff lists are being downloaded right now. Please try again in a moment.',
    'reason.isNotEmpty': 'Give the reason for this download. Files with personal data are downloaded only with a recorded reason.',
    'reason.minLength': 'Please say a little more (at least 5 characters).',
    'reason.maxLength': 'Keep the reason to 500 characters.',
    'limit.batchLimit': 'Enter a number from 1 to 1,000,000.',
    'caseId.isIn': 'Choose a case.',
  },
};

/** Labels of this area's form fields, for the generic field messages. */
export const FILING_LABELS: Record<Locale, Record<string, string>> = {
  ko: { limit: '최대 건수', caseId: '사건' },
  en: { limit: 'At most', caseId: 'Case' },
};
