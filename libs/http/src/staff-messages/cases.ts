import type { Locale } from '../locale';

/** Case versions in the console: upload, validation, preview and activation. */
export const CASES_MESSAGES: Record<Locale, Record<string, string>> = {
  ko: {
    'caseVersion.missing': '사건 정의 JSON 파일을 고르거나 붙여 넣어 주세요.',
    'caseVersion.tooLarge': '사건 정의가 너무 큽니다. 1MB 이하의 JSON으로 올려 주세요.',
    'caseVersion.notUtf8': '파일을 UTF-8 텍스트로 읽을 수 없습니다. UTF-8로 저장한 JSON 파일을 올려 주세요.',
    'caseVersion.uploadRefused': '올린 내용을 읽을 수 없습니다. 파일 하나만 골라 다시 올려 주세요.',
    'caseVersion.alreadyActive': '이 버전은 이미 적용 중입니다. 적용 중이 아닌 저장된 버전만 미리 보거나 적용할 수 있습니다.',
    'caseVersion.previewNotFound': '해당 미리 보기를 찾을 수 없습니다.',
  },
  en: {
    'caseVersion.missing': 'Choose a case definition JSON file or paste one.',
    'caseVersion.tooLarge': 'The definition is too large. Upload at most 1 MB of JSON.',
    'caseVersion.notUtf8': 'The file is not UTF-8 text. Save the JSON as UTF-8 and upload it again.',
    'caseVersion.uploadRefused': 'The upload could not be read. Choose one file and try again.',
    'caseVersion.alreadyActive': 'This version is already in force. Only a saved version that is not in force can be previewed or activated.',
    'caseVersion.previewNotFound': 'No such preview.',
  },
};

/** Labels of this area's form fields, for the generic field messages. */
export const CASES_LABELS: Record<Locale, Record<string, string>> = {
  ko: { definition: '사건 정의', text: '사건 정의 JSON' },
  en: { definition: 'Case definition', text: 'Case definition JSON' },
};
