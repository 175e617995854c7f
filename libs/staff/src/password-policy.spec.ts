import { passwordProblem } from './password-policy';

describe('the password policy', () => {
  it('takes a long passphrase of any composition', () => {
    expect(passwordProblem('소송 참여는 처음입니다', 'kim@example.com')).toBeNull();
    expect(passwordProblem('correct horse battery staple', 'kim@example.com')).toBeNull();
    expect(passwordProblem('alllowercaseletters', 'kim@example.com')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters and not bytes', () => {
    expect(passwordProblem('short pass1', 'kim@example.com')).toBe('tooShort');
    expect(passwordProblem('한글비밀번호열두글자입니다', 'kim@example.com')).toBeNull();
    expect(passwordProblem('한글비밀번호', 'kim@example.com')).toBe('tooShort');
  });

  it('refuses common passwords, with or without a few digits on the end, and ones made of the email', () => {
    expect(passwordProblem('123456789012', 'kim@example.com')).toBe('common');
    expect(passwordProblem('iloveyou1234', 'kim@example.com')).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaaaaa', 'kim@example.com')).toBe('common');
    expect(passwordProblem('minjikim-2026-claims', 'minjikim@example.com')).toBe('common');
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblem('x'.repeat(100) + 'y'.repeat(29), 'kim@example.com')).toBe('tooLong');
  });
});
