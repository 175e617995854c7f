import { isSameOrigin } from './same-origin';

const ORIGIN = 'https://claims.example';

describe('isSameOrigin', () => {
  it('lets our own pages and typed addresses through', () => {
    expect(isSameOrigin({ 'sec-fetch-site': 'same-origin', origin: ORIGIN }, ORIGIN)).toBe(true);
    expect(isSameOrigin({ 'sec-fetch-site': 'none' }, ORIGIN)).toBe(true);
    expect(isSameOrigin({ origin: ORIGIN }, ORIGIN)).toBe(true);
  });

  it('refuses posts from other sites, sibling subdomains included', () => {
    expect(isSameOrigin({ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, ORIGIN)).toBe(false);
    expect(isSameOrigin({ 'sec-fetch-site': 'same-site', origin: 'https://www.claims.example' }, ORIGIN)).toBe(false);
    // An old browser without Fetch Metadata still sends Origin.
    expect(isSameOrigin({ origin: 'https://evil.example' }, ORIGIN)).toBe(false);
    expect(isSameOrigin({ origin: 'null' }, ORIGIN)).toBe(false);
    // Fetch Metadata wins over an Origin that looks right.
    expect(isSameOrigin({ 'sec-fetch-site': 'cross-site', origin: ORIGIN }, ORIGIN)).toBe(false);
  });

  it('lets a client that is not a browser through (it has no victim to act for)', () => {
    expect(isSameOrigin({}, ORIGIN)).toBe(true);
  });
});
