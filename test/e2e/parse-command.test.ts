/**
 * The `docketwatch parse` contract, through the built command: every real fixture parses with its
 * format detected, the output has the documented shape, and anything else exits non-zero with a
 * one-line reason.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, CLI, fixturePath } from '@docketwatch/test-support';

function parse(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'parse', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = (dir: string, pattern: RegExp) =>
  fs
    .readdirSync(fixturePath(dir))
    .filter((f) => pattern.test(f))
    .map((f) => path.join(dir, f));

const FEEDS = files('pacer/rss_feeds', /\.xml$/);
const SCOTUS = [
  ...files('scotus/dockets/json', /\.compare\.json$/),
  ...files('scotus/dockets/html', /\.html$/),
  ...files('scotus/dockets/htm', /\.htm$/),
];

const OTHER_FORMATS: [string, string][] = [
  ...files('pacer/nef/s3', /\.txt$/)
    .filter((f) => !/(cand_2|ohsd_1)\.txt$/.test(f))
    .map((f): [string, string] => [f, 'nef-email']),
  // (The subscription-confirmation mail is recognised but carries no docket activity: tested below.)
  ...files('scotus/email', /\.eml$/)
    .filter((f) => !/confirmation/.test(f))
    .map((f): [string, string] => [f, 'scotus-email']),
  ...files('pacer/dockets/appellate', /\.html$/).map((f): [string, string] => [f, 'pacer-docket']),
  ...files('opinions/united_states', /\.xml$/).map((f): [string, string] => [f, 'feed']),
  ...files('oral_args/united_states', /\.xml$/).map((f): [string, string] => [f, 'feed']),
];

beforeAll(assertBuilt);

describe('docketwatch parse', () => {
  it.each(FEEDS.map((f) => [f]))('detects and parses %s as a CM/ECF RSS feed', (file) => {
    const r = parse(fixturePath(file));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('pacer-rss');
    expect(doc.dockets.length).toBeGreaterThan(0);
    for (const d of doc.dockets) {
      expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(['caseName', 'court', 'docketNumber', 'entries', 'pacerCaseId']));
      for (const e of d.entries) {
        expect(Object.keys(e).sort()).toEqual([
          'attachments',
          'description',
          'documentUrl',
          'entryNumber',
          'filedAt',
          'pacerDocId',
          'shortDescription',
        ]);
        expect(e.filedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      }
    }
  });

  it.each(SCOTUS.map((f) => [f]))('detects and parses %s as a Supreme Court docket', (file) => {
    const r = parse(fixturePath(file));
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('scotus-docket');
    expect(doc.dockets).toHaveLength(1);
    expect(doc.dockets[0].court).toBe('scotus');
    for (const e of doc.dockets[0].entries) expect(e.filedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(OTHER_FORMATS)('detects and parses %s as %s', (file, format) => {
    const r = parse(fixturePath(file));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe(format);
    expect(doc.dockets.length + (doc.items?.length ?? 0)).toBeGreaterThan(0);
  });

  it('recognises a supremecourt.gov confirmation mail as no docket activity', () => {
    const r = parse(fixturePath('scotus/email/25a561-confirmation.eml'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ format: 'scotus-email', dockets: [] });
  });

  it('honours --format and --court', () => {
    const r = parse(fixturePath('pacer/rss_feeds/ca4_1.xml'), '--format', 'pacer-rss', '--court', 'ca4');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).dockets[0].court).toBe('ca4');
  });

  it.each([
    [
      'a PACER page that is not a docket',
      fixturePath('pacer/dockets/not_dockets/' + fs.readdirSync(fixturePath('pacer/dockets/not_dockets')).find((f) => f.endsWith('.html'))),
      /PARSE_/,
    ],
    ['a JSON expected-output file', fixturePath('pacer/rss_feeds/ca4_1.json'), /PARSE_UNRECOGNISED/],
  ])('rejects %s with a one-line reason', (_what, file, reason) => {
    const r = parse(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
  });

  it('rejects a truncated feed, an empty file and a missing file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-parse-'));
    try {
      const truncated = path.join(dir, 'truncated.xml');
      fs.writeFileSync(truncated, fs.readFileSync(fixturePath('pacer/rss_feeds/ca4_1.xml')).subarray(0, 4000));
      const empty = path.join(dir, 'empty.xml');
      fs.writeFileSync(empty, '');
      const t = parse(truncated, '--format', 'pacer-rss');
      expect(t.status).toBe(1);
      expect(t.stderr).toMatch(/PARSE_(TRUNCATED|MALFORMED)/);
      expect(parse(empty).status).toBe(1);
      const missing = parse(path.join(dir, 'nope.xml'));
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format with usage status 2', () => {
    const r = parse(fixturePath('pacer/rss_feeds/ca4_1.xml'), '--format', 'tea-leaves');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown format/);
  });
});
