import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { ReconcilerIndexes1763800000001 } from './1763800000001-reconciler-indexes';

/** Listed explicitly, never globbed: globs break once the code is bundled or moved. */
export const migrations = [InitialSchema1763800000000, ReconcilerIndexes1763800000001];
