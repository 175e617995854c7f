import { renderEmail, type Locale, type TemplateData, type TemplateName } from './render';

const DATA: TemplateData = {
  recipientName: '김민지',
  claimNumber: 'CPN-7K4M-Q2XD-8',
  caseTitle: '쿠팡 개인정보 유출 손해배상 공동소송',
  firmName: '법무법인 한결',
  statusUrl: 'https://claims.example/status?token=0190f5a0.t9x2k1.AbC-dEf_123',
};
const TEMPLATES: TemplateName[] = ['claim-receipt', 'claim-exists', 'status-link', 'claim-withdrawn', 'claim-deletion-requested', 'claim-needs-information', 'claim-approved', 'claim-rejected', 'claim-amount-changed'];
const LOCALES: Locale[] = ['ko', 'en'];
const combinations = TEMPLATES.flatMap((t) => LOCALES.map((l) => [t, l] as const));

describe('renderEmail', () => {
  describe.each(combinations)('%s in %s', (template, locale) => {
    const email = renderEmail(template, locale, DATA);

    it('puts the claim number in the subject, text and html', () => {
      expect(email.subject).toContain(DATA.claimNumber);
      expect(email.text).toContain(DATA.claimNumber);
      expect(email.html).toContain(DATA.claimNumber);
    });

    it('puts the status URL in the text and as a link in the html', () => {
      expect(email.text).toContain(DATA.statusUrl);
      expect(email.html).toContain(`<a href="${DATA.statusUrl}">${DATA.statusUrl}</a>`);
    });

    it('greets the recipient by name', () => {
      expect(email.text).toContain(DATA.recipientName);
      expect(email.html).toContain(DATA.recipientName);
    });

    it('names the case in the subject', () => {
      expect(email.subject).toContain(`[${DATA.caseTitle}]`);
    });

    it('declares its language in the html', () => {
      expect(email.html).toContain(`<html lang="${locale}">`);
    });

    it('is written in the requested language', () => {
      const hangul = /[\uac00-\ud7a3]/;
      const own = (s: string) => s.replace(DATA.recipientName, '').replace(DATA.caseTitle, '').replace(DATA.firmName, '');
      if (locale === 'ko') expect(own(email.text)).toMatch(hangul);
      else expect(own(email.text)).not.toMatch(hangul);
    });
  });

  it('sends different copy for a receipt and for an existing claim', () => {
    for (const locale of LOCALES) {
      expect(renderEmail('claim-receipt', locale, DATA).subject).not.toBe(renderEmail('claim-exists', locale, DATA).subject);
    }
  });

  describe('escaping', () => {
    const hostile: TemplateData = {
      ...DATA,
      recipientName: '<script>alert(1)</script>',
      firmName: 'Kim & Lee "LLC" \'Seoul\'',
      statusUrl: 'https://claims.example/status?token=a"b&c=<d>',
    };

    it.each(combinations)('escapes a name like <script> in the %s html (%s)', (template, locale) => {
      const { html, text } = renderEmail(template, locale, hostile);
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // The text part is plain text: the name stays as typed.
      expect(text).toContain('<script>alert(1)</script>');
    });

    it('escapes ampersands and quotes', () => {
      const { html } = renderEmail('claim-receipt', 'en', hostile);
      expect(html).toContain('Kim &amp; Lee &quot;LLC&quot; &#39;Seoul&#39;');
    });

    it('cannot break out of the link attribute', () => {
      const { html } = renderEmail('claim-receipt', 'en', hostile);
      expect(html).toContain('<a href="https://claims.example/status?token=a&quot;b&amp;c=&lt;d&gt;">');
      expect(html.match(/<a /g)).toHaveLength(1);
    });

    it('leaves only its own tags in the html', () => {
      const { html } = renderEmail('claim-exists', 'ko', hostile);
      const tags = [...html.matchAll(/<\/?([a-z!]+)/g)].map((m) => m[1]);
      expect(new Set(tags)).toEqual(new Set(['!doctype', 'html', 'body', 'p', 'a']));
    });
  });

  describe.each(LOCALES)('the link back to an unfinished form, in %s', (locale) => {
    const draft: TemplateData = { resumeUrl: 'https://claims.example/c/coupang-2025/join/resume?token=a.b.c', keptUntil: '2026-12-31', caseTitle: '쿠팡 소송', firmName: '법무법인 한결' };
    const email = renderEmail('draft-started', locale, draft);
    it('carries the link, the day the draft is kept until and the scam warning', () => {
      expect(email.text).toContain('https://claims.example/c/coupang-2025/join/resume?token=a.b.c');
      expect(email.html).toContain('<a href="https://claims.example/c/coupang-2025/join/resume?token=a.b.c">');
      expect(email.text).toContain('2026-12-31');
      expect(email.text).toContain(locale === 'ko' ? '비밀번호를 묻지 않습니다' : 'never ask for your card number or password');
    });
    it('refuses data of another kind', () => {
      expect(() => renderEmail('draft-started', locale, DATA)).toThrow('needs a draft');
      expect(() => renderEmail('claim-receipt', locale, draft)).toThrow('needs a claim');
    });
  });

  it('lists what a deficiency notice asks for, with its deadline, in each language', () => {
    const notice = { ...DATA, missing: ['유출 통지(문자, 이메일, 앱 화면) 캡처'], cureBy: '2026-12-31' } as TemplateData;
    const ko = renderEmail('claim-needs-information', 'ko', notice);
    expect(ko.text).toContain('- 유출 통지(문자, 이메일, 앱 화면) 캡처');
    expect(ko.text).toContain('제출 기한: 2026-12-31');
    expect(renderEmail('claim-needs-information', 'en', notice).text).toContain('Please send it by 2026-12-31');
    expect(ko.html).toContain('<p>- 유출 통지(문자, 이메일, 앱 화면) 캡처</p>');
  });

  it('says why a claim was rejected, with the reviewer\'s words escaped, and the new amount of a changed claim', () => {
    const rejected = { ...DATA, rejection: { reason: '중복 신청으로 처리했습니다.', note: '<b>같은 분</b>' } } as TemplateData;
    const ko = renderEmail('claim-rejected', 'ko', rejected);
    expect(ko.text).toContain('사유: 중복 신청으로 처리했습니다.');
    expect(ko.text).toContain('담당자 설명: <b>같은 분</b>');
    expect(ko.html).toContain('&lt;b&gt;같은 분&lt;/b&gt;');
    expect(renderEmail('claim-rejected', 'en', { ...DATA, rejection: { reason: 'Duplicate.', note: null } } as TemplateData).text).not.toContain('From the reviewer');
    expect(renderEmail('claim-amount-changed', 'ko', { ...DATA, amountWon: 250000 } as TemplateData).text).toContain('250,000원');
    expect(renderEmail('claim-amount-changed', 'en', { ...DATA, amountWon: 250000 } as TemplateData).text).toContain('KRW 250,000');
  });
});
