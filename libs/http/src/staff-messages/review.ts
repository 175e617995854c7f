import type { Locale } from '../locale';

/** The review queue, a claim's file, decisions, notes and bulk decisions. */
export const REVIEW_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {
    'claim.notFound': '해당 신청을 찾을 수 없습니다.',
    'review.notDecidable': '이 신청은 지금 상태에서 그 결정을 할 수 없습니다. 다른 담당자가 먼저 처리했을 수 있습니다. 페이지를 새로 고쳐 확인해 주세요.',
    'review.bulkChanged': '확인하신 뒤 대상 신청 수가 바뀌었습니다. 새 건수를 확인하고 다시 실행해 주세요.',
    'review.bulkTooMany': '한 번에 처리할 수 있는 신청은 10,000건까지입니다. 필터를 좁혀 주세요.',
    'review.bulkEmpty': '필터에 맞는 신청이 없습니다.',
    'review.bulkNotFound': '해당 일괄 처리 작업을 찾을 수 없습니다.',
    'cureBy.cureWindow': '제출 기한은 오늘부터 7일 뒤에서 90일 뒤 사이의 날짜(YYYY-MM-DD)여야 합니다.',
    'amountWon.amountRange': '금액은 이 소송의 청구 범위 안이어야 합니다.',
    'amountWon.amountStep': '금액은 이 소송의 반올림 단위에 맞아야 합니다.',
    'amountWon.isInt': '금액은 원 단위의 정수로 입력해 주세요.',
    'code.isIn': '거절 사유를 골라 주세요.',
    'items.arrayMinSize': '요청할 자료를 하나 이상 골라 주세요.',
    'reason.isDefined': '사유를 입력해 주세요.',
    'assigneeId.isIn': '담당자는 이 법인의 변호사나 직원이어야 합니다.',
    'body.isDefined': '메모 내용을 입력해 주세요.',
    'expected.isInt': '확인한 건수가 올바르지 않습니다.',
  },
  en: {
    'claim.notFound': 'No such claim.',
    'review.notDecidable': 'This claim cannot take that decision in its present state. Someone else may have acted on it first; reload the page to see.',
    'review.bulkChanged': 'The number of claims matching changed after you confirmed. Check the new number and run it again.',
    'review.bulkTooMany': 'A bulk decision covers at most 10,000 claims. Narrow the filter.',
    'review.bulkEmpty': 'No claims match this filter.',
    'review.bulkNotFound': 'No such bulk decision.',
    'cureBy.cureWindow': 'The deadline must be a date (YYYY-MM-DD) between 7 and 90 days from today.',
    'amountWon.amountRange': 'The amount must be within this case’s bounds.',
    'amountWon.amountStep': 'The amount must be a multiple of this case’s rounding step.',
    'amountWon.isInt': 'Enter the amount as a whole number of won.',
    'code.isIn': 'Choose a reason for the rejection.',
    'items.arrayMinSize': 'Choose at least one item to ask for.',
    'reason.isDefined': 'Enter a reason.',
    'assigneeId.isIn': 'The assignee must be one of this firm’s attorneys or paralegals.',
    'body.isDefined': 'Write the note.',
    'expected.isInt': 'The confirmed number is not valid.',
  },
};

/** Labels of this area's form fields, for the generic field messages. */
export const REVIEW_LABELS: Record<Locale, Record<string, string>> = {
  ko: { q: '검색어', status: '상태', verdict: '판정', flag: '표시', tier: '유출 정보 등급', from: '접수일(부터)', to: '접수일(까지)', assignee: '담당자', sort: '정렬', after: '페이지', cureBy: '제출 기한', code: '거절 사유', body: '메모', assigneeId: '담당자' },
  en: { q: 'Search', status: 'Status', verdict: 'Verdict', flag: 'Flag', tier: 'Data tier', from: 'Received from', to: 'Received to', assignee: 'Assignee', sort: 'Sort', after: 'Page', cureBy: 'Deadline', code: 'Reason for rejection', body: 'Note', assigneeId: 'Assignee' },
};
