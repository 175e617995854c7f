import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';

/**
 * Emails: what each says (subject and paragraphs, per language) as data here, and the HTML part
 * from the one eta template every page also comes from (apps/web/views/emails/message.eta), which
 * escapes every value. Data in, subject/text/html out; no framework.
 */
export type TemplateName =
  | 'claim-receipt' | 'claim-exists' | 'status-link' | 'claim-withdrawn' | 'claim-deletion-requested' | 'claim-needs-information'
  | 'claim-approved' | 'claim-rejected' | 'claim-amount-changed' | 'email-code' | 'draft-started';
export type Locale = 'ko' | 'en';

/** What an email about a claim says. */
export interface ClaimEmailData {
  recipientName: string;
  claimNumber: string;
  caseTitle: string;
  firmName: string;
  statusUrl: string;
  /** For a deficiency notice: what is missing, in the email's language, and by when (YYYY-MM-DD). */
  missing?: string[];
  cureBy?: string | null;
  /** For a rejection: why, in the email's language, and the reviewer's own words if they gave any. */
  rejection?: { reason: string; note: string | null };
  /** For a changed amount: the amount now claimed for them, in won. */
  amountWon?: number;
}

/** What the email with a confirmation code says (sent before there is any claim). */
export interface CodeEmailData {
  code: string;
  minutes: number;
  caseTitle: string;
  firmName: string;
}

/** What the email with the link back to a half-filled claim form says. */
export interface DraftEmailData {
  resumeUrl: string;
  /** YYYY-MM-DD: the draft is deleted after this day. */
  keptUntil: string;
  caseTitle: string;
  firmName: string;
}

export type TemplateData = ClaimEmailData | CodeEmailData | DraftEmailData;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Copy<D> = Record<Locale, (d: D) => { subject: string; lines: string[]; link?: string }>;

const SCAM_WARNING = {
  ko: (firm: string) => `${firm}은(는) 문자나 전화로 카드번호, 비밀번호를 묻지 않습니다.`,
  en: (firm: string) => `${firm} will never ask for your card number or password by text or phone.`,
};

const CLAIM_COPY: Record<Exclude<TemplateName, 'email-code' | 'draft-started'>, Copy<ClaimEmailData>> = {
  'claim-receipt': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 소송 참여 신청이 접수되었습니다 (${d.claimNumber})`,
      lines: [`${d.recipientName}님, 소송 참여 신청이 접수되었습니다.`, `접수번호: ${d.claimNumber}`, `아래 링크에서 진행 상황을 확인할 수 있습니다. 이 링크는 본인만 사용해 주세요.`],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] We received your claim (${d.claimNumber})`,
      lines: [`Dear ${d.recipientName}, we have received your claim.`, `Claim number: ${d.claimNumber}`, `You can follow its progress at the link below. Please keep it to yourself.`],
      link: d.statusUrl,
    }),
  },
  'claim-exists': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 이미 접수된 신청이 있습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 이 이메일 주소로 이미 소송 참여 신청이 접수되어 있어 새 신청을 받지 않았습니다.`,
        `접수번호: ${d.claimNumber}`,
        `아래 링크에서 기존 신청의 진행 상황을 확인할 수 있습니다.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] You already have a claim (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, a claim already exists for this email address, so no new claim was created.`,
        `Claim number: ${d.claimNumber}`,
        `You can follow the existing claim at the link below.`,
      ],
      link: d.statusUrl,
    }),
  },
  'status-link': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 새 신청 현황 링크 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 요청하신 새 신청 현황 링크입니다. 이전에 받은 링크는 더 이상 쓸 수 없습니다.`,
        `접수번호: ${d.claimNumber}`,
        `본인이 요청하지 않았다면 이 이메일에 회신해 알려 주세요.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] Your new claim status link (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, here is the new status link you asked for. Links you received before no longer work.`,
        `Claim number: ${d.claimNumber}`,
        `If you did not ask for it, please reply to this email to tell us.`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-withdrawn': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 소송에서 탈퇴했습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 요청에 따라 소송 참여를 철회했습니다. 비용은 청구되지 않습니다.`,
        `접수번호: ${d.claimNumber}`,
        `개인정보는 법령이 정한 기간이 지나면 파기하며, 그 전에 삭제를 요청할 수도 있습니다. 본인이 요청하지 않았다면 이 이메일에 회신해 알려 주세요.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] You have left the suit (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, as you asked, your claim is withdrawn. There is no cost.`,
        `Claim number: ${d.claimNumber}`,
        `Your data is destroyed after the retention period the law sets, and you may ask for it to be deleted sooner. If you did not ask for this, please reply to this email.`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-needs-information': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 추가 자료가 필요합니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 소송 참여 신청을 확인했는데 아래 자료가 더 필요합니다.`,
        ...(d.missing ?? []).map((m) => `- ${m}`),
        d.cureBy ? `제출 기한: ${d.cureBy}. 기한까지 내지 않으면 이번 소송에 참여하지 못할 수 있습니다.` : '가능한 한 빨리 제출해 주세요.',
        `아래 링크의 신청 현황 페이지에서 바로 올리거나 답할 수 있습니다. 접수번호: ${d.claimNumber}`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] We need more information (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, we have checked your claim and need the following.`,
        ...(d.missing ?? []).map((m) => `- ${m}`),
        d.cureBy ? `Please send it by ${d.cureBy}. Without it you may not be able to join this suit.` : 'Please send it as soon as you can.',
        `You can upload it or answer on your status page at the link below. Claim number: ${d.claimNumber}`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-approved': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 소송 참여 신청이 승인되었습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 담당 변호사가 신청을 검토해 승인했습니다. 다음 소 제기 차수에 원고로 포함됩니다.`,
        `접수번호: ${d.claimNumber}`,
        `소장이 접수되면 다시 알려 드립니다. 진행 상황은 아래 링크에서 확인할 수 있습니다.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] Your claim is approved (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, the attorney has reviewed and approved your claim. You will be a plaintiff in the next filing round.`,
        `Claim number: ${d.claimNumber}`,
        `We will write again when the complaint is filed. You can follow your claim at the link below.`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-rejected': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 소송 참여 신청 검토 결과 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 신청을 검토한 결과 이번 소송에 참여하실 수 없게 되었습니다.`,
        `사유: ${d.rejection?.reason ?? ''}`,
        ...(d.rejection?.note ? [`담당자 설명: ${d.rejection.note}`] : []),
        `접수번호: ${d.claimNumber}. 결과에 이의가 있거나 사실과 다르다면 이 이메일에 회신해 알려 주세요.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] The result of our review of your claim (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, we have reviewed your claim and it cannot join this suit.`,
        `Reason: ${d.rejection?.reason ?? ''}`,
        ...(d.rejection?.note ? [`From the reviewer: ${d.rejection.note}`] : []),
        `Claim number: ${d.claimNumber}. If you disagree or something is wrong, please reply to this email.`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-amount-changed': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 청구 금액이 조정되었습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 담당 변호사가 신청 내용을 검토해 청구 금액을 조정했습니다.`,
        `청구 예정 금액: ${(d.amountWon ?? 0).toLocaleString('ko-KR')}원`,
        `이 금액은 소장에 적을 청구액이며, 법원이 인정할 금액과는 다를 수 있습니다. 접수번호: ${d.claimNumber}`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] The amount of your claim has changed (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, the attorney has reviewed your claim and changed the amount claimed for you.`,
        `Amount to be claimed: KRW ${(d.amountWon ?? 0).toLocaleString('en-US')}`,
        `This is what the complaint will ask for; the court may award a different amount. Claim number: ${d.claimNumber}`,
      ],
      link: d.statusUrl,
    }),
  },
  'claim-deletion-requested': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 개인정보 삭제 요청을 받았습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 개인정보 삭제 요청을 받았습니다. 소송 참여도 철회되었습니다.`,
        `접수번호: ${d.claimNumber}`,
        `10일 안에 삭제하고 결과를 알려 드립니다. 법령에 따라 보관해야 하는 기록(위임계약 서명 기록 등)은 보관 기간이 끝나면 파기합니다. 본인이 요청하지 않았다면 이 이메일에 회신해 알려 주세요.`,
      ],
      link: d.statusUrl,
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] We received your request to delete your data (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, we have received your request to delete your data, and your claim is withdrawn.`,
        `Claim number: ${d.claimNumber}`,
        `We will delete it within 10 days and tell you when it is done. Records the law requires us to keep (such as the signed mandate record) are destroyed when their retention ends. If you did not ask for this, please reply to this email.`,
      ],
      link: d.statusUrl,
    }),
  },
};

const DRAFT_COPY: Copy<DraftEmailData> = {
  ko: (d) => ({
    subject: `[${d.caseTitle}] 작성 중인 참여 신청서 이어쓰기 링크`,
    lines: [
      `소송 참여 신청서 작성을 시작하셨습니다. 아래 링크로 언제든, 다른 기기에서도 이어서 작성할 수 있습니다.`,
      `작성 중인 신청서는 ${d.keptUntil}까지 보관하며, 그때까지 제출하지 않으면 삭제합니다.`,
      `이 링크는 본인만 사용해 주세요. 본인이 시작하지 않았다면 이 이메일을 무시하셔도 됩니다.`,
    ],
    link: d.resumeUrl,
  }),
  en: (d) => ({
    subject: `[${d.caseTitle}] Your link to continue your claim form`,
    lines: [
      `You have started a claim form. Use the link below to continue at any time, on any device.`,
      `We keep the unfinished form until ${d.keptUntil}; if it is not submitted by then, it is deleted.`,
      `Please keep the link to yourself. If you did not start a claim, you can ignore this email.`,
    ],
    link: d.resumeUrl,
  }),
};

const CODE_COPY: Copy<CodeEmailData> = {
  ko: (d) => ({
    subject: `[${d.caseTitle}] 이메일 확인 코드 ${d.code}`,
    lines: [
      `소송 참여 신청을 위한 이메일 확인 코드입니다.`,
      `확인 코드: ${d.code}`,
      `${d.minutes}분 동안 사용할 수 있습니다. 코드를 다른 사람에게 알려 주지 마세요.`,
      `본인이 요청하지 않았다면 이 이메일을 무시하셔도 됩니다.`,
    ],
  }),
  en: (d) => ({
    subject: `[${d.caseTitle}] Your email confirmation code ${d.code}`,
    lines: [
      `Here is the code to confirm your email address for your claim.`,
      `Code: ${d.code}`,
      `It works for ${d.minutes} minutes. Do not share it with anyone.`,
      `If you did not ask for it, you can ignore this email.`,
    ],
  }),
};

const isCodeData = (d: TemplateData): d is CodeEmailData => 'code' in d;
const isDraftData = (d: TemplateData): d is DraftEmailData => 'resumeUrl' in d;

/** Renders `template`; throws if `data` is not the kind of data the template needs. */
export function renderEmail(template: TemplateName, locale: Locale, data: TemplateData): RenderedEmail {
  let copy: { subject: string; lines: string[]; link?: string };
  if (template === 'email-code') {
    if (!isCodeData(data)) throw new Error('email-code needs a code');
    copy = CODE_COPY[locale](data);
  } else if (template === 'draft-started') {
    if (!isDraftData(data)) throw new Error('draft-started needs a draft');
    copy = DRAFT_COPY[locale](data);
  } else {
    if (isCodeData(data) || isDraftData(data)) throw new Error(`${template} needs a claim`);
    copy = CLAIM_COPY[template][locale](data);
  }
  const warning = SCAM_WARNING[locale](data.firmName);
  const paragraphs = [...copy.lines.map((text) => ({ text, link: false })), ...(copy.link ? [{ text: copy.link, link: true }] : []), { text: warning, link: false }];
  const html = emailViews().render('./message', { locale, paragraphs });
  return { subject: copy.subject, text: paragraphs.map((p) => p.text).join('\n\n'), html };
}

let views: Eta | null = null;

/**
 * The email templates, found beside the pages' (apps/web/views) from the source (tests) and from
 * dist (the built worker and the image), compiled once each.
 */
function emailViews(): Eta {
  if (!views) {
    const candidates = [join(__dirname, '..', '..', '..', '..', 'apps', 'web', 'views', 'emails'), join(__dirname, '..', '..', '..', '..', '..', 'apps', 'web', 'views', 'emails')];
    const found = candidates.find((dir) => existsSync(join(dir, 'message.eta')));
    if (!found) throw new Error(`email templates not found in ${candidates.join(' or ')}`);
    views = new Eta({ views: found, cache: true });
  }
  return views;
}
