import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A built entry point, `dist/apps/<app>/src/<file>.js`, whether this file runs from dist/bench
 * (npm run bench:*) or from its source under jest (the end-to-end tests reuse the bench's
 * process helpers). `npm run build` must have run either way.
 */
export function builtApp(app: 'api' | 'worker' | 'cli', file = 'main'): string {
  const root = resolve(__dirname, '..', __dirname.split(/[\\/]/).includes('dist') ? '..' : '.');
  const script = join(root, 'dist', 'apps', app, 'src', `${file}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  return script;
}
