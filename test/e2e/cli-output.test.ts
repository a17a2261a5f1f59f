/**
 * What the command says when things are not as they should be: every problem of a bad catalogue with
 * its path, a quiet exit when its reader stops reading, and a taken port named as such.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, CLI, CliProcess, fixturePath } from '@docketwatch/test-support';

jest.setTimeout(60_000);

let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cli-out-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function docketwatch(args: string[], env: Record<string, string> = {}) {
  const run = new CliProcess(args, { env, cwd: dir });
  const status = await run.exited;
  return { status, stdout: run.stdout, stderr: run.stderr };
}

describe('docketwatch catalogue check', () => {
  it('lists every problem with its path and exits 1', async () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(
      file,
      `matters:
  - slug: Bad Slug
    name: x
    subscriptions:
      - { email: reader@example.com }
      - { slack: "https://hooks.slack.com/services/T0/B0/XYZ", mode: digest }
  - slug: fine
    name: Fine
    dockets: [{ court: mdd, number: "8:25-cv-951", sources: [{ kind: scotus-docket, url: "not a url" }] }]
    subscriptions: [{ email: not-an-address }]
`,
    );
    const r = await docketwatch(['catalogue', 'check', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml is not a valid catalogue/);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(problems).toEqual(
      expect.arrayContaining([
        '  matters.0.slug: lower-case words joined by hyphens',
        '  matters.0.subscriptions.1.mode: digests go by e-mail',
        expect.stringMatching(/^ {2}matters\.1\.dockets\.0\.sources\.0\.url: /),
        expect.stringMatching(/^ {2}matters\.1\.subscriptions\.0\.email: /),
      ]),
    );
  });

  it('says a good catalogue is valid', async () => {
    const file = path.join(dir, 'good.yaml');
    fs.writeFileSync(file, 'matters: [{ slug: fine, name: Fine }]\n');
    const r = await docketwatch(['catalogue', 'check', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/good\.yaml: 1 matters, 0 feeds: valid/);
  });
});

describe('output into a closed pipe', () => {
  it('parse FILE | head -1 exits 0 with nothing on stderr', async () => {
    // sdny_1 parses to far more JSON than a pipe buffers, so the write after head exits meets EPIPE.
    const child = spawn(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" parse "$1" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`,
        '-',
        fixturePath('pacer/rss_feeds/sdny_1.xml'),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.once('close', resolve));
    expect(stdout).toBe('{\n');
    expect(stderr).toBe('status=0\n');
  });
});

describe('docketwatch start on a taken port', () => {
  let holder: net.Server;
  let port: number;

  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  it('names the HTTP port and how to change it, before touching Redis or the database', async () => {
    // Redis is pointed nowhere: the port is the first thing checked, so no Redis error can hide it.
    const r = await docketwatch(['start'], { PORT: String(port), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`docketwatch: port ${port} is in use: set PORT or stop the other process\n`);
    expect(fs.existsSync(path.join(dir, '.data'))).toBe(false);
  });

  it('names the inbound SMTP port the same way', async () => {
    const r = await docketwatch(['start'], { PORT: '0', INBOUND_SMTP_PORT: String(port), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`docketwatch: inbound SMTP port ${port} is in use: set INBOUND_SMTP_PORT or stop the other process\n`);
  });
});
