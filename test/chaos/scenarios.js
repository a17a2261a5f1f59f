// The chaos scenarios: each builds its world, starts docketwatch as separate role processes (a
// scheduler, two pollers, two notifiers and the API), files a stream of filings while its fault
// plays out, waits for what is owed to arrive, and returns its tally (tally.js).
const { randomBytes } = require('node:crypto');
const { ChaosInstallation, until } = require('./installation');
const { FarmSource, MailSink, Receivers, tokensIn } = require('./world');
const { tallyScenario } = require('./tally');

const ROLES = ['scheduler', 'poller-1', 'poller-2', 'notifier-1', 'notifier-2', 'api'];
const OPERATOR = 'operator@chaos.test';
/** Every source's interval: short, so filings are seen within seconds (the product's defaults are minutes). */
const INTERVAL_SECONDS = 5;
const PRESS_ALIAS = 'Caldera Chaos Holdings';

/** The healthy sources, one per kind the issue names, each with its own matter and subscribers. */
const HEALTHY = [
  // The court's whole feed, as courts publish it: entries of other cases in it are not followed.
  { key: 'appeal', name: 'Chaos CA4 feed', kind: 'pacer-rss', address: '127.0.0.11', text: (t) => `Chaos order ${t} filed` },
  {
    key: 'application',
    name: 'Chaos Supreme Court docket',
    kind: 'scotus-docket',
    address: '127.0.0.12',
    text: (t) => `Chaos motion ${t} lodged.`,
  },
  { key: 'press', name: 'Chaos press room', kind: 'page-watch', address: '127.0.0.13', text: (t) => `Statement on ${PRESS_ALIAS} ${t}` },
];
/** Scenario 7's faulty sources: press pages that 404, hang, send 10 MB or are redesigned. */
const FAULTY = [
  { key: 'gone', name: 'Chaos page that 404s', kind: 'page-watch', address: '127.0.0.21', fault: '404' },
  { key: 'stalled', name: 'Chaos page that hangs', kind: 'page-watch', address: '127.0.0.22', fault: 'hang' },
  { key: 'huge', name: 'Chaos page of 10 MB', kind: 'page-watch', address: '127.0.0.23', fault: 'huge' },
  { key: 'redesigned', name: 'Chaos page redesigned', kind: 'page-watch', address: '127.0.0.24', fault: 'layout' },
];

/** Who hears of each matter: two e-mail addresses, a Slack and a Teams webhook, and a signed webhook. */
function recipientsOf(matter) {
  return [`${matter}-1@chaos.test`, `${matter}-2@chaos.test`, `/slack/${matter}`, `/webhook/${matter}`, `/teams/${matter}`];
}

function catalogueOf(sources, receiversUrl) {
  const subscriptions = (matter) =>
    recipientsOf(matter)
      .map((r) => {
        if (!r.startsWith('/')) return `      - { email: ${r} }`;
        const channel = r.split('/')[1];
        const secret = channel === 'webhook' ? `, secrets: ["whsec_${randomBytes(32).toString('base64')}"]` : '';
        return `      - { ${channel}: "${receiversUrl}${r}"${secret} }`;
      })
      .join('\n');
  const source = (key) => sources.find((s) => s.key === key);
  const every = `${INTERVAL_SECONDS}s`;
  const pages = sources.filter((s) => s.kind === 'page-watch');
  return `matters:
  - slug: appeal
    name: Chaos appeal
    dockets:
      - court: ca4
        number: 23-6105
        caseName: Charlie Hardin v. D. Everett
    subscriptions:
${subscriptions('appeal')}
  - slug: application
    name: Chaos application
    dockets:
      - court: scotus
        number: 24A1
        sources: [{ kind: scotus-docket, name: "${source('application').name}", url: "${source('application').url}", every: ${every} }]
    subscriptions:
${subscriptions('application')}
  - slug: press
    name: Chaos press
    aliases: ["${PRESS_ALIAS}"]
    subscriptions:
${subscriptions('press')}
feeds:
  - { kind: pacer-rss, court: ca4, name: "${source('appeal').name}", url: "${source('appeal').url}", every: ${every} }
pages:
${pages.map((p) => `  - { name: "${p.name}", url: "${p.url}", selector: "#releases", every: ${every} }`).join('\n')}
`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32), so a run's random kills can be repeated with --seed. */
function randomOf(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What one scenario has to work with: its world, its installation, and `file`, which adds a filing
 * with a fresh token to a healthy source. `faults` is the scenario's log of what it did, and when.
 */
class ScenarioRun {
  constructor(spec, options) {
    this.spec = spec;
    this.options = options;
    this.log = options.log;
    this.sources = [...HEALTHY, ...(spec.faultySources ? FAULTY : [])].map((s) => new FarmSource(s));
    this.healthy = this.sources.filter((s) => !s.fault);
    this.receivers = new Receivers();
    this.mail = new MailSink();
    this.faults = [];
    this.filed = 0;
    this.bursts = [];
    this.resumes = [];
    /** Roles being started again after a kill; each is up before the scenario ends. */
    this.restarts = [];
    this.everFailing = new Map();
    this.startedAt = Date.now();
  }

  /** Seconds since the scenario's stream began, for the fault log. */
  now() {
    return Math.round((Date.now() - this.streamStartedAt) / 100) / 10;
  }

  fault(what) {
    this.faults.push({ atSeconds: this.now(), what });
    this.log(`    ${String(this.now()).padStart(6)} s  ${what}`);
  }

  file(source) {
    this.filed++;
    const token = `ZQ${this.spec.number}F${this.filed}Q`;
    source.add(token, HEALTHY.find((h) => h.key === source.key).text(token));
    return token;
  }

  /** A burst: `count` filings at once in one docket (one change of its source). */
  burst(key, count) {
    const source = this.healthy.find((s) => s.key === key);
    const tokens = Array.from({ length: count }, () => this.file(source));
    this.bursts.push({ source: key, tokens });
    this.fault(`burst of ${count} filings on ${source.name}`);
    return tokens;
  }

  /** One filing every `gapMs`, round the healthy sources, until `untilMs`. */
  async stream(untilMs, gapMs) {
    for (let i = 0; Date.now() < untilMs; i++) {
      this.file(this.healthy[i % this.healthy.length]);
      await sleep(gapMs);
    }
  }

  async open(postgres, redis) {
    await Promise.all([...this.sources.map((s) => s.start()), this.receivers.start(), this.mail.start()]);
    const smtpUrl = `smtp://127.0.0.1:${this.mail.server.server.address().port}`;
    this.install = new ChaosInstallation({
      postgres,
      redis,
      name: `dw_chaos_${this.spec.id.replace(/-/g, '_')}`,
      // The product's defaults, except what a test world needs: local addresses, its SMTP server,
      // and where operator notices go.
      settings: { ALLOW_PRIVATE_URLS: 'true', SMTP_URL: smtpUrl, OPERATOR_EMAILS: OPERATOR, INBOUND_SMTP_PORT: '0' },
    });
    await this.install.open(catalogueOf(this.sources, this.receivers.url));
    await Promise.all(ROLES.map((role) => this.install.start(role)));
    this.log(`  roles started after ${Math.round((Date.now() - this.startedAt) / 1000)} s`);
    const db = this.install.db;
    // Every source polled once: the first poll is the baseline and alerts no one.
    await until(
      async () => {
        const rows = await db.selectFrom('sources').select(['name', 'baseline_at', 'last_checked_at']).execute();
        return (
          rows.length === this.sources.length &&
          rows.every((r) =>
            this.healthy.some((h) => h.name === r.name)
              ? r.baseline_at !== null
              : r.last_checked_at !== null || r.name === 'Chaos page that hangs',
          )
        );
      },
      'every source to be polled once (its baseline)',
      120_000,
      250,
    );
    this.log(`  every source polled once after ${Math.round((Date.now() - this.startedAt) / 1000)} s`);
    if (this.spec.faultySources) {
      // Backoff capped at the interval, so a broken source reaches `failing` (five failures in a
      // row) within the scenario instead of after the default five-minute cap.
      const faulty = await db
        .selectFrom('sources')
        .select(['id', 'config'])
        .where(
          'name',
          'in',
          FAULTY.map((f) => f.name),
        )
        .execute();
      for (const { id, config } of faulty) {
        await db
          .updateTable('sources')
          .set({ config: JSON.stringify({ ...config, maxBackoffSeconds: INTERVAL_SECONDS }) })
          .where('id', '=', id)
          .execute();
      }
    }
    this.watchHealth();
  }

  /** Which sources went failing or layout-changed at any time (sampled each second), with their last error. */
  watchHealth() {
    const sample = async () => {
      try {
        const rows = await this.install.db
          .selectFrom('sources')
          .select(['name', 'health', 'last_error_code'])
          .where('health', 'in', ['failing', 'layout-changed'])
          .execute();
        for (const r of rows) {
          const seen = this.everFailing.get(r.name) ?? { healths: [], lastErrorCode: null };
          if (!seen.healths.includes(r.health)) seen.healths.push(r.health);
          seen.lastErrorCode = r.last_error_code;
          this.everFailing.set(r.name, seen);
        }
      } catch {
        // Postgres may be down on purpose.
      }
    };
    this.healthTimer = setInterval(() => void sample(), 1000);
  }

  /** Kills a notifier while it holds deliveries, and measures how soon another sends what it held. */
  async killNotifier(name) {
    const db = this.install.db;
    const sending = () =>
      db
        .selectFrom('deliveries')
        .innerJoin('outbox_events', 'outbox_events.id', 'deliveries.event_id')
        .leftJoin('entries', 'entries.id', 'outbox_events.entry_id')
        .leftJoin('items', 'items.id', 'outbox_events.item_id')
        .innerJoin('subscriptions', 'subscriptions.id', 'deliveries.subscription_id')
        .select([
          'deliveries.id',
          'subscriptions.target',
          'entries.short_description',
          'entries.description',
          'items.summary',
          'items.text',
        ])
        .where('deliveries.status', '=', 'sending')
        .execute();
    await until(async () => (await sending()).length > 0, 'a delivery in flight', 10_000, 20).catch(() => undefined);
    const killedAt = await this.install.kill9(name);
    this.fault(`kill -9 ${name}`);
    const atKill = await sending();
    // What a live sender held is sent within moments; what is still `sending` after that was the dead one's.
    await sleep(1500);
    const stillSending = new Set((await sending()).map((d) => d.id));
    const held = atKill.filter((d) => stillSending.has(d.id));
    const pairs = held.flatMap((d) => {
      const recipient = d.target.startsWith('http') ? new URL(d.target).pathname : d.target.toLowerCase();
      const text = [d.short_description, d.description, d.summary, d.text].filter(Boolean).join(' ');
      return tokensIn(text).map((token) => ({ recipient, token }));
    });
    this.resumes.push({ role: name, killedAt, held: held.length, pairs });
    return killedAt;
  }

  /**
   * Kills a role with SIGKILL and starts it again after `downMs`, without waiting for it to be up
   * (a role takes seconds to start on a busy machine; the next kill keeps to its own time).
   */
  async killAndRestart(name, downMs) {
    // A role still starting after its last kill is left to start.
    if (!this.install.roles.get(name)?.ready) return;
    if (name.startsWith('notifier')) await this.killNotifier(name);
    else {
      await this.install.kill9(name);
      this.fault(`kill -9 ${name}`);
    }
    // A start that fails is a crash the installation records and retries.
    this.restarts.push(
      sleep(downMs)
        .then(() => this.install.start(name))
        .catch(() => undefined),
    );
  }

  /**
   * Every filing that reached a recipient: `{ recipient, token, at, id }`, one per token a message
   * carried, whether by its text or by linking the page change that holds it (the press items in
   * Postgres say which filings each change added).
   */
  async arrivals() {
    const items = await this.install.db.selectFrom('items').select(['url', 'summary', 'text']).execute();
    const changeTokens = new Map(items.map((i) => [/#dw-change-([0-9a-f]{12})$/.exec(i.url)?.[1], tokensIn(`${i.summary} ${i.text}`)]));
    return [...this.mail.received, ...this.receivers.received]
      .flatMap((m) => {
        const tokens = new Set([...m.tokens, ...m.changes.flatMap((c) => changeTokens.get(c) ?? [])]);
        return [...tokens].map((token) => ({ recipient: m.recipient, token, at: m.at, id: m.id }));
      })
      .sort((a, b) => a.at - b.at);
  }

  /** Waits until every filing reached every recipient of its matter, or `timeoutMs` passed. */
  async drain(timeoutMs) {
    const owed = async () => {
      const have = new Set((await this.arrivals()).map((a) => `${a.token} ${a.recipient}`));
      return this.expectedPairs().filter((p) => !have.has(`${p.token} ${p.recipient}`)).length;
    };
    await until(async () => (await owed().catch(() => 1)) === 0, 'every alert to arrive', timeoutMs, 500).catch(() => undefined);
  }

  everyBadSourceTold() {
    const told = this.mail.mails.filter((m) => m.to.includes(OPERATOR)).map((m) => `${m.subject}\n${m.text}`);
    return [...this.everFailing.keys()].every((name) => told.some((text) => text.includes(name)));
  }

  expectedPairs() {
    return this.healthy.flatMap((s) =>
      s.filings.flatMap((f) => recipientsOf(s.key).map((recipient) => ({ token: f.token, recipient, source: s.key }))),
    );
  }

  async close() {
    clearInterval(this.healthTimer);
    await this.install?.close();
    await Promise.all([...this.sources.map((s) => s.stop()), this.receivers.stop(), this.mail.stop()]);
  }
}

/**
 * The scenarios, in the issue's order. `seconds` is how long filings stream in (full, quick); `act`
 * plays the fault alongside the stream.
 */
const SCENARIOS = [
  {
    id: 'steady',
    title: 'A steady stream of filings',
    seconds: [96, 40],
    // Each matter hears of a filing every 24 s: longer than the coalescing window (COALESCE_SECONDS,
    // 15 s by default, which holds a filing that follows a message on purpose) plus a poll interval,
    // so every filing is a lone one.
    gapMs: 8000,
    act: async () => undefined,
  },
  {
    id: 'kill',
    title: 'Random and timed kill -9 of every role',
    seconds: [120, 50],
    gapMs: 1500,
    act: async (run, { quick, seed, untilMs }) => {
      // Slow SMTP replies keep messages in flight, so a killed notifier dies holding some.
      run.mail.replyDelayMs = 400;
      const random = randomOf(seed);
      const everyMs = quick ? 6000 : 10_000;
      for (let i = 0; Date.now() + everyMs < untilMs; i++) {
        await sleep(everyMs * (i < ROLES.length ? 1 : 0.5 + random()));
        // Timed: every role in turn; then random ones.
        const role = i < ROLES.length ? ROLES[i] : ROLES[Math.floor(random() * ROLES.length)];
        // Work in flight for the notifier to die holding.
        if (role.startsWith('notifier')) for (let n = 0; n < 5; n++) run.file(run.healthy[1]);
        await run.killAndRestart(role, 1000 + Math.floor(random() * 2000));
      }
    },
  },
  {
    id: 'redis-flush',
    title: 'Repeated FLUSHALL on the private Redis',
    seconds: [90, 30],
    gapMs: 1500,
    act: async (run, { quick, untilMs, redis }) => {
      const everyMs = quick ? 7000 : 15_000;
      while (Date.now() + everyMs < untilMs) {
        await sleep(everyMs);
        await redis.flushAll();
        run.fault('FLUSHALL');
      }
    },
  },
  {
    id: 'postgres',
    title: 'A restart and a stop of the private Postgres cluster',
    seconds: [110, 45],
    gapMs: 2000,
    act: async (run, { quick, postgres }) => {
      await sleep(quick ? 8000 : 20_000);
      run.fault('pg_ctl restart (fast)');
      await postgres.pgCtl('restart');
      run.fault('Postgres back up');
      await sleep(quick ? 10_000 : 30_000);
      run.fault('pg_ctl stop (immediate)');
      await postgres.pgCtl('stop');
      await sleep(quick ? 8000 : 15_000);
      await postgres.pgCtl('start');
      run.fault('pg_ctl start: Postgres back up');
    },
  },
  {
    id: 'receivers',
    title: 'Receivers answering 429 with Retry-After, and 500s',
    seconds: [90, 40],
    gapMs: 2000,
    act: async (run, { quick, untilMs }) => {
      await sleep(quick ? 3000 : 5000);
      for (const matter of HEALTHY.map((h) => h.key)) {
        run.receivers.failures.set(`/slack/${matter}`, { status: 429, retryAfterSeconds: 10 });
        run.receivers.failures.set(`/teams/${matter}`, { status: 429, retryAfterSeconds: 10 });
        run.receivers.failures.set(`/webhook/${matter}`, { status: 500 });
      }
      run.fault("Slack and Teams answer each message's first attempt 429 (Retry-After: 10), webhooks 500");
      await sleep(Math.max(0, untilMs - Date.now() - (quick ? 10_000 : 20_000)));
      run.receivers.failures.clear();
      run.fault('receivers answer normally again');
    },
  },
  {
    id: 'burst',
    title: 'Bursts of 30 or more in one docket',
    seconds: [80, 30],
    gapMs: 3000,
    act: async (run, { quick }) => {
      await sleep(3000);
      run.burst('appeal', 35);
      if (quick) return;
      await sleep(30_000);
      run.burst('application', 30);
      run.burst('appeal', 40);
    },
  },
  {
    id: 'sources',
    title: 'Sources that 404, hang, send 10 MB or change their layout',
    seconds: [150, 45],
    gapMs: 2000,
    faultySources: true,
    act: async (run) => {
      run.fault(`faulty sources from the start: ${FAULTY.map((f) => `${f.name} (${f.fault})`).join(', ')}`);
    },
  },
].map((s, i) => ({ ...s, number: i + 1 }));

/** Runs one scenario from an empty database and Redis to its tally. */
async function runScenario(spec, options) {
  const { postgres, redis, quick, log } = options;
  const seconds = options.seconds ?? spec.seconds[quick ? 1 : 0];
  const run = new ScenarioRun(spec, options);
  try {
    await run.open(postgres, redis);
    run.streamStartedAt = Date.now();
    const untilMs = run.streamStartedAt + seconds * 1000;
    log(`  streaming for ${seconds} s`);
    await Promise.all([run.stream(untilMs, spec.gapMs), spec.act(run, { ...options, untilMs })]);
    await Promise.all(run.restarts);
    run.fault('stream ends; waiting for what is owed');
    await run.drain(quick ? 75_000 : 120_000);
    // The notice sweep runs on its own schedule: a source that went bad late is given time to be told.
    await until(() => run.everyBadSourceTold(), 'operator notices', 90_000, 500).catch(() => undefined);
    // Late repeats (a killed sender's lease running out) still count: give them a lease's time.
    await sleep(10_000);
    const arrivals = await run.arrivals();
    const redisKeys = await redis.dbSize();
    const roleErrors = run.install.complaints();
    return tallyScenario(run, arrivals, { seconds, redisKeys, roleErrors, operator: OPERATOR, faultyNames: FAULTY.map((f) => f.name) });
  } finally {
    await run.close();
  }
}

module.exports = { SCENARIOS, runScenario, recipientsOf };
