import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Listed explicitly, never globbed: globs break once the code is bundled or moved. */
export const migrations = [InitialSchema1763800000000];
