import { createHash } from 'node:crypto';

export type Language = 'ko' | 'en';

/** Who the mandate is for and, for a minor, who signs it: as the claim will record them. */
export interface MandateParties {
  principal: { name: string; birthDate: string; email: string; phone: string; address: { postalCode: string; line1: string; line2?: string } };
  guardian?: { name: string; birthDate: string; phone: string; relation: 'parent' | 'guardian' } | null;
}

const WORDS = {
  ko: {
    principal: '[위임인]', guardian: '[법정대리인]', name: '성명', birthDate: '생년월일', address: '주소', phone: '휴대전화', email: '이메일',
    relation: { parent: '부모', guardian: '후견인' }, signer: (name: string) => `서명인: 위임인의 법정대리인 ${name}`,
  },
  en: {
    principal: '[Principal]', guardian: '[Legal guardian]', name: 'Name', birthDate: 'Date of birth', address: 'Address', phone: 'Mobile', email: 'Email',
    relation: { parent: 'parent', guardian: 'guardian' }, signer: (name: string) => `Signed by the principal's legal guardian, ${name}`,
  },
};

/** A mobile number as people read it (010-1234-5678), from any way it was typed. */
function displayPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const m = /^(01\d)(\d{3,4})(\d{4})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : phone;
}

/**
 * The mandate exactly as a claimant is shown it and signs it: the case's text, headed by the
 * principal's details (and, for a minor, the guardian who signs). The signature records the
 * SHA-256 of this text and keeps the text itself, so a court can see who mandated whom. Any
 * change to the details changes the text, and the claimant signs again.
 */
export function mandateText(template: string, language: Language, parties: MandateParties): string {
  const w = WORDS[language];
  const p = parties.principal;
  const address = `(${p.address.postalCode}) ${p.address.line1}${p.address.line2 ? ` ${p.address.line2}` : ''}`;
  const lines = [w.principal, `${w.name}: ${p.name}`, `${w.birthDate}: ${p.birthDate}`, `${w.address}: ${address}`];
  const g = parties.guardian;
  if (g) {
    lines.push('', w.guardian, `${w.name}: ${g.name} (${w.relation[g.relation]})`, `${w.birthDate}: ${g.birthDate}`, `${w.phone}: ${displayPhone(g.phone)}`, `${w.email}: ${p.email}`);
  } else {
    lines.push(`${w.phone}: ${displayPhone(p.phone)}`, `${w.email}: ${p.email}`);
  }
  lines.push('', template.trim());
  if (g) lines.push('', w.signer(g.name));
  return lines.join('\n');
}

export function textSha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
