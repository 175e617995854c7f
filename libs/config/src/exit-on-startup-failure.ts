import { ConfigError } from './load-config';

/**
 * The end of every entry point's start-up promise: an error the operator can fix (bad
 * configuration) prints just its message, naming what to change; anything else prints its
 * stack. Either way the process exits 1.
 */
export function exitOnStartupFailure(operatorErrors: (new (...args: any[]) => Error)[] = []) {
  return (error: unknown): never => {
    const fixable = [ConfigError, ...operatorErrors].some((type) => error instanceof type);
    process.stderr.write(`${fixable ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
    process.exit(1);
  };
}
