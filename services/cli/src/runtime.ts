import { loadConfig, type Config } from '@docketwatch/config';
import {
  installationSecret,
  openDatabase,
  migrateToLatest,
  insertLocalMail,
  pingDatabase,
  readOutboxLagSeconds,
  readSourceStandings,
  type Db,
  type DbHandle,
} from '@docketwatch/db';
import { applyCatalogue, readCatalogueFile, STARTER_CATALOGUE } from '@docketwatch/catalogue';
import { RobotsRules, type HttpClient } from '@docketwatch/http';
import { outboundHttp } from './outbound-http';
import { createLogger, maskUrlPassword, Metrics, type Logger } from '@docketwatch/log';
import { EmailSender, type RenderedEmail } from '@docketwatch/notify';
import {
  checkRedis,
  createHostPoliteness,
  createRedisConnection,
  createRequestLedger,
  jobIds,
  QueueSet,
  type RedisConnection,
} from '@docketwatch/queue';
import { Poller } from '@docketwatch/poller';
import {
  CourtListenerClient,
  DEFAULT_MIN_INTERVAL_MS,
  FREE_ACCOUNT_LIMITS,
  polledKindIds,
  SharedRequestBudget,
} from '@docketwatch/sources';
import { Notifier } from '@docketwatch/notifier';
import { ApiServer, OneTimeLogins } from '@docketwatch/api';
import { InboundMailServer } from '@docketwatch/inbound-mail';

import { assertPortFree, explainListenError, type PortSpec } from './port-check';
import { DependencyWatch } from './dependency-watch';
import { HealthServer } from './health-server';
import { ALL_ROLES, type Role } from './roles';

interface Stoppable {
  stop(): Promise<void>;
}

/** The connections a process opens once and its roles share. */
interface SharedParts {
  db: Db;
  connection: RedisConnection;
  queues: QueueSet;
  http: HttpClient;
  email: EmailSender;
  /** Wakes the notifier when a push (upload, webhook, mail) produced outbox events. */
  wakeNotifier: () => Promise<void>;
}

/**
 * One docketwatch process: the roles it runs, wired to their dependencies, with start() and stop().
 * `docketwatch start` runs every role in one process; production runs roles as separate processes.
 */
export class Runtime {
  private readonly parts: Stoppable[] = [];
  private db: DbHandle | null = null;
  private connection: RedisConnection | null = null;
  private queues: QueueSet | null = null;
  private http: HttpClient | null = null;
  private email: EmailSender | null = null;
  readonly log: Logger;
  /** What /metrics serves, on the API's port and on HEALTH_PORT: every role this process runs records here. */
  readonly metrics: Metrics;
  address: string | null = null;
  /** A single-use admin sign-in link, when this one process runs everything (`npm start`); print it, never log it. */
  adminSignInUrl: string | null = null;
  inboundAddress: { host: string; port: number } | null = null;
  healthAddress: { host: string; port: number } | null = null;

  constructor(
    readonly config: Config,
    private readonly roles: Role[],
  ) {
    this.log = createLogger({ name: 'docketwatch', level: config.logLevel });
    this.metrics = new Metrics((err) => this.log.warn({ err }, 'a metric could not be read'));
  }

  static fromEnv(env: Record<string, string | undefined>, roles: Role[]): Runtime {
    return new Runtime(loadConfig(env), roles);
  }

  async start(): Promise<void> {
    if (!this.config.database.url && this.roles.length < ALL_ROLES.length) {
      throw new Error(
        'Running roles as separate processes needs a shared Postgres: set DATABASE_URL (embedded PGlite serves one process only).',
      );
    }
    await this.checkPorts();
    await checkRedis(this.config.redis.url);
    const db = await this.openDatabase();
    const shared = this.openConnections(db);
    // An outage of either is logged once when it starts and once when it ends.
    const watch = new DependencyWatch(
      [
        { name: 'postgres', ping: () => pingDatabase(db) },
        { name: 'redis', ping: async () => void (await shared.connection.ping()) },
      ],
      this.log,
    );
    watch.start();
    this.parts.push(watch);
    this.metrics.readAtScrape({ dependencies: () => watch.states });
    if (this.roles.includes('scheduler')) this.readRecordAtScrape(shared, watch);
    if (this.config.health.port !== null) await this.startHealth(watch);
    if (this.roles.includes('poller') || this.roles.includes('scheduler')) await this.startPolling(shared);
    if (this.roles.includes('notifier')) await this.startNotifier(shared);
    if (this.roles.includes('inbound')) await this.startInbound(shared);
    if (this.roles.includes('api')) await this.startApi(shared);
  }

  /** The ports this process's listeners need, checked before anything starts. */
  private async checkPorts(): Promise<void> {
    if (this.roles.includes('api')) await assertPortFree(this.apiPort());
    if (this.roles.includes('inbound')) await assertPortFree(this.inboundPort());
    if (this.config.health.port !== null) await assertPortFree(this.healthPort());
  }

  private apiPort(): PortSpec {
    return { host: this.config.http.host, port: this.config.http.port, variable: 'PORT', label: '' };
  }

  private inboundPort(): PortSpec {
    return {
      host: this.config.inboundSmtp.host,
      port: this.config.inboundSmtp.port,
      variable: 'INBOUND_SMTP_PORT',
      label: 'inbound SMTP ',
    };
  }

  /** Opens Postgres (or embedded PGlite), brings its schema up to date, and loads the catalogue where the scheduler runs. */
  private async openDatabase(): Promise<Db> {
    const { config, log } = this;
    this.db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
    const where = this.db.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : maskUrlPassword(config.database.url ?? '');
    log.info({ database: where }, 'database');
    // Deployments set MIGRATE_ON_START=false and run `docketwatch migrate` once, before the roles roll out.
    if (config.database.migrateOnStart) await migrateToLatest(this.db.db);
    if (this.roles.includes('scheduler')) {
      const file = config.catalogue ?? STARTER_CATALOGUE;
      const report = await applyCatalogue(this.db.db, readCatalogueFile(file));
      log.info({ catalogue: file, ...report }, 'catalogue loaded');
    }
    return this.db.db;
  }

  private healthPort(): PortSpec {
    return { host: this.config.http.host, port: this.config.health.port ?? 0, variable: 'HEALTH_PORT', label: 'health ' };
  }

  private async startHealth(watch: DependencyWatch): Promise<void> {
    const health = new HealthServer(
      {
        unavailable: async () => {
          await watch.check();
          return watch.unavailable;
        },
      },
      this.metrics,
    );
    const spec = this.healthPort();
    this.healthAddress = await health.start(spec.host, spec.port).catch((err: unknown) => {
      throw explainListenError(err, spec);
    });
    this.log.info({ health: this.healthAddress }, 'answering /livez, /readyz and /metrics');
    this.parts.push(health);
  }

  /**
   * The gauges read from Postgres and Redis when Prometheus scrapes (sources' last success, outbox
   * lag, queue depths) are the scheduler's to report: there is one scheduler, so each series has one
   * source, where every api, poller and notifier replica reporting them would repeat it. While the
   * dependency watch sees Postgres or Redis down, their figures are left out rather than holding the
   * scrape (an offline Redis queues commands until it returns); docketwatch_dependency_up says why.
   */
  private readRecordAtScrape({ db, queues }: SharedParts, watch: DependencyWatch): void {
    const up = (name: string) => !watch.unavailable.includes(name);
    this.metrics.readAtScrape({
      sources: async () => (up('postgres') ? readSourceStandings(db, polledKindIds) : []),
      outboxLagSeconds: async () => (up('postgres') ? readOutboxLagSeconds(db) : null),
      queueDepths: async () => (up('redis') ? queues.depths() : []),
    });
  }

  /** What every role shares: Redis and the queues on it, the outbound HTTP client and one pooled mail transport. */
  private openConnections(db: Db): SharedParts {
    const { config, log } = this;
    const connection = createRedisConnection(config.redis.url);
    connection.on('error', (err) => log.warn({ err }, 'redis connection error'));
    const queues = new QueueSet({ connection, prefix: config.redis.prefix, onError: (err) => log.error({ err }, 'queue error') });
    // Every poller keeps to one set of per-host limits, and a host's Retry-After holds it for all.
    const http = outboundHttp(config, createHostPoliteness(connection, config.redis.prefix, config.politeness));
    // Alerts (notifier) and opt-in mail (api) share it.
    const email = new EmailSender({
      from: config.mail.from,
      smtpUrl: config.mail.smtpUrl,
      ratePerSecond: config.mail.ratePerSecond,
      localMailbox: { store: (mail) => insertLocalMail(db, mail) },
    });
    // Kept for stop(), which closes them after the roles.
    this.connection = connection;
    this.queues = queues;
    this.http = http;
    this.email = email;
    return { db, connection, queues, http, email, wakeNotifier: async () => void (await queues.add('fanOut', {})) };
  }

  private async startPolling({ db, queues, connection, http }: SharedParts): Promise<void> {
    const { config, log } = this;
    const courtListener = this.courtListenerClient(http, connection);
    if (courtListener) this.metrics.readAtScrape({ courtListenerBudget: () => courtListener.budgetRemaining() });
    const poller = new Poller({
      db,
      queues,
      connection,
      log,
      http,
      concurrency: this.roles.includes('poller') ? config.scheduler.pollConcurrency : 0,
      poll: this.roles.includes('poller'),
      schedule: this.roles.includes('scheduler'),
      jobLockMs: config.scheduler.jobLockMs,
      claimLeaseSeconds: config.scheduler.claimLeaseSeconds,
      courtListener,
      robots: new RobotsRules(http, config.fetch.userAgent),
      metrics: this.metrics,
    });
    await poller.start();
    this.parts.push(poller);
  }

  /**
   * CourtListener's client when a token is configured. Its requests come from one budget in Redis,
   * sized from the account's limits and shared by every process and every CourtListener source.
   */
  private courtListenerClient(http: HttpClient, connection: RedisConnection): CourtListenerClient | null {
    const { token, url, limits } = this.config.courtListener;
    if (!token) return null;
    const rateLimits = limits ?? FREE_ACCOUNT_LIMITS;
    const ledger = createRequestLedger(connection, this.config.redis.prefix, 'courtlistener', {
      windows: rateLimits,
      minIntervalMs: DEFAULT_MIN_INTERVAL_MS,
    });
    // A poll waits up to a minute for its turn; a later one defers the poll instead.
    const budget = new SharedRequestBudget(ledger, { maxWaitMs: 60_000 });
    return new CourtListenerClient({ http, token, baseUrl: url, rateLimits, budget });
  }

  private async startNotifier({ db, queues, connection, http, email }: SharedParts): Promise<void> {
    const { config, log } = this;
    const notifier = new Notifier({
      db,
      queues,
      connection,
      log,
      email,
      http,
      coalesceSeconds: config.delivery.coalesceSeconds,
      batchMax: config.delivery.batchMax,
      leaseSeconds: config.delivery.leaseSeconds,
      operatorEmails: config.operatorEmails,
      publicUrl: config.http.publicUrl,
      concurrency: config.scheduler.deliveryConcurrency,
      tickMs: config.scheduler.tickMs,
      jobLockMs: config.scheduler.jobLockMs,
      metrics: this.metrics,
    });
    await notifier.start();
    this.parts.push(notifier);
  }

  private async startInbound({ db, wakeNotifier }: SharedParts): Promise<void> {
    const { config, log } = this;
    const inbound = new InboundMailServer({
      db,
      log,
      ...config.inboundSmtp,
      onEvents: wakeNotifier,
    });
    this.inboundAddress = await inbound.start().catch((err: unknown) => {
      throw explainListenError(err, this.inboundPort());
    });
    log.info({ inboundSmtp: this.inboundAddress }, 'receiving court notices by SMTP');
    this.parts.push(inbound);
  }

  private async startApi({ db, connection, queues, email, wakeNotifier }: SharedParts): Promise<void> {
    const { config, log } = this;
    // Rate limits get their own connection: one that gives up at once, so a Redis outage cannot hold requests.
    const limits = createRedisConnection(config.redis.url, { maxRetriesPerRequest: 1 });
    limits.on('error', (err) => log.warn({ err }, 'redis connection error (rate limits)'));
    this.parts.push({ stop: async () => void limits.disconnect() });
    const adminLogins = this.roles.length === ALL_ROLES.length ? new OneTimeLogins() : undefined;
    const api = new ApiServer(
      {
        db,
        log,
        pingRedis: async () => void (await connection.ping()),
        mailMode: config.mail.smtpUrl ? 'smtp' : 'local',
        onEvents: wakeNotifier,
        // An admin's "Poll now": one job per source and second, so a double click polls once.
        queues,
        // Webhook events are kept by the API and ingested by a job on the poller role.
        ingestWebhook: async (messageId) => queues.add('ingestWebhooks', { messageId }, { jobId: jobIds.ingestWebhook(messageId) }),
        pollNow: async (sourceId) =>
          queues.add('pollSource', { sourceId }, { jobId: jobIds.poll(sourceId, new Date(Math.floor(Date.now() / 1000) * 1000)) }),
        publicUrl: config.http.publicUrl,
        linkSecret: await installationSecret(db, 'link-signing'),
        redis: { connection: limits, prefix: config.redis.prefix },
        rateLimits: config.rateLimits,
        adminSessionHours: config.adminSessionHours,
        courtListenerLimits: config.courtListener.limits ?? FREE_ACCOUNT_LIMITS,
        trustProxy: config.http.trustProxy,
        ...(adminLogins ? { adminLogins } : {}),
        metrics: this.metrics,
        sendMail: (to, mail) => sendAccountMail(email, config.http.publicUrl, to, mail),
      },
      { host: config.http.host, port: config.http.port },
    );
    this.address = await api.start().catch((err: unknown) => {
      throw explainListenError(err, this.apiPort());
    });
    if (adminLogins) this.adminSignInUrl = `${this.address}/admin/login/${adminLogins.issue()}`;
    this.parts.push(api);
  }

  /** Stops accepting work, lets jobs in hand finish, then closes connections. */
  async stop(): Promise<void> {
    for (const part of this.parts.reverse()) await part.stop();
    this.parts.length = 0;
    await this.queues?.close();
    await this.email?.close();
    await this.http?.close();
    this.connection?.disconnect();
    await this.db?.close();
  }
}

/** Mail the API renders for a person (double opt-in, "already subscribed", manage link), each with its own Message-ID. */
async function sendAccountMail(email: EmailSender, publicUrl: string, to: string, mail: RenderedEmail): Promise<void> {
  await email.send({
    ...mail,
    to,
    messageId: `<account-${Date.now()}-${Math.random().toString(36).slice(2)}@${new URL(publicUrl).hostname}>`,
  });
}
