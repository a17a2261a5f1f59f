/**
 * infra/observability names only series that exist: a real api process (the command the manifests
 * run) is asked for /metrics after a request, and every docketwatch_* series in the alert rules and
 * the dashboard must be among what it exports. The scrape job the rules select must be the one the
 * scrape config defines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CliProcess, createTestDatabase, deleteRedisPrefix, testRedisPrefix, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(90_000);

const DIR = path.resolve(__dirname, '../../infra/observability');

interface Rule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}
interface Panel {
  title: string;
  targets: { expr: string }[];
}

const rules = (parse(fs.readFileSync(path.join(DIR, 'prometheus-rules.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
const dashboard = JSON.parse(fs.readFileSync(path.join(DIR, 'grafana-dashboard.json'), 'utf8')) as { panels: Panel[] };
const scrape = parse(fs.readFileSync(path.join(DIR, 'prometheus-scrape.yaml'), 'utf8')) as { scrape_configs: { job_name: string }[] };
const expressions = [...rules.map((r) => r.expr), ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))];

/** Series names a Prometheus exposition offers: each family, and a histogram's _bucket, _sum and _count. */
function exportedSeries(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('infra/observability', () => {
  let t: TestDatabase;
  let api: CliProcess | null = null;
  const prefix = testRedisPrefix();

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.stop();
    await t.drop();
    await deleteRedisPrefix(prefix);
  });

  it('gives every alert a severity and a summary, and every dashboard panel a query', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
    }
    for (const panel of dashboard.panels) expect(panel.targets.length).toBeGreaterThan(0);
  });

  it('selects the scrape job the scrape config defines', () => {
    const jobs = new Set(scrape.scrape_configs.map((c) => c.job_name));
    for (const expr of expressions) for (const [, job] of expr.matchAll(/job="([^"]+)"/g)) expect(jobs).toContain(job);
  });

  it('uses only docketwatch series that `docketwatch start api` exports at /metrics', async () => {
    api = new CliProcess(['start', 'api'], {
      env: { DATABASE_URL: t.url, REDIS_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false' },
    });
    const [, base] = await api.waitForOutput(/docketwatch is running: (http:\/\/\S+)/, 60_000);
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    const exported = exportedSeries(await (await fetch(`${base}/metrics`)).text());
    const used = new Set(expressions.flatMap((expr) => [...expr.matchAll(/\b(docketwatch_[a-z0-9_]+)/g)].map(([, name]) => name!)));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  });
});
