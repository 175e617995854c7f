import escapeHtml from 'escape-html';

/**
 * Email templates as pure functions: data in, subject/text/html out. Every value that came
 * from a person is HTML-escaped in the html part.
 */
export type TemplateName = 'claim-receipt' | 'claim-exists';
export type Locale = 'ko' | 'en';

export interface TemplateData {
  recipientName: string;
  claimNumber: string;
  caseTitle: string;
  firmName: string;
  statusUrl: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}


const COPY: Record<TemplateName, Record<Locale, (d: TemplateData) => { subject: string; lines: string[] }>> = {
  'claim-receipt': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 소송 참여 신청이 접수되었습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 소송 참여 신청이 접수되었습니다.`,
        `접수번호: ${d.claimNumber}`,
        `아래 링크에서 진행 상황을 확인할 수 있습니다. 이 링크는 본인만 사용해 주세요.`,
        d.statusUrl,
        `${d.firmName}은(는) 문자나 전화로 카드번호, 비밀번호를 묻지 않습니다.`,
      ],
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] We received your claim (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, we have received your claim.`,
        `Claim number: ${d.claimNumber}`,
        `You can follow its progress at the link below. Please keep it to yourself.`,
        d.statusUrl,
        `${d.firmName} will never ask for your card number or password by text or phone.`,
      ],
    }),
  },
  'claim-exists': {
    ko: (d) => ({
      subject: `[${d.caseTitle}] 이미 접수된 신청이 있습니다 (${d.claimNumber})`,
      lines: [
        `${d.recipientName}님, 이 이메일 주소로 이미 소송 참여 신청이 접수되어 있어 새 신청을 받지 않았습니다.`,
        `접수번호: ${d.claimNumber}`,
        `아래 링크에서 기존 신청의 진행 상황을 확인할 수 있습니다.`,
        d.statusUrl,
        `본인이 신청하지 않았다면 이 이메일에 회신해 알려 주세요.`,
      ],
    }),
    en: (d) => ({
      subject: `[${d.caseTitle}] You already have a claim (${d.claimNumber})`,
      lines: [
        `Dear ${d.recipientName}, a claim already exists for this email address, so no new claim was created.`,
        `Claim number: ${d.claimNumber}`,
        `You can follow the existing claim at the link below.`,
        d.statusUrl,
        `If you did not apply, please reply to this email to tell us.`,
      ],
    }),
  },
};

export function renderEmail(template: TemplateName, locale: Locale, data: TemplateData): RenderedEmail {
  const { subject, lines } = COPY[template][locale](data);
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.6">${lines
    .map((line) =>
      line === data.statusUrl
        ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>`
        : `<p>${escapeHtml(line)}</p>`,
    )
    .join('')}</body></html>`;
  return { subject, text: lines.join('\n\n'), html };
}
