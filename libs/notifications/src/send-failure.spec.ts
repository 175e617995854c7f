import { SendFailure } from './send-failure';

describe('SendFailure', () => {
  it('keeps the codes and drops what the server said, addresses included', () => {
    const rejected = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <kim.minji@example.com>: Recipient address rejected"), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
      response: '550 5.1.1 <kim.minji@example.com>: Recipient address rejected',
    });
    expect(SendFailure.of(rejected).message).toBe('email not sent: EENVELOPE 550 at RCPT TO');
    expect(SendFailure.of(rejected).message).not.toContain('kim');
  });

  it('describes a connection failure by its code', () => {
    expect(SendFailure.of(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET', command: 'CONN' })).message).toBe(
      'email not sent: ESOCKET at CONN',
    );
  });

  it('never copies free text, even from fields that should hold codes', () => {
    expect(SendFailure.of({ code: 'kim@example.com', responseCode: '550 kim@example.com', command: 'RCPT TO:<kim@example.com>' }).message).toBe(
      'email not sent: ERROR',
    );
    expect(SendFailure.of('kim@example.com').message).toBe('email not sent: ERROR');
  });
});
