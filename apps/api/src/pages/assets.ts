import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a page links: stylesheets and module scripts, as URL paths (`/assets/claimant-<hash>.js`). */
export interface PageAssets {
  styles: string[];
  scripts: string[];
}

/** The claimant pages' entries in apps/web/vite.config.mts, as the manifest names them. */
export const CLAIMANT_ENTRIES = ['src/styles/claimant.css', 'src/claimant.ts'];

const MANIFEST = join('.vite', 'manifest.json');

/**
 * Vite's output (dist/web: assets/ and .vite/manifest.json), found from the source (tests) and
 * from dist (the built app and the image).
 */
export function webBuildDirectory(): string {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'dist', 'web'), join(__dirname, '..', '..', '..', '..', 'web')];
  const found = candidates.find((dir) => existsSync(join(dir, MANIFEST)));
  if (!found) throw new Error(`the claimant pages' script and styles are not built (no ${MANIFEST} in ${candidates.join(' or ')}): run npm run build`);
  return found;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  css?: string[];
}

/** Reads the manifest of the build in `dir` and lists what pages built from `entries` link. */
export function readAssets(dir: string, entries: readonly string[] = CLAIMANT_ENTRIES): PageAssets {
  const path = join(dir, MANIFEST);
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  } catch (error) {
    throw new Error(`cannot read ${path} (${(error as Error).message}): run npm run build`);
  }
  const assets: PageAssets = { styles: [], scripts: [] };
  const add = (list: string[], file: string) => {
    if (!list.includes(`/${file}`)) list.push(`/${file}`);
  };
  for (const entry of entries) {
    const chunk = manifest[entry];
    // Only files under assets/ are served (at /assets/).
    if (typeof chunk?.file !== 'string' || !chunk.file.startsWith('assets/')) throw new Error(`${path} has no entry ${entry}: run npm run build`);
    add(chunk.file.endsWith('.css') ? assets.styles : assets.scripts, chunk.file);
    for (const css of chunk.css ?? []) add(assets.styles, css);
  }
  return assets;
}

/** The staff console's: a stylesheet only (its pages need no script). */
export const STAFF_ENTRIES = ['src/styles/staff.css'];

let claimant: PageAssets | undefined;
let staff: PageAssets | undefined;

/** The staff console's assets, read once like the claimant pages'. */
export function staffAssets(): PageAssets {
  staff ??= readAssets(webBuildDirectory(), STAFF_ENTRIES);
  return staff;
}

/** The claimant pages' assets, read once (the API calls this at boot, so a missing build stops it there). */
export function claimantAssets(): PageAssets {
  claimant ??= readAssets(webBuildDirectory());
  return claimant;
}

/** Where /assets/ is served from. */
export function assetsDirectory(): string {
  return join(webBuildDirectory(), 'assets');
}
