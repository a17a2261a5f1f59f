import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A polled source's standing, read from Postgres when Prometheus scrapes. */
export interface SourceReading {
  id: number;
  kind: string;
  name: string;
  intervalSeconds: number;
  consecutiveFailures: number;
  /** Since its last successful poll, or since it was added when it has never had one. */
  secondsSinceSuccess: number;
}

/** How many jobs one queue holds in one state (waiting, active, delayed, failed). */
export interface QueueDepth {
  queue: string;
  state: string;
  count: number;
}

/** Requests one CourtListener rate window still allows. */
export interface BudgetReading {
  windowSeconds: number;
  remaining: number;
}

/**
 * What gauges read when Prometheus scrapes rather than when something happens. Each process gives
 * those it owns: every process its dependencies; the scheduler role the figures read from Postgres
 * and Redis (sources, outbox, queues), so one process reports them instead of every replica of
 * every role repeating the same series; a process with a CourtListener client its budget.
 */
export interface ScrapeReaders {
  dependencies: () => { name: string; up: boolean }[];
  sources: () => Promise<SourceReading[]>;
  /** null: not known now (Postgres is down). */
  outboxLagSeconds: () => Promise<number | null>;
  queueDepths: () => Promise<QueueDepth[]>;
  courtListenerBudget: () => BudgetReading[] | Promise<BudgetReading[]>;
}

/** Outcomes of one poll, as the source's poll history records them. */
export type PollOutcome = 'not-modified' | 'unchanged' | 'stored' | 'failed' | 'deferred';
/** What became of the deliveries one send attempt carried. */
export type DeliveryOutcome = 'sent' | 'retry' | 'dead' | 'paced';
export type DigestOutcome = 'sent' | 'empty' | 'refused' | 'retry';

/**
 * Every Prometheus series docketwatch exports, defined here and nowhere else. One instance per
 * process (the runtime makes it and hands it to each role); its registry is what `/metrics` serves,
 * on the API's port and on HEALTH_PORT alike.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly readers: Partial<ScrapeReaders> = {};

  readonly httpRequestSeconds = new Histogram({
    name: 'docketwatch_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (never the raw URL, which may hold a token) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly polls = new Counter({
    name: 'docketwatch_polls_total',
    help: 'Polls by source kind and outcome (not-modified: answered 304; unchanged: the same body; deferred: put off for politeness)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly pollFetchSeconds = new Histogram({
    name: 'docketwatch_poll_fetch_duration_seconds',
    help: "Time a poll spends in its kind's driver (conditional fetch and parse), by source kind",
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly parseFailures = new Counter({
    name: 'docketwatch_parse_failures_total',
    help: 'Polls whose document could not be parsed, by source kind and error code (PARSE_*)',
    labelNames: ['kind', 'code'] as const,
    registers: [this.registry],
  });

  readonly entriesStored = new Counter({
    name: 'docketwatch_entries_stored_total',
    help: 'New docket entries and press items polls stored, by source kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'docketwatch_deliveries_total',
    help: 'Deliveries by channel and what became of them (sent; retry: a temporary failure; dead: given up; paced: held for the destination)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly firstSeenToDeliveredSeconds = new Histogram({
    name: 'docketwatch_first_seen_to_delivered_seconds',
    help: 'From the moment docketwatch stored an entry (its outbox event) to the channel accepting the alert, by channel',
    labelNames: ['channel'] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400],
    registers: [this.registry],
  });

  readonly digests = new Counter({
    name: 'docketwatch_digests_total',
    help: 'Daily digests by outcome (sent; empty: nothing new, not sent; refused: the mail server refused it for good; retry: the next sweep tries again)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly operatorNotices = new Counter({
    name: 'docketwatch_operator_notices_total',
    help: 'Notices to the operator about sources (failing, layout-changed, silent, recovered) by whether they were mailed (mailed; logged: no OPERATOR_EMAILS)',
    labelNames: ['condition', 'outcome'] as const,
    registers: [this.registry],
  });

  /** The gauges read at scrape time, by the reader each reads; a process exports those whose readers it gives. */
  private readonly scrapeGauges: Record<keyof ScrapeReaders, Gauge[]>;

  /** onReadError: a reader failed at scrape time; its series are left out of that scrape, the rest still answer. */
  constructor(onReadError: (err: unknown) => void = () => {}) {
    collectDefaultMetrics({ register: this.registry, prefix: 'docketwatch_' });
    const { readers } = this;
    const read = <T>(reader: (() => T | Promise<T>) | undefined): Promise<T | undefined> =>
      Promise.resolve()
        .then(() => reader?.())
        .catch((err: unknown) => {
          onReadError(err);
          return undefined;
        });
    // Three gauges come from one query: a scrape collects every metric at once, so they share it.
    const sources = whileRunning(() => read(readers.sources));
    const sourceGauge = (name: string, help: string, value: (s: SourceReading) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['source_id', 'kind', 'name'] as const,
        registers: [],
        async collect() {
          const readings = await sources();
          this.reset();
          for (const s of readings ?? []) this.set({ source_id: String(s.id), kind: s.kind, name: s.name }, value(s));
        },
      });
    this.scrapeGauges = {
      dependencies: [
        new Gauge({
          name: 'docketwatch_dependency_up',
          help: 'Whether this process reaches each dependency (postgres, redis): 1 up, 0 down, as its dependency watch last saw',
          labelNames: ['dependency'] as const,
          registers: [],
          async collect() {
            const states = (await read(readers.dependencies)) ?? [];
            this.reset();
            for (const { name, up } of states) this.set({ dependency: name }, up ? 1 : 0);
          },
        }),
      ],
      sources: [
        sourceGauge(
          'docketwatch_source_last_success_age_seconds',
          'Seconds since each enabled polled source last polled successfully (since it was added, if never)',
          (s) => s.secondsSinceSuccess,
        ),
        sourceGauge(
          'docketwatch_source_consecutive_failures',
          'Failed polls in a row of each enabled polled source',
          (s) => s.consecutiveFailures,
        ),
        sourceGauge(
          'docketwatch_source_interval_seconds',
          'How often each enabled polled source is meant to be polled',
          (s) => s.intervalSeconds,
        ),
      ],
      outboxLagSeconds: [
        new Gauge({
          name: 'docketwatch_outbox_lag_seconds',
          help: 'Age of the oldest outbox event not yet fanned out to deliveries (0: none waiting; NaN: unknown, Postgres is unreachable)',
          registers: [],
          async collect() {
            this.set((await read(readers.outboxLagSeconds)) ?? NaN);
          },
        }),
      ],
      queueDepths: [
        new Gauge({
          name: 'docketwatch_queue_jobs',
          help: 'Jobs in each BullMQ queue by state',
          labelNames: ['queue', 'state'] as const,
          registers: [],
          async collect() {
            const depths = (await read(readers.queueDepths)) ?? [];
            this.reset();
            for (const { queue, state, count } of depths) this.set({ queue, state }, count);
          },
        }),
      ],
      courtListenerBudget: [
        new Gauge({
          name: 'docketwatch_courtlistener_budget_remaining',
          help: 'Requests the CourtListener budget still allows in each rate window',
          labelNames: ['window_seconds'] as const,
          registers: [],
          async collect() {
            const budget = (await read(readers.courtListenerBudget)) ?? [];
            this.reset();
            for (const { windowSeconds, remaining } of budget) this.set({ window_seconds: String(windowSeconds) }, remaining);
          },
        }),
      ],
    };
  }

  /** One poll: its outcome, what it stored and, for a document that would not parse, why. */
  recordPoll(kind: string, poll: { outcome: PollOutcome; stored: number; errorCode: string | null }): void {
    this.polls.inc({ kind, outcome: poll.outcome });
    this.entriesStored.inc({ kind }, poll.stored);
    if (poll.errorCode?.startsWith('PARSE_')) this.parseFailures.inc({ kind, code: poll.errorCode });
  }

  /** What became of the deliveries one message carried. */
  recordDeliveries(channel: string, outcome: DeliveryOutcome, count: number): void {
    this.deliveries.inc({ channel, outcome }, count);
  }

  /** A message the channel accepted, carrying entries docketwatch stored at these times. */
  recordDelivered(channel: string, storedAt: readonly Date[], now = new Date()): void {
    for (const at of storedAt) this.firstSeenToDeliveredSeconds.observe({ channel }, Math.max(0, now.getTime() - at.getTime()) / 1000);
  }

  recordDigest(outcome: DigestOutcome): void {
    this.digests.inc({ outcome });
  }

  /** Gives the gauges read at scrape time what they read, and exports them from then on. */
  readAtScrape(readers: Partial<ScrapeReaders>): void {
    for (const key of Object.keys(readers) as (keyof ScrapeReaders)[]) {
      if (!this.readers[key]) for (const gauge of this.scrapeGauges[key]) this.registry.registerMetric(gauge);
    }
    Object.assign(this.readers, readers);
  }

  /** The exposition Prometheus reads, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Calls made while one is in flight share its answer. */
function whileRunning<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => (running ??= read().finally(() => (running = null)));
}
