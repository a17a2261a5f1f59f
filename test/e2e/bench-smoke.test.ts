/**
 * `npm run bench` at a small size: every scenario runs once (20 pages on 2 loopback hosts, a few
 * subscribers, no urlwatch) through the built CLI's processes, and the report's last line is its
 * JSON with every figure. Only that the harness works is checked here; its figures are measured,
 * never asserted (docs/benchmarks.md).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { assertBuilt } from '@docketwatch/test-support';

jest.setTimeout(600_000);

const RUN = path.resolve(__dirname, '../bench/run.js');
const SMALL = [
  '--pages',
  '20',
  '--hosts',
  '2',
  '--rounds',
  '1',
  '--subscribers',
  '20',
  '--webhooks',
  '2',
  '--digests',
  '20',
  '--no-urlwatch',
];

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const aNumber = expect.any(Number) as unknown;
const aPositiveNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe('npm run bench, small', () => {
  it('runs every scenario and prints its report as JSON with every figure', async () => {
    assertBuilt();
    const { code, stdout, stderr } = await runBench(SMALL);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

    expect(report.machine).toEqual({ nproc: aNumber, cpu: expect.any(String), memoryGiB: aNumber, node: process.version });
    expect(report.micro.length).toBeGreaterThan(5);
    for (const figure of report.micro) expect(aPositiveNumber(figure.perSecond)).toBe(true);

    const { passes } = report;
    for (const figures of [passes.docketwatch, passes.floor])
      for (const key of ['coldSeconds', 'warmSeconds', 'coldCpuSecondsPer1000Polls', 'warmCpuSecondsPer1000Polls'])
        expect([key, aPositiveNumber(figures[key])]).toEqual([key, true]);
    expect(aPositiveNumber(passes.docketwatch.peakRssMiB)).toBe(true);
    expect(aPositiveNumber(passes.floor.peakRssMiB)).toBe(true);
    for (const pass of ['cold', 'warm']) expect(aPositiveNumber(passes.alongside[pass].machineBusyShare)).toBe(true);
    expect(aPositiveNumber(passes.twoPollers.coldSeconds)).toBe(true);
    // Every warm poll was a conditional GET answered 304, and nothing failed.
    expect(passes.docketwatch.warmNotModifiedShare).toBe(1);
    expect(passes.docketwatch.failedPolls).toBe(0);
    expect(passes.urlwatch).toMatchObject({ version: null, skipped: expect.stringContaining('--no-urlwatch'), coldSeconds: null });
    expect(passes.ratios).toEqual({
      warmOverFloor: aNumber,
      coldOverFloor: aNumber,
      urlwatchWarmOverWarm: null,
      urlwatchColdOverCold: null,
      twoPollersSpeedup: aNumber,
    });

    // One changed page (1% of 20, at least one): one alert to its own subscriber, nothing else.
    expect(report.latency).toMatchObject({ changedPerRound: 1, samples: 1 });
    expect(report.latency.unexpectedMessages).toBeUndefined();
    for (const key of ['p50Seconds', 'p95Seconds', 'p99Seconds']) expect(aPositiveNumber(report.latency[key])).toBe(true);

    expect(report.fanout).toMatchObject({ subscribers: 20, webhooks: 2 });
    expect(report.fanout.unexpectedMessages).toBeUndefined();
    for (const key of ['deliveriesPerSecond', 'timeToFirstSeconds', 'timeToLastSeconds'])
      expect(aPositiveNumber(report.fanout[key])).toBe(true);

    expect(report.digests).toMatchObject({ digests: 20, rounds: [{ sent: 20 }] });
    expect(aPositiveNumber(report.digests.digestsPerSecond)).toBe(true);

    expect(report.targets).toHaveLength(7);
    for (const target of report.targets) expect(['pass', 'miss', 'n/a']).toContain(target.status);
    // Each target printed with its verdict.
    for (const target of report.targets) expect(stdout).toContain(`${target.status.padEnd(4)}  ${target.target}`);
  });
});
