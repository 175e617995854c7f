import { route } from '@app/queue';
import { RESCORE_QUEUE } from '../claims.queue';

/** Written when an admin asks for a preview of a saved case version; the job dry-runs re-scoring. */
export const VERSION_PREVIEW_REQUESTED = 'case.version-preview-requested';

/**
 * On the re-scoring queue: a preview reads what re-scoring reads and takes as long, and the two
 * should not compete for the database (the queue runs one job at a time).
 */
export const PREVIEW_VERSION = RESCORE_QUEUE.job<{ previewId: string; firmId: string }>('preview-version', (p) => `preview-${p.previewId}`);

export const PREVIEW_ROUTES = [route(VERSION_PREVIEW_REQUESTED, PREVIEW_VERSION, (e) => ({ previewId: e.aggregateId, firmId: e.firmId }))];
