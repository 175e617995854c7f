import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMANT_ENTRIES, readAssets } from './assets';

describe('readAssets (the Vite manifest)', () => {
  let dir: string;
  const writeManifest = (manifest: unknown) => {
    mkdirSync(join(dir, '.vite'), { recursive: true });
    writeFileSync(join(dir, '.vite', 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'assets-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the entries as URL paths: stylesheets (their own or imported by a script) and scripts', () => {
    writeManifest({
      'src/claimant.ts': { file: 'assets/claimant-B1c2D3e4.js', name: 'claimant', src: 'src/claimant.ts', isEntry: true, css: ['assets/imported-Zz9.css'] },
      'src/styles/claimant.css': { file: 'assets/claimant-Aa1.css', src: 'src/styles/claimant.css', isEntry: true },
      'src/unused.ts': { file: 'assets/unused-x.js', isEntry: true },
    });
    expect(readAssets(dir, CLAIMANT_ENTRIES)).toEqual({
      styles: ['/assets/claimant-Aa1.css', '/assets/imported-Zz9.css'],
      scripts: ['/assets/claimant-B1c2D3e4.js'],
    });
  });

  it('names the fix when the build is missing, unreadable or lacks an entry', () => {
    expect(() => readAssets(dir)).toThrow(/manifest\.json.*run npm run build/);
    writeManifest('{ not json');
    expect(() => readAssets(dir)).toThrow(/run npm run build/);
    writeManifest({ 'src/claimant.ts': { file: 'assets/claimant-x.js', isEntry: true } });
    expect(() => readAssets(dir)).toThrow('has no entry src/styles/claimant.css: run npm run build');
  });

  it('refuses an entry outside assets/, which /assets/ would not serve', () => {
    writeManifest({ 'src/styles/claimant.css': { file: '../claimant.css' }, 'src/claimant.ts': { file: 'assets/claimant-x.js' } });
    expect(() => readAssets(dir)).toThrow('has no entry src/styles/claimant.css');
  });
});
