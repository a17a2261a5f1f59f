import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The whole configuration of a docketwatch process, read once at start-up from the environment.
 * Tests pass their own env; nothing reads process.env at import time.
 */
const boolish = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const domainList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)), 'a comma-separated list of domains');

function isIpOrCidr(value: string): boolean {
  const [address = '', bits, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** Each process brings the schema up to date at start; deployments turn it off and run `docketwatch migrate` once instead. */
  MIGRATE_ON_START: boolish.default(true),
  DATA_DIR: z.string().default('./.data'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default('dw'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('docketwatch <alerts@docketwatch.localhost>'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Behind a reverse proxy: `true` (trust X-Forwarded-For from any hop) or a comma-separated list
   * of the proxies' addresses. Rate limits and the webhook sender check need
   * the client's address, not the proxy's.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(?:true|false|[0-9a-f.:/]+(?:,\s*[0-9a-f.:/]+)*)?$/i, 'true, or a comma-separated list of addresses')
    .optional(),
  /** Where a process answers /livez and /readyz for an orchestrator's probes; workers have no other listener. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().default('127.0.0.1'),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Largest message the SMTP listener takes; a CM/ECF notice is a few kilobytes. */
  INBOUND_SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  INBOUND_SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(10000).default(20),
  /** A session silent this long is closed. */
  INBOUND_SMTP_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  /** A session is closed this long after it opened, however busy: a slow drip cannot hold a slot. */
  INBOUND_SMTP_SESSION_DEADLINE_MS: z.coerce.number().int().min(100).default(300_000),
  /** Mail domains of the courts: a notice counts only when authenticated as one of these (or a subdomain). */
  INBOUND_COURT_DOMAINS: domainList('uscourts.gov,supremecourt.gov,sc-us.gov'),
  /** `dkim`: a DKIM signature aligned with the From domain; `dmarc`: also a DMARC pass through aligned SPF. */
  INBOUND_AUTH: z.enum(['dkim', 'dmarc']).default('dkim'),
  /** Relays (IPs or CIDRs) whose Authentication-Results header is believed, e.g. the operator's MTA. */
  INBOUND_TRUSTED_RELAYS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isIpOrCidr), 'each relay must be an IP address or a CIDR range'),
  /** The authserv-id the trusted relays write in their Authentication-Results header. */
  INBOUND_RELAY_AUTHSERV_ID: z.string().min(1).optional(),
  COURTLISTENER_TOKEN: z.string().min(1).optional(),
  /** CourtListener's address: its API and docket alerts are asked for here (a local stand-in in tests). */
  COURTLISTENER_URL: z.string().url().default('https://www.courtlistener.com'),
  CATALOGUE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  USER_AGENT: z.string().min(8).default('docketwatch/0.1 (court-docket monitor; +https://github.com/docketwatch/docketwatch)'),
  ALLOW_PRIVATE_URLS: boolish.default(false),
  /** How long a claimed source stays reserved if its poll job is lost (Redis flushed, worker killed). */
  CLAIM_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  SCHEDULER_TICK_MS: z.coerce.number().int().min(250).default(5000),
  POLL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a worker may go silent before its job is given to another (a killed worker's jobs resume after this). */
  /**
   * A job whose worker stops renewing its lock for this long goes back to the queue. Short, so a job
   * a killed notifier had taken (before claiming its delivery) is run again within seconds.
   */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(10000),
  /** Messages per second through the SMTP pool (providers throttle). */
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10000).default(20),
  /** How long a new alert waits for others in the same matter, to send a burst as one message. */
  COALESCE_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  /** Most entries combined into one alert. */
  DELIVERY_BATCH_MAX: z.coerce.number().int().min(1).max(200).default(50),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /**
   * A claimed delivery whose sender has not renewed its claim for this long is presumed dead and sent
   * again. Live senders renew every third of it, so it stays short: a dead notifier's work resumes
   * within this plus one sweep (SCHEDULER_TICK_MS).
   */
  LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(8),
  /** Requests one client may make to the HTTP API and web UI per minute, across every process. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Mails (confirmations, "mail me a link") one address may be sent per hour, whoever asks. */
  MAIL_LIMIT_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Such mails one client may cause per hour, whatever addresses it names. */
  MAIL_LIMIT_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** How long an admin stays signed in. */
  ADMIN_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Who is mailed when a source turns failing, changes its layout, falls silent or recovers (comma-separated). */
  OPERATOR_EMAILS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().email('OPERATOR_EMAILS: comma-separated e-mail addresses'))),
  /** Requests in flight to one host at once, across every poller process. */
  POLITENESS_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Least time between the starts of two requests to one host, across every poller; 0 for none. */
  POLITENESS_HOST_SPACING_MS: z.coerce.number().int().min(0).default(0),
  /** Per-host limits for sites that ask for more care: {"www.supremecourt.gov":{"concurrency":1,"spacingMs":2000}}. */
  POLITENESS_HOSTS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a JSON object of host to {"concurrency", "spacingMs"}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'a host name, with :port when not the default'),
        z.object({ concurrency: z.number().int().min(1).max(64).optional(), spacingMs: z.number().int().min(0).optional() }).strict(),
      ),
    ),
  /**
   * The CourtListener account's throttle, e.g. "5/minute,50/hour,125/day" (the default: a new
   * account's). One budget of these requests is shared by every process and CourtListener source.
   */
  COURTLISTENER_LIMITS: z
    .string()
    .regex(/^\s*\d+\/(second|minute|hour|day)\s*(,\s*\d+\/(second|minute|hour|day)\s*)*$/, 'like "5/minute,50/hour,125/day"')
    .optional(),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(20000),
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
});

export interface Config {
  database: { url: string | null; dataDir: string; migrateOnStart: boolean };
  redis: { url: string; prefix: string };
  mail: { smtpUrl: string | null; from: string; ratePerSecond: number };
  http: { host: string; port: number; publicUrl: string; trustProxy: TrustProxy };
  /** The probe listener's port (on HOST), or null for none. */
  health: { port: number | null };
  inboundSmtp: InboundSmtpConfig;
  /** `limits` null: a new account's (FREE_ACCOUNT_LIMITS in packages/sources). */
  courtListener: { token: string | null; url: string; limits: RateWindow[] | null };
  catalogue: string | null;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  fetch: { userAgent: string; allowPrivateAddresses: boolean; timeoutMs: number; maxBodyBytes: number };
  politeness: Politeness;
  scheduler: { tickMs: number; pollConcurrency: number; deliveryConcurrency: number; jobLockMs: number; claimLeaseSeconds: number };
  delivery: { coalesceSeconds: number; batchMax: number; leaseSeconds: number };
  rateLimits: RateLimits;
  adminSessionHours: number;
  /** Who hears of sources going wrong; empty: notices are logged and listed, not mailed. */
  operatorEmails: string[];
}

/** Requests allowed in any window of `perMs` milliseconds. */
export interface RateWindow {
  limit: number;
  perMs: number;
}

/** What every poller keeps to towards one host; `hosts` overrides the defaults for the hosts it names. */
export interface Politeness {
  defaults: { concurrency: number; spacingMs: number };
  hosts: Record<string, { concurrency?: number; spacingMs?: number }>;
}

/** Fastify's `trustProxy`: whether, or which proxies', X-Forwarded-For to believe. */
export type TrustProxy = boolean | string[];

export interface RateLimits {
  requestsPerMinute: number;
  mailsPerAddressPerHour: number;
  mailsPerClientPerHour: number;
}

export interface InboundSmtpConfig {
  host: string;
  port: number;
  maxBytes: number;
  maxClients: number;
  idleTimeoutMs: number;
  sessionDeadlineMs: number;
  trust: InboundTrust;
}

/** Which mail counts as the court's; everything else is kept as quarantined. */
export interface InboundTrust {
  courtDomains: string[];
  accept: 'dkim' | 'dmarc';
  relays: string[];
  relayAuthservId: string | null;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.INBOUND_TRUSTED_RELAYS.length > 0 && !e.INBOUND_RELAY_AUTHSERV_ID) {
    throw new ConfigError(
      "Invalid configuration: INBOUND_RELAY_AUTHSERV_ID: required with INBOUND_TRUSTED_RELAYS (only that relay's Authentication-Results header is believed)",
    );
  }
  return {
    database: { url: e.DATABASE_URL ?? null, dataDir: e.DATA_DIR, migrateOnStart: e.MIGRATE_ON_START },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM, ratePerSecond: e.SMTP_RATE_PER_SECOND },
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? defaultPublicUrl(e.HOST, e.PORT)).replace(/\/$/, ''),
      trustProxy: trustProxyOf(e.TRUST_PROXY),
    },
    health: { port: e.HEALTH_PORT ?? null },
    inboundSmtp: {
      host: e.INBOUND_SMTP_HOST,
      port: e.INBOUND_SMTP_PORT,
      maxBytes: e.INBOUND_SMTP_MAX_BYTES,
      maxClients: e.INBOUND_SMTP_MAX_CLIENTS,
      idleTimeoutMs: e.INBOUND_SMTP_IDLE_TIMEOUT_MS,
      sessionDeadlineMs: e.INBOUND_SMTP_SESSION_DEADLINE_MS,
      trust: {
        courtDomains: e.INBOUND_COURT_DOMAINS,
        accept: e.INBOUND_AUTH,
        relays: e.INBOUND_TRUSTED_RELAYS,
        relayAuthservId: e.INBOUND_RELAY_AUTHSERV_ID ?? null,
      },
    },
    courtListener: {
      token: e.COURTLISTENER_TOKEN ?? null,
      url: e.COURTLISTENER_URL,
      limits: e.COURTLISTENER_LIMITS ? rateWindowsOf(e.COURTLISTENER_LIMITS) : null,
    },
    delivery: { coalesceSeconds: e.COALESCE_SECONDS, batchMax: e.DELIVERY_BATCH_MAX, leaseSeconds: e.LEASE_SECONDS },
    rateLimits: {
      requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
      mailsPerAddressPerHour: e.MAIL_LIMIT_PER_ADDRESS_PER_HOUR,
      mailsPerClientPerHour: e.MAIL_LIMIT_PER_CLIENT_PER_HOUR,
    },
    adminSessionHours: e.ADMIN_SESSION_HOURS,
    operatorEmails: e.OPERATOR_EMAILS,
    catalogue: e.CATALOGUE ?? null,
    logLevel: e.LOG_LEVEL,
    fetch: {
      userAgent: e.USER_AGENT,
      allowPrivateAddresses: e.ALLOW_PRIVATE_URLS,
      timeoutMs: e.FETCH_TIMEOUT_MS,
      maxBodyBytes: e.FETCH_MAX_BYTES,
    },
    politeness: {
      defaults: { concurrency: e.POLITENESS_HOST_CONCURRENCY, spacingMs: e.POLITENESS_HOST_SPACING_MS },
      hosts: Object.fromEntries(Object.entries(e.POLITENESS_HOSTS).map(([host, limits]) => [host.toLowerCase(), limits])),
    },
    scheduler: {
      tickMs: e.SCHEDULER_TICK_MS,
      pollConcurrency: e.POLL_CONCURRENCY,
      deliveryConcurrency: e.DELIVERY_CONCURRENCY,
      jobLockMs: e.JOB_LOCK_MS,
      claimLeaseSeconds: e.CLAIM_LEASE_SECONDS,
    },
  };
}

/**
 * The address `docketwatch start` prints, so links in mail open the same site the person is looking
 * at (a cookie set on 127.0.0.1 is not sent to localhost). A wildcard listen is reached as localhost.
 */
function defaultPublicUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

const PERIOD_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function rateWindowsOf(value: string): RateWindow[] {
  return value.split(',').map((part) => {
    const [limit = '', period = ''] = part.trim().split('/');
    return { limit: Number(limit), perMs: PERIOD_MS[period as keyof typeof PERIOD_MS] };
  });
}

function trustProxyOf(value: string | undefined): TrustProxy {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value.split(',').map((address) => address.trim());
}
