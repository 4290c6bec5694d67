/**
 * The one place that reads the environment. Parsed once with zod, every problem listed at once,
 * then frozen: the rest of the app receives a typed Config and never touches process.env.
 */
import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL used in printed and copied links; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string. When absent an embedded PostgreSQL (PGlite) runs in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Folder of the embedded database; ":memory:" keeps it in memory (tests). */
  DATA_DIR: z.string().min(1).default('./data/pglite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted request body in bytes (a full survey answer is a few kilobytes). */
  BODY_LIMIT: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  /** Smallest group shown in any aggregate. Never below 3. */
  SUPPRESSION_K: z.coerce.number().int().min(3).max(100).default(5),
  /** Where the survey editions live. */
  SURVEYS_DIR: z.string().min(1).default('./surveys'),
  /** Seed a demo campaign with links on start when the database has none. */
  SEED_DEMO: booleanish.default(true),
  /** Cookies get Secure and the __Host- prefix. Defaults to true in production. */
  SECURE_COOKIES: booleanish.optional(),
  TRUST_PROXY: booleanish.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Submissions per client per minute, held in memory only. */
  SUBMIT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Deletion-code attempts per client per 15 minutes. */
  DELETE_RATE_PER_WINDOW: z.coerce.number().int().min(1).default(10),
  /** How often complete responses are folded into the answer tallies; 0 turns it off. */
  TALLY_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /**
   * How often this server copy's in-memory response index catches up with the folds, deletions and
   * purges of every copy (each view catches up too, so this only spreads the work); 0 turns the
   * index off (results then read the tallies and the responses). Off when folding is off.
   */
  RESPONSE_INDEX_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  /**
   * How often the responses of past days still in submission order are rewritten in random order
   * (their place and transaction id would date them to the minute); 0 turns it off.
   */
  SHUFFLE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  /** Commercial licence key of the SurveyJS Dashboard; without one it shows a banner. */
  SURVEYJS_LICENSE_KEY: z.string().optional(),
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, 'SECURE_COOKIES'> & { SECURE_COOKIES: boolean; PUBLIC_URL: string }
>;

export class ConfigError extends Error {}

/** Parses an environment-like object; throws ConfigError listing every invalid variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return Object.freeze({
    ...c,
    SECURE_COOKIES: c.SECURE_COOKIES ?? c.NODE_ENV === 'production',
    PUBLIC_URL: (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`).replace(/\/$/, ''),
  });
}

/** The configuration of this process. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ ...process.env, ...overrides });
}
