import { enhanceConditions } from './conditions';
import { enhanceFileInputs } from './file-checks';
import { enhanceProofOfWork } from './proof-of-work';

// A module script runs once the page is parsed. Each behaviour is keyed on markup the server
// writes, and every page works without it.
enhanceConditions(document);
// Before the proof of work: a bad file stops the submit before any work is spent on it.
enhanceFileInputs(document);
enhanceProofOfWork(document);
