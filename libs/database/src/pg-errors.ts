/** Narrow helpers over node-postgres errors, so callers never match on message text. */
interface PgError {
  code?: string;
  constraint?: string;
}

const asPg = (error: unknown): PgError =>
  // TypeORM wraps driver errors in QueryFailedError and keeps the driver's fields on it.
  (typeof error === 'object' && error !== null ? ((error as { driverError?: PgError }).driverError ?? error) : {}) as PgError;

/** The SQLSTATE of a Postgres error (e.g. '23505', or one our functions raise), else null. */
export function sqlState(error: unknown): string | null {
  return asPg(error).code ?? null;
}

export function uniqueViolation(error: unknown): string | null {
  const pg = asPg(error);
  return pg.code === '23505' ? (pg.constraint ?? '') : null;
}

/** True when the database cannot be reached or is shutting down: the caller should answer 503. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pg = asPg(error);
  const code = pg.code ?? (error as { code?: string })?.code;
  if (!code) {
    const message = error instanceof Error ? error.message : '';
    return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
  }
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006'].includes(code);
}
