import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoClaimBody } from './demo-claim';

describe('the demo claim', () => {
  it('is what scripts/demo-claim.json (the curl printed by npm run dev) sends', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../scripts/demo-claim.json'), 'utf8'));
    expect(file).toEqual(demoClaimBody({ email: file.claimant.email, phone: file.claimant.phone }));
  });
});
