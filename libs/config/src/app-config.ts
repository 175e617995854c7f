import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** A rate limit: at most `count` in any `seconds`. */
const RATE = /^\d{1,7}\/\d{1,6}$/;
const RATE_MESSAGE = 'must be count/seconds, e.g. 60/600';

/**
 * Every setting the processes read, validated once at boot (see load-config.ts).
 * Property names are the environment variable names so an error message names
 * exactly what the operator has to fix.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where links in emails point: the public origin of the claimant pages. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * How the apps reach Postgres: as `claims_app`, a role that row-level security applies to.
   * The apps refuse to start as a superuser, a BYPASSRLS role or a table owner.
   */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://claims_app@127.0.0.1:5432/claims';

  /** Used only by `npm run migrate`: a role that owns the schema and may create roles. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/claims';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; tests and benchmarks use their own so runs never share queues. */
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX = 'claims';

  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  MAIL_FROM = '"Claims Desk" <no-reply@claims.localhost>';

  /**
   * Field-encryption keys as `id:base64(32 bytes)` pairs, comma separated. Old keys
   * stay listed so values written under them can still be read after a rotation.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'must be a comma-separated list of id:base64(32-byte key)',
  })
  PII_KEYS = DEV_ONLY_PII_KEYS;

  /** Which of PII_KEYS new values are written with. */
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'must be a key id listed in PII_KEYS' })
  PII_ACTIVE_KEY_ID = 'dev1';

  /** HMAC key for blind indexes (email/phone lookup and duplicate detection). */
  @IsString()
  @MinLength(32)
  BLIND_INDEX_KEY = DEV_ONLY_BLIND_INDEX_KEY;

  /** HMAC key that signs the claimant's status-page link. */
  @IsString()
  @MinLength(32)
  LINK_SIGNING_KEY = DEV_ONLY_LINK_SIGNING_KEY;

  /** Queues this worker process consumes; unknown names stop the boot. */
  @Transform(toList)
  @IsString({ each: true })
  WORKER_QUEUES: string[] = ['claims', 'notifications', 'rescore', 'evidence', 'review', 'audit', 'filing'];

  /** Whether this process runs the outbox relay (safe to run several: rows are claimed with SKIP LOCKED). */
  @Transform(toBool)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  /** How often a worker looks for work Redis may have lost (claims not assessed, emails not sent). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RECONCILE_INTERVAL_SECONDS = 60;

  /** Work older than this, still not done, is queued again. Well above the normal path's latency. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RECONCILE_STALE_AFTER_SECONDS = 300;

  /**
   * Readiness fails when a queue's oldest waiting job has waited this long and no job of that
   * queue finished in the same time, or when due outbox rows wait this long. A queue may
   * set its own (see defineQueue).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  READINESS_STUCK_AFTER_SECONDS = 60;

  /** How long an email send may hold its row before another runner may take it over. Above SMTP's own timeouts. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  EMAIL_LEASE_SECONDS = 120;

  /** The worker's /health/live and /health/ready (0: any free port, as the tests use). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 32 * 1024;

  /** JSON bodies nested deeper, or with more keys, are refused before anything walks them. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(64)
  JSON_MAX_DEPTH = 8;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10_000)
  JSON_MAX_KEYS = 200;

  /** A request's headers and body must have arrived within this; a slow sender is cut off. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 15;

  /**
   * An upload (multipart/form-data: a phone sending a 10 MB photo over a slow network) must have
   * arrived within this; every other body still within HTTP_REQUEST_TIMEOUT_SECONDS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_UPLOAD_TIMEOUT_SECONDS = 120;

  /** A connection with nothing moving for this long is closed (keep-alive included). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_IDLE_TIMEOUT_SECONDS = 10;

  /** Open connections the API accepts at once; more are refused until some close. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  HTTP_MAX_CONNECTIONS = 4096;

  /**
   * Proxies whose X-Forwarded-For is believed (IPs or CIDRs, comma separated). None by default:
   * without it any client could choose the address we record and limit.
   */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, { each: true, message: 'must be IP addresses or CIDR ranges' })
  TRUSTED_PROXIES: string[] = [];

  /** The largest evidence file a claimant may upload (10 MiB): a phone photo or a scanned PDF. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_FILE_BYTES = 10 * 1024 * 1024;

  /** Where evidence files are kept: a folder on this machine, or an S3-compatible bucket (several API machines). */
  @IsIn(['local', 's3'])
  EVIDENCE_STORE: 'local' | 's3' = 'local';

  /** The evidence folder (EVIDENCE_STORE=local). Never a folder a web server serves: files are read through the API only. */
  @IsString()
  @MinLength(1)
  EVIDENCE_DIR = './var/evidence';

  /** Uploads in transit, encrypted with a one-time key (a crash leaves nothing readable behind). */
  @IsString()
  @MinLength(1)
  EVIDENCE_TMP_DIR = './var/uploads';

  @ValidateIf((c: AppConfig) => c.EVIDENCE_STORE === 's3')
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  EVIDENCE_S3_BUCKET?: string;

  @IsString()
  EVIDENCE_S3_REGION = 'ap-northeast-2';

  /** An S3-compatible endpoint (MinIO, a local server); AWS when unset. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  EVIDENCE_S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  EVIDENCE_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  EVIDENCE_S3_SECRET_ACCESS_KEY?: string;

  @Transform(toBool)
  @IsBoolean()
  EVIDENCE_S3_FORCE_PATH_STYLE = false;

  /**
   * Master keys that wrap each evidence file's own key, as `id:base64(32 bytes)` pairs (old ones
   * stay listed so files wrapped under them still open). Separate from PII_KEYS.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'must be a comma-separated list of id:base64(32-byte key)',
  })
  EVIDENCE_KEYS = DEV_ONLY_EVIDENCE_KEYS;

  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'must be a key id listed in EVIDENCE_KEYS' })
  EVIDENCE_ACTIVE_KEY_ID = 'dev1';

  /** An unfinished claim form is kept this long after it was started (or restarted), then deleted. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  DRAFT_DAYS = 30;

  /** How long a browser stays signed in to its claim form; the emailed link opens it again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  DRAFT_SESSION_HOURS = 12;

  /** HMAC key that signs the claimant pages' cookies. */
  @IsString()
  @MinLength(32)
  COOKIE_SECRET = DEV_ONLY_COOKIE_SECRET;

  /** Shows readiness details (queues, backlog) on the API to callers who send it as x-health-token. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  HEALTH_TOKEN?: string;

  /**
   * Lets operators read re-scoring progress on the API (x-ops-token). Until the staff console
   * has accounts, this is the only key to the /api/ops routes; without it they answer 404.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  OPS_TOKEN?: string;

  /**
   * Claims a request may add to a batch itself; more are added by the worker, the batch page
   * showing progress (one step of 20,000 takes about 1.5 s; a million, over a minute).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BATCH_ADD_IN_REQUEST = 20_000;

  /** Plaintiffs a request may lock a batch of itself; a larger batch is locked by the worker (about 10 s a million). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BATCH_LOCK_IN_REQUEST = 100_000;

  /** Claims per re-scoring chunk: one transaction, one access-log record, one progress step each. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20_000)
  RESCORE_CHUNK = 5_000;

  /** How long an emailed status link works; a claimant can ask for a new one, which ends the old. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  STATUS_LINK_DAYS = 180;

  /** A staff session ends after this long with no request (PIPA's safeguards: an unattended console locks). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(480)
  STAFF_IDLE_MINUTES = 30;

  /** A staff session ends after this long whatever happens: a day's work, then sign in again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(72)
  STAFF_SESSION_HOURS = 12;

  /** An invitation to a staff account works this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  STAFF_INVITATION_HOURS = 72;

  /** Rate limits, each `count/seconds`, kept in Redis (per process in memory while Redis is away). */
  @Transform(toBool)
  @IsBoolean()
  RATE_LIMITS_ENABLED = true;

  /** Claim submissions and email-code requests from one address. Generous: mobile carriers put many people behind one. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_PER_IP = '60/600';

  /** Claim submissions for one email address (retries included). */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_PER_EMAIL = '5/3600';

  /** Claim submissions for one mobile number. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_PER_PHONE = '5/3600';

  /** Claim submissions to one case from everyone together: a flood cannot bury the review queue. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_PER_CASE = '6000/60';

  /** Staff sign-in attempts (passwords and codes) from one address. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_STAFF_SIGN_IN = '30/600';

  /** Email-code requests for one address. */
  @Matches(RATE, { message: RATE_MESSAGE })
  RATE_LIMIT_CODES_PER_EMAIL = '5/3600';

  /**
   * Proof of work a client pays before submitting a claim or asking for an email code: about
   * POW_COST x (POW_COUNTER_MIN..MAX)/2 PBKDF2 rounds, a second or so of a phone's time, which a
   * script must pay for every claim. Verifying costs one HMAC.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  POW_COST = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  POW_COUNTER_MIN = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  POW_COUNTER_MAX = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400)
  POW_EXPIRES_SECONDS = 600;

  /** HMAC key that signs proof-of-work challenges. */
  @IsString()
  @MinLength(32)
  POW_HMAC_KEY = DEV_ONLY_POW_HMAC_KEY;

  /** An emailed six-digit code works this long, and for this many tries. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  EMAIL_CODE_MINUTES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  EMAIL_CODE_ATTEMPTS = 5;

  /** A verified code gives a proof of the address that a claim submission must carry, valid this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  EMAIL_PROOF_MINUTES = 60;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  LOG_PRETTY = false;
}

// Development defaults so `npm run dev` works with no setup. load-config.ts refuses
// to start a production process that still uses any of them.
export const DEV_ONLY_PII_KEYS = 'dev1:ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=';
export const DEV_ONLY_BLIND_INDEX_KEY = 'dev-only-blind-index-key-do-not-use-in-production';
export const DEV_ONLY_LINK_SIGNING_KEY = 'dev-only-link-signing-key-do-not-use-in-production';
export const DEV_ONLY_POW_HMAC_KEY = 'dev-only-proof-of-work-key-do-not-use-in-production';
export const DEV_ONLY_COOKIE_SECRET = 'dev-only-cookie-secret-do-not-use-in-production';
export const DEV_ONLY_EVIDENCE_KEYS = 'dev1:ZGV2LW9ubHktZXZpZGVuY2Uta2V5LW5vdC1wcm9kISE=';
