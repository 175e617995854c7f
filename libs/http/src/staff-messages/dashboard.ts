import type { Locale } from '../locale';

/** The dashboard, the weekly report and the access log's page and monthly review. */
export const DASHBOARD_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {
    'dashboard.caseNotFound': '해당 사건을 찾을 수 없습니다. 사건 목록에서 다시 골라 주세요.',
    'dashboard.noCases': '이 법무법인에는 아직 사건이 없습니다.',
    'accessReview.alreadyRecorded': '이 달의 열람 기록 점검은 이미 기록되었습니다. 기록된 점검은 고칠 수 없습니다.',
    'week.mondayDate': '주는 그 주 월요일의 날짜(YYYY-MM-DD)로 지정해 주세요.',
    'staff.isUuid': '직원 계정을 목록에서 골라 주세요.',
    'claimant.isUuid': '신청인 ID는 UUID 형식(예: 0190f5a0-0000-7000-8000-000000000001)이어야 합니다.',
    'action.accessLogAction': '작업 이름은 claimant.read 같은 형식이어야 합니다.',
    'claim.claimNumber': '신청 번호를 확인해 주세요. 예: CP-1234-5678-9',
    'claim.claimNotFound': '이 신청 번호의 신청이 없습니다.',
    'after.cursor': '페이지 위치가 올바르지 않습니다. 첫 페이지부터 다시 보세요.',
    'to.dateOrder': '끝 날짜는 시작 날짜와 같거나 뒤여야 합니다.',
    'month.reviewMonth': '점검할 달은 이번 달이나 지난달이어야 합니다.',
    'month.alreadyRecorded': '이 달의 점검은 이미 기록되었습니다.',
  },
  en: {
    'dashboard.caseNotFound': 'No such case. Choose one from the list again.',
    'dashboard.noCases': 'This firm has no cases yet.',
    'accessReview.alreadyRecorded': "This month's access-log review has already been recorded. A recorded review cannot be changed.",
    'week.mondayDate': "Give the week as its Monday's date (YYYY-MM-DD).",
    'staff.isUuid': 'Choose a staff account from the list.',
    'claimant.isUuid': 'A claimant id is a UUID, e.g. 0190f5a0-0000-7000-8000-000000000001.',
    'action.accessLogAction': 'An action looks like claimant.read.',
    'claim.claimNumber': 'Check the claim number, e.g. CP-1234-5678-9.',
    'claim.claimNotFound': 'There is no claim with this number.',
    'after.cursor': 'That page position is not valid. Start again from the first page.',
    'to.dateOrder': 'The end date must be on or after the start date.',
    'month.reviewMonth': 'The month reviewed must be this month or last month.',
    'month.alreadyRecorded': 'This month has already been reviewed.',
  },
};

/** Labels of this area's form fields, for the generic field messages. */
export const DASHBOARD_LABELS: Record<Locale, Record<string, string>> = {
  ko: { week: '주', from: '시작 날짜', to: '끝 날짜', staff: '직원', action: '작업', claim: '신청 번호', claimant: '신청인 ID', findings: '점검 결과', month: '점검한 달' },
  en: { week: 'Week', from: 'From', to: 'To', staff: 'Staff member', action: 'Action', claim: 'Claim number', claimant: 'Claimant id', findings: 'Findings', month: 'Month reviewed' },
};
