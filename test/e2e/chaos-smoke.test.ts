/**
 * The chaos harness (`npm run chaos`, test/chaos) on its shortest run: the steady scenario for a few
 * filings, with docketwatch as separate role processes on the harness's own Postgres cluster and
 * Redis. Holds the harness to working unattended: it exits 0, loses nothing, sends nothing twice,
 * and its report carries every figure docs/reliability.md quotes. Figures are printed, not asserted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt } from '@docketwatch/test-support';

jest.setTimeout(300_000);

const HARNESS = path.resolve(__dirname, '../chaos/run.js');

/** The figures every scenario reports (tally.js), as the issue lists them. */
const FIGURES = [
  'filed',
  'expected',
  'delivered',
  'duplicated',
  'duplicatesSameId',
  'duplicatesWithoutSameId',
  'lost',
  'heldRequests',
  'latency',
  'operatorNotices',
  'sourcesWentBad',
  'sourcesBadWithoutNotice',
  'redisKeys',
];

describe('the chaos harness', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-chaos-smoke-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the steady scenario unattended: every filing reaches every recipient once, and the report has every figure', async () => {
    assertBuilt();
    const json = path.join(dir, 'report.json');
    const child = spawn(process.execPath, [HARNESS, '--scenario', 'steady', '--quick', '--seconds', '10', '--json', json], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });

    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as {
      scenarios: Record<string, unknown>[];
      targets: { target: string; status: string }[];
    };
    expect(report.scenarios).toHaveLength(1);
    const steady = report.scenarios[0]!;
    for (const figure of FIGURES) expect(steady).toHaveProperty(figure);
    expect(steady.latency).toEqual({
      samples: expect.any(Number),
      p50Seconds: expect.any(Number),
      p95Seconds: expect.any(Number),
      p99Seconds: expect.any(Number),
      maxSeconds: expect.any(Number),
    });

    // Two e-mail addresses, Slack, a webhook and Teams per matter: five recipients per filing.
    expect(steady.filed).toBeGreaterThan(0);
    expect(steady.expected).toBe((steady.filed as number) * 5);
    expect(steady).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, heldRequests: 0 });
    expect(steady.delivered).toBe(steady.expected);
    expect(typeof steady.redisKeys).toBe('number');
    expect(report.targets.find((t) => t.target.startsWith('lost 0'))?.status).toBe('pass');
    // The table was printed, and the report's JSON is the last line.
    expect(output).toContain('requests to a held destination');
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual(report);
  });
});
