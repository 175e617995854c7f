import { parseFormBody } from './form-body';

describe('parseFormBody', () => {
  it('reads a form flat: a name once is a string, a name again a list, in order', () => {
    expect(parseFormBody('a=1&b=%ED%99%8D+%EA%B8%B8%EB%8F%99&a=2&a=3&empty=&bare', 200)).toEqual({ a: ['1', '2', '3'], b: '홍 길동', empty: '', bare: '' });
    expect(parseFormBody('', 200)).toEqual({});
  });

  it('keeps names that look like paths as they are (no nesting)', () => {
    const body = parseFormBody('claimant[name]=x&q.notice=yes', 200);
    expect(body).toEqual({ 'claimant[name]': 'x', 'q.notice': 'yes' });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('counts fields before decoding any, allowing exactly the limit', () => {
    expect(Object.keys(parseFormBody(Array.from({ length: 200 }, (_, i) => `f${i}=1`).join('&'), 200))).toHaveLength(200);
    expect(parseFormBody(Array.from({ length: 201 }, (_, i) => `f${i}=1`).join('&'), 200)).toMatchObject({ messageKey: 'request.tooManyKeys' });
    expect(parseFormBody('x&'.repeat(10_000), 200)).toMatchObject({ messageKey: 'request.tooManyKeys' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the name %s, which would reach a prototype', (name) => {
    expect(parseFormBody(`a=1&${name}=x`, 200)).toMatchObject({ messageKey: 'request.badRequest' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
