/**
 * The metrics and the infra/observability files that use them, on real processes: `docketwatch
 * start api` and a worker process (`start scheduler poller notifier`, HEALTH_PORT) poll a court
 * stand-in, store its new filings, fail on a broken docket and mail a subscriber through an SMTP
 * sink. Both /metrics then carry each series with a value that follows from what happened, and every
 * docketwatch_* series the alert rules and the dashboard name is among what the two export. The
 * scrape jobs the rules select must be the ones the scrape config defines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  CliProcess,
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  HttpStandIn,
  readFixture,
  SmtpSink,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@docketwatch/test-support';

jest.setTimeout(180_000);

const DIR = path.resolve(__dirname, '../../infra/observability');

interface Rule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}
interface Panel {
  title: string;
  gridPos: { x: unknown; y: unknown; w: unknown; h: unknown };
  targets: { expr: string }[];
}

const rules = (parse(fs.readFileSync(path.join(DIR, 'prometheus-rules.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
const dashboard = JSON.parse(fs.readFileSync(path.join(DIR, 'grafana-dashboard.json'), 'utf8')) as { panels: Panel[] };
const scrape = parse(fs.readFileSync(path.join(DIR, 'prometheus-scrape.yaml'), 'utf8')) as { scrape_configs: { job_name: string }[] };
const expressions = [...rules.map((r) => r.expr), ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))];

const SCOTUS = JSON.parse(readFixture('scotus/dockets/json/24A1.compare.json').toString('utf8')) as {
  ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[];
};
const FILINGS = ['Metrics filing one lodged.', 'Metrics filing two lodged.'];

function scotusWith(texts: string[]): string {
  const doc = structuredClone(SCOTUS);
  for (const text of texts) doc.ProceedingsandOrder.push({ Date: 'Aug 20 2024', Text: text, Links: [] });
  return JSON.stringify(doc);
}

/** Series names a Prometheus exposition offers: each family, and a histogram's _bucket, _sum and _count. */
function exportedSeries(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** The samples of one series whose labels include `labels`. */
function samples(
  exposition: string,
  name: string,
  labels: Record<string, string> = {},
): { labels: Record<string, string>; value: number }[] {
  const found: { labels: Record<string, string>; value: number }[] = [];
  for (const [, series, labelText, value] of exposition.matchAll(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/gm)) {
    if (series !== name) continue;
    const own = Object.fromEntries([...(labelText ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k!, v!]));
    if (Object.entries(labels).every(([k, v]) => own[k] === v)) found.push({ labels: own, value: Number(value) });
  }
  return found;
}

/** The one sample of a series with these labels (summed when several match, as a PromQL sum would). */
function value(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples(exposition, name, labels);
  return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
}

describe('metrics on every role, and infra/observability', () => {
  let t: TestDatabase;
  const prefix = testRedisPrefix();
  const court = new HttpStandIn();
  const smtp = new SmtpSink();
  const processes: CliProcess[] = [];
  let dir: string;
  let apiBase: string;
  let workerBase: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const [courtUrl, smtpUrl] = await Promise.all([court.start(), smtp.start()]);
    court.set('/scotus/24A1.json', { body: JSON.stringify(SCOTUS), contentType: 'application/json' });
    court.set('/scotus/24A2.json', { body: 'this is not a docket', contentType: 'application/json' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-metrics-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: metrics
    name: Metrics matter
    dockets:
      - court: scotus
        number: 24A1
        sources: [{ kind: scotus-docket, url: "${courtUrl}/scotus/24A1.json", every: 1s }]
      - court: scotus
        number: 24A2
        sources: [{ kind: scotus-docket, url: "${courtUrl}/scotus/24A2.json", every: 1s }]
    subscriptions:
      - { email: counsel@example.com }
`,
    );
    const env: Record<string, string> = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      // A token makes the pollers' CourtListener budget exist; its address is the stand-in, never the internet.
      COURTLISTENER_TOKEN: 'metrics-test-token',
      COURTLISTENER_URL: courtUrl,
      SCHEDULER_TICK_MS: '250',
      DELIVERY_BATCH_MAX: '1',
      COALESCE_SECONDS: '0',
      MIGRATE_ON_START: 'false',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    const api = new CliProcess(['start', 'api'], { env, cwd: dir });
    const worker = new CliProcess(['start', 'scheduler', 'poller', 'notifier'], { env: { ...env, HEALTH_PORT: '0' }, cwd: dir });
    processes.push(api, worker);
    [, apiBase] = (await api.waitForOutput(/docketwatch is running: (http:\/\/\S+)/, 60_000)) as [string, string];
    const [, host, port] = await worker.waitForOutput(/"health":\{"host":"([^"]+)","port":(\d+)\}/, 60_000);
    workerBase = `http://${host}:${port}`;
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await court.stop();
    await smtp.stop();
    await t.drop();
    await deleteRedisPrefix(prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const metricsOf = async (base: string) => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('gives every alert a severity and a summary, and every dashboard panel a query and a place', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
    }
    for (const panel of dashboard.panels) {
      expect(panel.targets.length).toBeGreaterThan(0);
      expect(Object.values(panel.gridPos).every((n) => Number.isInteger(n))).toBe(true);
    }
  });

  it('selects only scrape jobs the scrape config defines', () => {
    const jobs = new Set(scrape.scrape_configs.map((c) => c.job_name));
    for (const expr of expressions) for (const [, job] of expr.matchAll(/job="([^"]+)"/g)) expect(jobs).toContain(job);
  });

  it('exports each series after a poll, a failed parse and a delivery, with values that follow from them', async () => {
    // The first poll is the source's baseline and alerts no one; then the court files two entries.
    await eventually(async () => court.requestsTo('/scotus/24A1.json').length >= 2, 'the baseline poll', 60_000);
    court.set('/scotus/24A1.json', { body: scotusWith(FILINGS), contentType: 'application/json' });
    await smtp.waitFor(FILINGS.length, 60_000);
    // The court's unchanged answer is a 304 from here on.
    const worker = await eventually(async () => {
      const text = await metricsOf(workerBase);
      // The SMTP server has the mails a moment before the notifier has marked them sent and counted them.
      return (value(text, 'docketwatch_polls_total', { kind: 'scotus-docket', outcome: 'not-modified' }) ?? 0) > 0 &&
        value(text, 'docketwatch_outbox_lag_seconds') === 0 &&
        value(text, 'docketwatch_deliveries_total', { channel: 'email', outcome: 'sent' }) === FILINGS.length
        ? text
        : null;
    }, 'a 304 poll, an empty outbox and the deliveries counted on the worker');

    const stored = value(worker, 'docketwatch_polls_total', { kind: 'scotus-docket', outcome: 'stored' }) ?? 0;
    const failed = value(worker, 'docketwatch_polls_total', { kind: 'scotus-docket', outcome: 'failed' }) ?? 0;
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(failed).toBeGreaterThanOrEqual(1);
    const fetches = value(worker, 'docketwatch_poll_fetch_duration_seconds_count', { kind: 'scotus-docket' }) ?? 0;
    expect(fetches).toBeGreaterThanOrEqual(stored + failed);
    expect(value(worker, 'docketwatch_poll_fetch_duration_seconds_sum', { kind: 'scotus-docket' })).toBeGreaterThan(0);
    const parseFailures = samples(worker, 'docketwatch_parse_failures_total', { kind: 'scotus-docket' });
    expect(parseFailures.map((s) => s.labels.code)).toEqual([expect.stringMatching(/^PARSE_/)]);
    expect(parseFailures[0]!.value).toBeGreaterThanOrEqual(1);
    // The baseline's entries and the two filings.
    expect(value(worker, 'docketwatch_entries_stored_total', { kind: 'scotus-docket' })).toBeGreaterThanOrEqual(
      SCOTUS.ProceedingsandOrder.length + FILINGS.length,
    );

    expect(value(worker, 'docketwatch_deliveries_total', { channel: 'email', outcome: 'sent' })).toBe(FILINGS.length);
    expect(value(worker, 'docketwatch_deliveries_total', { channel: 'email', outcome: 'dead' })).toBeUndefined();
    expect(value(worker, 'docketwatch_first_seen_to_delivered_seconds_count', { channel: 'email' })).toBe(FILINGS.length);
    expect(value(worker, 'docketwatch_first_seen_to_delivered_seconds_sum', { channel: 'email' })).toBeGreaterThanOrEqual(0);

    // Read from Postgres at scrape time by the scheduler's process: one series per enabled source.
    const ages = samples(worker, 'docketwatch_source_last_success_age_seconds', { kind: 'scotus-docket' });
    expect(ages).toHaveLength(2);
    for (const age of ages) expect(age.value).toBeGreaterThanOrEqual(0);
    // The working docket has no failure in a row; the broken one at least one.
    const failures = samples(worker, 'docketwatch_source_consecutive_failures', { kind: 'scotus-docket' }).map((s) => s.value);
    expect(Math.min(...failures)).toBe(0);
    expect(Math.max(...failures)).toBeGreaterThanOrEqual(1);
    for (const interval of samples(worker, 'docketwatch_source_interval_seconds')) expect(interval.value).toBeGreaterThan(0);
    expect(samples(worker, 'docketwatch_queue_jobs', { queue: 'deliver' }).map((s) => s.labels.state)).toEqual(
      expect.arrayContaining(['waiting', 'active', 'delayed', 'failed']),
    );
    expect(value(worker, 'docketwatch_queue_jobs', { queue: 'deliver', state: 'active' })).toBeGreaterThanOrEqual(0);

    expect(value(worker, 'docketwatch_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(value(worker, 'docketwatch_dependency_up', { dependency: 'redis' })).toBe(1);
    const budget = samples(worker, 'docketwatch_courtlistener_budget_remaining');
    expect(budget.length).toBeGreaterThan(0);
    for (const window of budget) expect(window.value).toBeGreaterThan(0);
    // No digest is due (subscribers get theirs at their hour), so the family has no samples yet.
    expect(exportedSeries(worker)).toContain('docketwatch_digests_total');
    expect(value(worker, 'docketwatch_process_resident_memory_bytes')).toBeGreaterThan(0);

    await fetch(`${apiBase}/readyz`);
    const api = await metricsOf(apiBase);
    expect(value(api, 'docketwatch_http_request_duration_seconds_count', { route: '/readyz', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(value(api, 'docketwatch_dependency_up', { dependency: 'postgres' })).toBe(1);
    // The record's gauges come from the scheduler alone, so an api replica repeats none of them.
    expect(exportedSeries(api)).not.toContain('docketwatch_source_last_success_age_seconds');
    expect(exportedSeries(api)).not.toContain('docketwatch_outbox_lag_seconds');
  });

  it('uses only docketwatch series the api and the workers export', async () => {
    const exported = new Set([...exportedSeries(await metricsOf(apiBase)), ...exportedSeries(await metricsOf(workerBase))]);
    const used = new Set(expressions.flatMap((expr) => [...expr.matchAll(/\b(docketwatch_[a-z0-9_]+)/g)].map(([, name]) => name!)));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  });
});
