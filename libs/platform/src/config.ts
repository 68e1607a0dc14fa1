import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Enough for tools that only touch the database. Defaults are the local stack's (see .env.example). */
export class DatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgresql:// URL' })
  DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/sigillo';
}

/** Variables every service process reads. */
export class BaseConfig extends DatabaseConfig {
  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so several stacks (tests, dev) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]+$/, { message: 'must be letters, digits, ":", "_" or "-"' })
  QUEUE_PREFIX = 'sigillo';

  @IsString()
  @Matches(/^https?:\/\//, { message: 'must be an http(s):// URL' })
  CHAIN_RPC_URL = 'http://127.0.0.1:8545';

  /** The NotificationLedger the log is anchored on; proofs and audits only trust its anchors. */
  @IsString()
  @Matches(/^0x[0-9a-fA-F]{40}$/, { message: 'must be a 0x-prefixed 20-byte address' })
  LEDGER_CONTRACT_ADDRESS: string;

  /** Names the deployment: the first line of every checkpoint. */
  @IsString()
  @Matches(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
  LEDGER_ORIGIN = 'sigillo.local/ledger';

  /** How often the anchorer runs, and so the usual delay from checkpoint to chain. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  ANCHOR_INTERVAL_MS = 2000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  ANCHOR_CONFIRMATIONS = 1;

  @IsIn(['trace', 'debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty`: one line a person reads (`npm run dev` sets it for its children); JSON everywhere else. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /**
   * After SIGTERM, how long in-flight requests (api) or held jobs and pollers (worker) may take to
   * finish before the process stops waiting; closing connections may take 5 s more. At most 25 s,
   * so the whole shutdown fits Kubernetes' default 30 s grace period before its SIGKILL.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(25000)
  SHUTDOWN_GRACE_MS = 10000;

  /**
   * Meta app secret(s) that sign webhooks (X-Hub-Signature-256), comma-separated so a rotation can
   * overlap. Empty: every webhook is refused.
   */
  @IsString()
  WHATSAPP_APP_SECRET = '';

  /** Answered back to Meta's webhook verification (hub.verify_token). Empty: verification is refused. */
  @IsString()
  WHATSAPP_VERIFY_TOKEN = '';
}

export class ApiConfig extends BaseConfig {
  @IsString()
  API_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  /**
   * Requests per minute one API key may make, counted in Redis so every api replica shares the
   * budget; above it the answer is 429. Passweb bursts (a sale, a bulk status change) need headroom.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  /**
   * /health fails when a ledger entry has waited longer than this for a confirmed anchor. An idle
   * log (nothing newer than the last anchor) is healthy however old that anchor is.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  HEALTH_MAX_ANCHOR_AGE_MS = 60000;

  /**
   * Each /health probe (database, Redis, chain RPC) and each /metrics source (database, Redis) gives up
   * after this: a hung dependency is a failed one, not a hung probe.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30000)
  HEALTH_TIMEOUT_MS = 2000;
}

export class WorkerConfig extends BaseConfig {
  /** C2SP signer key: PRIVATE+KEY+<origin>+<keyid>+<base64>. Its name must equal LEDGER_ORIGIN. */
  @IsString()
  @Matches(/^PRIVATE\+KEY\+/, { message: 'must be a PRIVATE+KEY+… signed-note signer key' })
  CHECKPOINT_SIGNER_KEY: string;

  @IsString()
  @Matches(/^(0x)?[0-9a-fA-F]{64}$/, { message: 'must be a 32-byte hex private key' })
  ANCHOR_PRIVATE_KEY: string;

  /** A checkpoint is signed at least this often while entries arrive. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(1000)
  CHECKPOINT_INTERVAL_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  SEQUENCER_BATCH_SIZE = 10000;

  /** Upper bound of the anchorer's backoff while the chain RPC fails. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  ANCHOR_MAX_BACKOFF_MS = 10000;

  /**
   * Tries of a send job that fails for a reason other than the provider's answer (the database
   * or Redis down). A provider's throttling or transient refusal is bounded by SEND_RETRY_DEADLINE_MS instead.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  SEND_MAX_ATTEMPTS = 8;

  /**
   * How long a send refused for throttling or Meta-side trouble (130429, 131048, 131056, 131000…)
   * keeps being retried, from its first refusal; after it the failure is final with the last error.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3_600_000)
  SEND_RETRY_DEADLINE_MS = 3_600_000;

  /** First retry delay; doubled each try, with jitter. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  SEND_BACKOFF_BASE_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  SEND_CONCURRENCY = 50;

  /** Meta's pair rate limit: about one message per 6 s to the same user. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RECIPIENT_MIN_INTERVAL_MS = 6000;

  /**
   * How long a send whose outcome was lost (a crash mid-call) waits at least for a status webhook
   * echoing it; it is sent again after that only if the sends around it got their statuses.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SEND_RECONCILE_WINDOW_MS = 60000;

  /** The longest such a send waits while the statuses of the sends around it are missing too (webhooks late). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SEND_RECONCILE_MAX_WAIT_MS = 1_800_000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 100;

  /** An outbox row handed to the queue this long ago without an outcome is handed again (a job lost with Redis). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  OUTBOX_REDISPATCH_MS = 30000;

  /**
   * The relay tops the send queue up to this many waiting jobs and no more: a backlog stays in the
   * outbox, so what is queued is sent long before OUTBOX_REDISPATCH_MS would hand it over again.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OUTBOX_QUEUE_HIGH_WATER = 2000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  TEMPLATE_SYNC_INTERVAL_MS = 300000;

  /**
   * Whole-message replies that opt a user out of marketing, comma-separated (case, accents,
   * punctuation and courtesy words at either end do not matter; see opt-out-keywords.ts). Empty:
   * STOP, ARRESTA, CANCELLAMI, BASTA MESSAGGI, NON SCRIVERMI PIÙ, STOP PROMOTIONS, UNSUBSCRIBE FROM
   * PROMOS and the other defaults. Each tenant may add its own (sigillo tenant set-opt-out-keywords).
   */
  @IsString()
  OPT_OUT_KEYWORDS = '';

  /** A delivery status whose message we never sent is reported after this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  STATUS_ORPHAN_REPORT_MS = 600000;
}

export class ConfigError extends Error {}

function isConfigKey(cls: new () => object, defaults: Record<string, unknown>, key: string): boolean {
  return key in defaults || Reflect.getMetadata('design:type', cls.prototype, key) !== undefined;
}

/**
 * Reads and validates the environment. Throws ConfigError with one line naming the first bad
 * variable; entry points print it and exit, so a misconfigured process never half-starts.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (value !== undefined && value !== '' && isConfigKey(cls, defaults, key)) raw[key] = value;
  }
  const config = plainToInstance(cls, raw, { enableImplicitConversion: false });
  const errors = validateSync(config as object, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = firstReason(first.property, first.constraints ?? {});
    const given = env[first.property];
    throw new ConfigError(`config: ${first.property} ${given === undefined || given === '' ? 'is missing' : reason}`);
  }
  return config;
}

// A value of the wrong type fails its range checks too; saying the type is the useful part.
const REASON_ORDER = ['isString', 'isInt', 'isIn', 'matches'];

function firstReason(property: string, constraints: Record<string, string>): string {
  const key = [...REASON_ORDER, ...Object.keys(constraints)].find((k) => k in constraints);
  const message = key ? constraints[key] : 'is invalid';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** Entry-point helper: the one-line message and exit code 1 on bad configuration. */
export function loadConfigOrExit<T extends object>(cls: new () => T): T {
  try {
    return loadConfig(cls);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
