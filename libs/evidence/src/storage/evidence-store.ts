// The store's contract is pure code, and the pure upload pipeline (files/) needs it; a pure file
// may import only pure files (rule pure-has-no-framework), so it is defined in files/ and the
// drivers and their callers take it from here.
export * from '../files/evidence-store';
