/**
 * The operator's commands against a real Postgres and a stand-in court: sources list and poll,
 * deliveries replay, and backfill of real CM/ECF documents into push sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertSource, type Source } from '@docketwatch/db';
import { CliProcess, createTestDatabase, fixturePath, HttpStandIn, readFixture, type TestDatabase } from '@docketwatch/test-support';

jest.setTimeout(120_000);

let t: TestDatabase;
let court: HttpStandIn;
let dir: string;
let env: Record<string, string>;

async function docketwatch(...args: string[]) {
  const run = new CliProcess(args, { env, cwd: dir });
  const status = await run.exited;
  return { status, stdout: run.stdout, stderr: run.stderr };
}

type Docket = { ProceedingsandOrder: { Date: string; Text: string; Links: unknown[] }[] };
const docket = () => JSON.parse(readFixture('scotus/dockets/json/24A100.compare.json').toString('utf8')) as Docket;

async function sourceId(kind: Source['kind']): Promise<number> {
  const row = await t.db.selectFrom('sources').select('id').where('kind', '=', kind).executeTakeFirstOrThrow();
  return row.id;
}

async function countEvents(): Promise<number> {
  const row = await t.db
    .selectFrom('outbox_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function entriesOf(court: string, number: string): Promise<number> {
  const row = await t.db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('dockets.court', '=', court)
    .where('dockets.docket_number', '=', number)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestDatabase();
  court = new HttpStandIn();
  await court.start();
  court.set('/24A100.json', { body: JSON.stringify(docket()), contentType: 'application/json' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cli-sources-'));
  env = { DATABASE_URL: t.url, ALLOW_PRIVATE_URLS: 'true' };
  fs.writeFileSync(
    path.join(dir, 'catalogue.yaml'),
    `matters:
  - slug: sample
    name: Sample matter
    dockets:
      - court: scotus
        number: 24A100
        sources: [{ kind: scotus-docket, name: Supreme Court docket, url: "${court.url}/24A100.json", every: 1h }]
      - { court: nysd, number: "1:20-cv-10821" }
      - { court: almd, number: "3:21-cv-00437" }
      - { court: alsd, number: "1:21-cv-00057" }
    subscriptions:
      - { email: first@example.com }
      - { email: second@example.com }
mailboxes: [{ kind: nef-email, address: nef@docketwatch.test }]
`,
  );
  const loaded = await docketwatch('catalogue', 'load', 'catalogue.yaml');
  expect(loaded.stderr).toBe('');
  expect(loaded.status).toBe(0);
});

afterAll(async () => {
  await court.stop();
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docketwatch sources', () => {
  it('lists every source with kind, name and health, as a table or as JSON', async () => {
    const table = await docketwatch('sources', 'list');
    expect(table.status).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+KIND\s+NAME\s+HEALTH\s+LAST SUCCESS\s+LAST ERROR$/);
    expect(rows.find((r) => r.includes('scotus-docket'))).toMatch(/Supreme Court docket\s+new\s+never/);
    const json = await docketwatch('sources', 'list', '--json');
    const sources = JSON.parse(json.stdout) as { kind: string; health: string; lastSuccessAt: string | null }[];
    expect(sources.map((s) => s.kind).sort()).toEqual(['nef-email', 'scotus-docket']);
    expect(sources.find((s) => s.kind === 'scotus-docket')).toMatchObject({ health: 'new', lastSuccessAt: null, lastErrorCode: null });
  });

  it('polls one source now: a baseline first, then news, then a failure recorded on the source', async () => {
    const id = await sourceId('scotus-docket');
    const before = court.requestsTo('/24A100.json').length;
    const first = await docketwatch('sources', 'poll', String(id));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(`^polled source ${id} \\(Supreme Court docket\\): stored; \\d+ new entries, 0 updated, 0 alerts queued \\(its first look`),
    );
    expect(court.requestsTo('/24A100.json')).toHaveLength(before + 1);
    expect(await countEvents()).toBe(0);

    const changed = docket();
    changed.ProceedingsandOrder.push({ Date: 'Sep 03 2024', Text: 'Application (24A100) denied by Justice Kavanaugh.', Links: [] });
    court.set('/24A100.json', { body: JSON.stringify(changed), contentType: 'application/json' });
    const second = await docketwatch('sources', 'poll', String(id));
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/: stored; 1 new entries, 0 updated, 1 alerts queued; health ok/);
    expect(await countEvents()).toBe(1);

    court.set('/24A100.json', { status: 503, body: 'down for maintenance' });
    const failed = await docketwatch('sources', 'poll', String(id));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/source \d+ \(Supreme Court docket\) failed: FETCH_/);
    const listed = JSON.parse((await docketwatch('sources', 'list', '--json')).stdout) as {
      id: number;
      health: string;
      lastErrorCode: string;
      lastSuccessAt: string;
    }[];
    const source = listed.find((s) => s.id === id)!;
    expect(source.health).toBe('degraded');
    expect(source.lastErrorCode).toMatch(/^FETCH_/);
    expect(source.lastSuccessAt).not.toBeNull();
    court.set('/24A100.json', { body: JSON.stringify(changed), contentType: 'application/json' });
  });

  it('refuses a pushed source, an unknown id and a non-number', async () => {
    const pushed = await docketwatch('sources', 'poll', String(await sourceId('nef-email')));
    expect(pushed.status).toBe(1);
    expect(pushed.stderr).toMatch(/pushed to it, never polled/);
    const unknown = await docketwatch('sources', 'poll', '99999');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no source 99999/);
    expect((await docketwatch('sources', 'poll', 'abc')).status).toBe(2);
  });
});

describe('docketwatch deliveries replay', () => {
  it('replays one dead delivery, or every dead one, and nothing that is not dead', async () => {
    // Two events about stored entries, so each subscription can have its own delivery of each.
    const entries = await t.db
      .selectFrom('entries')
      .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
      .select(['entries.id', 'entries.docket_id', 'dockets.matter_id'])
      .limit(2)
      .execute();
    const [event, third] = await Promise.all(
      entries.map((e) =>
        t.db
          .insertInto('outbox_events')
          .values({ kind: 'entry.created', entry_id: e.id, docket_id: e.docket_id, matter_id: e.matter_id })
          .returning('id')
          .executeTakeFirstOrThrow(),
      ),
    );
    const subscriptions = await t.db.selectFrom('subscriptions').select('id').orderBy('id').execute();
    const insert = (eventId: number, subscriptionId: number, status: 'dead' | 'sent') =>
      t.db
        .insertInto('deliveries')
        .values({ event_id: eventId, subscription_id: subscriptionId, channel: 'email', status, attempts: 8, last_error: 'smtp said no' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const one = await insert(event!.id, subscriptions[0]!.id, 'dead');
    const two = await insert(event!.id, subscriptions[1]!.id, 'dead');
    const sent = await insert(third!.id, subscriptions[0]!.id, 'sent');
    const status = async (id: number) =>
      t.db.selectFrom('deliveries').select(['status', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();

    const single = await docketwatch('deliveries', 'replay', String(one.id));
    expect(single.status).toBe(0);
    expect(single.stdout).toBe(`replaying delivery ${one.id}\n`);
    expect(await status(one.id)).toEqual({ status: 'pending', attempts: 0, last_error: null });
    expect((await status(two.id)).status).toBe('dead');

    const notDead = await docketwatch('deliveries', 'replay', String(sent.id));
    expect(notDead.status).toBe(1);
    expect(notDead.stderr).toMatch(new RegExp(`no dead delivery ${sent.id}`));
    expect((await status(sent.id)).status).toBe('sent');

    const all = await docketwatch('deliveries', 'replay', '--dead');
    expect(all.status).toBe(0);
    expect(all.stdout).toBe(`replaying 1 dead deliveries: ${two.id}\n`);
    expect((await status(two.id)).status).toBe('pending');
    expect((await status(sent.id)).status).toBe('sent');

    expect((await docketwatch('deliveries', 'replay')).status).toBe(2);
    expect((await docketwatch('deliveries', 'replay', String(one.id), '--dead')).status).toBe(2);
    expect((await docketwatch('deliveries', 'replay', '--dead')).stdout).toBe('no dead deliveries\n');
  });
});

describe('docketwatch backfill', () => {
  it('stores a real CM/ECF docket report as history: every entry, no alerts, idempotent', async () => {
    const source = await upsertSource(t.db, {
      kind: 'pacer-docket',
      name: 'S.D.N.Y. docket reports',
      address: 'upload:nysd-docket-reports',
      intervalSeconds: 86400,
    });
    const events = await countEvents();
    const report = fixturePath('pacer/dockets/district/nysd_4.html');
    const r = await docketwatch('backfill', report, '--source', String(source.id));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `backfilled 1 of 1 documents into source ${source.id} (pacer-docket): 87 new entries, 0 updated, 0 alerts queued, 0 untracked dockets\n`,
    );
    expect(await entriesOf('nysd', '1:20-cv-10821')).toBe(87);
    expect(await countEvents()).toBe(events);

    const again = await docketwatch('backfill', report, '--source', String(source.id));
    expect(again.stdout).toMatch(/: 0 new entries, 0 updated, 0 alerts queued/);
    expect(await entriesOf('nysd', '1:20-cv-10821')).toBe(87);
  });

  it('ingests each message of an mbox of notices into a mailbox source', async () => {
    const mbox = path.join(dir, 'notices.mbox');
    const message = (file: string) =>
      readFixture(`pacer/nef/s3/${file}`)
        .toString('latin1')
        .replace(/\r\n/g, '\n')
        .replace(/^From /gm, '>From ');
    fs.writeFileSync(
      mbox,
      Buffer.from(
        `From ecf@almd.uscourts.gov Mon Jan  1 00:00:00 2024\n${message('almd_1.txt')}\n\nFrom ecf@alsd.uscourts.gov Mon Jan  1 00:00:00 2024\n${message('alsd_1.txt')}\n`,
        'latin1',
      ),
    );
    const r = await docketwatch('backfill', mbox, '--source', String(await sourceId('nef-email')));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^backfilled 2 of 2 documents into source \d+ \(nef-email\): 2 new entries/);
    expect(await entriesOf('almd', '3:21-cv-00437')).toBe(1);
    expect(await entriesOf('alsd', '1:21-cv-00057')).toBe(1);
  });

  it('refuses a polled source, and keeps a document that does not parse for replay', async () => {
    const polled = await docketwatch(
      'backfill',
      fixturePath('pacer/dockets/district/nysd_4.html'),
      '--source',
      String(await sourceId('scotus-docket')),
    );
    expect(polled.status).toBe(1);
    expect(polled.stderr).toMatch(/is a scotus-docket source, which takes no documents/);

    const uploads = await t.db.selectFrom('sources').select('id').where('kind', '=', 'pacer-docket').executeTakeFirstOrThrow();
    const notDocket = fs.readdirSync(fixturePath('pacer/dockets/not_dockets')).find((f) => f.endsWith('.html'))!;
    const bad = await docketwatch('backfill', fixturePath(`pacer/dockets/not_dockets/${notDocket}`), '--source', String(uploads.id));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/PARSE_\w+: .*\(kept as inbound message #\d+\)/);
    expect(bad.stdout).toMatch(/^backfilled 0 of 1 documents/);
    const kept = await t.db.selectFrom('inbound_messages').select(['status', 'channel']).where('status', '=', 'failed').execute();
    expect(kept).toEqual([{ status: 'failed', channel: 'upload' }]);

    expect((await docketwatch('backfill', fixturePath('pacer/dockets/district/nysd_4.html'))).status).toBe(2);
  });
});
