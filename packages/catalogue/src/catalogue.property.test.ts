/**
 * Property tests: whatever YAML (or not-YAML) a catalogue file holds, parseCatalogue returns a
 * catalogue or throws a DocketwatchError CATALOGUE_INVALID naming the problem, never anything
 * else: no TypeError, no stack overflow escaping from deep nesting, no alias bomb expanded, no hang
 * (which would show as the test's timeout).
 *
 * Inputs: arbitrary text; catalogues built from the schema's own keys with values of every type,
 * written out by the YAML library; and those documents mutated (cut, spliced with hostile YAML:
 * anchors and aliases, tags, merge keys, deep nesting, multiple documents, tabs, NULs).
 */
import fc from 'fast-check';
import { seedPropertyTestsInCi } from '@docketwatch/test-support';
import { stringify } from 'yaml';
import { DocketwatchError } from '@docketwatch/core';
import { parseCatalogue } from './load-catalogue';

seedPropertyTestsInCi();

const TIMEOUT_MS = 60_000;
const RUNS = { cheap: 300, structured: 300 } as const;

function violation(message: string): never {
  throw new Error(`contract violation: ${message}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The sections every catalogue has (more may be added; each is a list). */
const SECTIONS = ['matters', 'feeds', 'pressRooms', 'pages', 'mailboxes', 'webhooks'];

/**
 * A parsed catalogue: its sections are lists, each matter has a slug, a name and dockets with a
 * court and a number, and every polling interval is a positive number of seconds.
 */
function expectCatalogue(catalogue: unknown): void {
  if (!isRecord(catalogue)) violation('the catalogue should be an object');
  for (const section of SECTIONS) {
    if (!Array.isArray(catalogue[section])) violation(`${section} should be a list`);
  }
  for (const [i, matter] of (catalogue['matters'] as unknown[]).entries()) {
    if (!isRecord(matter) || typeof matter['slug'] !== 'string' || typeof matter['name'] !== 'string')
      violation(`matters[${i}] needs slug and name`);
    if (!Array.isArray(matter['dockets'])) violation(`matters[${i}].dockets should be a list`);
    for (const docket of matter['dockets'] as unknown[]) {
      if (!isRecord(docket) || typeof docket['court'] !== 'string' || typeof docket['number'] !== 'string')
        violation(`matters[${i}] has a docket without court or number`);
      for (const source of (docket['sources'] ?? []) as unknown[]) expectInterval(source, `matters[${i}] docket source`);
    }
  }
  for (const section of ['feeds', 'pressRooms', 'pages']) {
    for (const [i, source] of (catalogue[section] as unknown[]).entries()) expectInterval(source, `${section}[${i}]`);
  }
  JSON.stringify(catalogue);
}

function expectInterval(source: unknown, where: string): void {
  if (!isRecord(source)) violation(`${where} should be an object`);
  const every = source['every'];
  if (typeof every !== 'number' || !(every >= 1)) violation(`${where}.every should be a positive number of seconds, got ${String(every)}`);
}

function checkCatalogue(text: string): void {
  let catalogue: unknown;
  try {
    catalogue = parseCatalogue(text, 'property.yaml');
  } catch (err) {
    if (err instanceof DocketwatchError) {
      if (err.code === 'CATALOGUE_INVALID') return;
      violation(`DocketwatchError with code ${err.code}: ${err.message}`);
    }
    throw err;
  }
  expectCatalogue(catalogue);
}

// ------------------------------------------------------------------------------------------------
// Generators
// ------------------------------------------------------------------------------------------------

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 15 }),
  fc.string({ unit: anyCodeUnit, maxLength: 15 }),
);

/** Mostly `right`; now and then missing, or wrong in one of many ways. */
const mostly = <T>(right: fc.Arbitrary<T>, wrong: readonly unknown[] = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 120, arbitrary: right },
    { weight: 1, arbitrary: fc.constant(undefined) },
    fc.constantFrom(null, true, 0, -1, 1.5, 1e300, 2 ** 53 + 2, '', [], {}, 'NaN', '.inf', ...wrong),
    fc.jsonValue({ maxDepth: 2 }),
    anyText,
  );

const url = mostly(fc.oneof(fc.webUrl(), fc.constant('https://ecf.mdd.uscourts.gov/cgi-bin/rss_outside.pl')), [
  'javascript:alert(1)',
  'ftp://x/',
  'http://',
]);
const duration = mostly(fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('90s', '5m', '1h', ' 7 M ')), [
  '0s',
  '99999999999999999999999h',
  '1d',
  '-5m',
]);
const court = mostly(fc.constantFrom('mdd', 'ca4', 'scotus', 'dcd'), ['MDD', 'a', 'toolongcourtid']);
const docketNumber = mostly(fc.constantFrom('8:25-cv-951', '24A949', '25-112', '1:20-cv-03010-APM'), [' ', 'x']);
const slug = mostly(fc.constantFrom('abrego-garcia', 'tariffs', 'a', 'b2'), ['Bad Slug', '-x-', '__proto__', 'constructor']);

const docketSource = fc.oneof(
  fc.record({ kind: mostly(fc.constant('scotus-docket')), url, every: duration }),
  fc.record({ kind: mostly(fc.constant('pacer-rss')), url, every: duration, name: mostly(fc.constant('source')) }),
  fc.record({ kind: mostly(fc.constant('courtlistener')), docketId: mostly(fc.integer({ min: 1, max: 10_000_000 })), every: duration }),
);

const subscription = fc.oneof(
  fc.record({
    email: mostly(fc.constantFrom('clerk@example.com', 'a.b+c@court.example.org'), ['not-an-address', 'a@b']),
    label: mostly(fc.constant('label')),
    mode: mostly(fc.constantFrom('immediate', 'digest'), ['hourly']),
  }),
  fc.record({ slack: url, docket: docketNumber }),
);

const matter = fc.record({
  slug,
  name: mostly(fc.constant('A matter')),
  description: mostly(anyText),
  aliases: mostly(fc.array(anyText, { maxLength: 3 })),
  keywords: mostly(fc.array(anyText, { maxLength: 3 })),
  dockets: mostly(
    fc.array(
      fc.record({
        court,
        number: docketNumber,
        pacerCaseId: mostly(fc.oneof(fc.nat(), fc.nat().map(String))),
        courtlistenerId: mostly(fc.integer({ min: 1, max: 10_000_000 })),
        courtlistenerIds: mostly(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 2 })),
        caseName: mostly(anyText),
        sources: mostly(fc.array(docketSource, { maxLength: 2 })),
      }),
      { maxLength: 3 },
    ),
  ),
  subscriptions: mostly(fc.array(subscription, { maxLength: 2 })),
});

const catalogueObject = fc.record({
  matters: mostly(fc.uniqueArray(matter, { maxLength: 3, selector: (m) => (m as { slug?: unknown }).slug })),
  feeds: mostly(
    fc.array(
      fc.oneof(
        fc.record({ kind: mostly(fc.constant('pacer-rss')), court, url, every: duration }),
        fc.record({ kind: mostly(fc.constant('feed')), name: mostly(fc.constant('f')), url, every: duration }),
      ),
      { maxLength: 2 },
    ),
  ),
  pressRooms: mostly(
    fc.array(fc.record({ preset: mostly(fc.constantFrom('justice-gov-news', 'nope')), url, every: duration }), { maxLength: 2 }),
  ),
  pages: mostly(
    fc.array(fc.record({ name: mostly(fc.constant('p')), url, selector: mostly(fc.constantFrom('main', ':has(')), every: duration }), {
      maxLength: 2,
    }),
  ),
  mailboxes: mostly(
    fc.array(
      fc.record({
        kind: mostly(fc.constantFrom('nef-email', 'scotus-email')),
        address: mostly(fc.constantFrom('nef@docketwatch.example', 'scotus@docketwatch.example')),
      }),
      { maxLength: 2 },
    ),
  ),
  webhooks: mostly(
    fc.array(
      fc.record({
        kind: mostly(fc.constant('courtlistener-webhook')),
        name: mostly(fc.constant('cl')),
        secret: mostly(fc.string({ minLength: 16, maxLength: 40 })),
        checkSender: mostly(fc.boolean()),
      }),
      { maxLength: 2 },
    ),
  ),
  /** Rarely: an unknown top-level key. */
  extra: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, anyText),
});

/** YAML the library writes (undefined fields dropped), in block or flow style. */
const yamlDocument = fc.tuple(catalogueObject, fc.boolean()).map(([object, flow]) => {
  const plain = JSON.parse(JSON.stringify(object)) as unknown;
  return stringify(plain, flow ? { collectionStyle: 'flow' } : {});
});

/** YAML that has broken parsers: alias bombs and cycles, tags, merge keys, depth, documents, control characters. */
const HOSTILE_YAML: readonly string[] = [
  '\nmatters: &a [*a]\n',
  '\nx: &a {y: *a}\n',
  '\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  '*undefined_alias',
  '&anchor ',
  '<<: *a\n',
  '<<: {slug: x}\n',
  '!!binary aGVsbG8=',
  '!!timestamp 2001-12-14',
  '!!js/function "function(){}"',
  '!<tag:yaml.org,2002:str> x',
  '%YAML 1.1\n---\n',
  '%TAG ! tag:x,2000:\n---\n',
  '\n---\n',
  '\n...\n',
  '? [complex, key]\n: value\n',
  '__proto__: {polluted: true}\n',
  'constructor: {prototype: {x: 1}}\n',
  '['.repeat(5000),
  '{a: '.repeat(3000),
  Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}- `).join('\n'),
  '\t',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDC00\uDC00',
  '"\\u',
  "'unterminated",
  '|\n  literal\n',
  '>-\n  folded\n',
  ': : :',
  '- - - -',
  '#'.repeat(1000),
  'every: 99999999999999999999999h\n',
  'x'.repeat(100_000),
  '\n'.repeat(10_000),
];

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; hostile: number; text: string };

function mutate(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce((current, mutation) => {
    const at = mutation.at % (current.length + 1);
    if (mutation.op === 'truncate') return current.slice(0, at);
    if (mutation.op === 'delete') return current.slice(0, at) + current.slice(at + mutation.length);
    return current.slice(0, at) + (mutation.hostile >= 0 ? HOSTILE_YAML[mutation.hostile]! : mutation.text) + current.slice(at);
  }, text);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      hostile: fc.oneof(fc.nat({ max: HOSTILE_YAML.length - 1 }), fc.constant(-1)),
      text: fc.oneof(anyText, fc.constantFrom(': ', '- ', '\n  ', '&a ', '*a', '!!str ', '"', "'", '{', '}', '[', ']', ',')),
    }),
  },
);

// ------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------

describe('parseCatalogue on adversarial input', () => {
  it(
    'arbitrary text is a catalogue or CATALOGUE_INVALID',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ maxLength: 1000 }),
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.string({ unit: anyCodeUnit, maxLength: 300 }),
            fc.string({
              unit: fc.constantFrom(':', '-', ' ', '\n', '[', ']', '{', '}', '&a', '*a', '!', '?', '|', '>', '#', '"', 'matters', 'x'),
              maxLength: 300,
            }),
          ),
          checkCatalogue,
        ),
        { numRuns: RUNS.cheap },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'catalogues built from the schema, values of any type, written by the YAML library',
    () => {
      fc.assert(fc.property(yamlDocument, checkCatalogue), { numRuns: RUNS.structured });
    },
    TIMEOUT_MS,
  );

  it(
    'those catalogues mutated with hostile YAML',
    () => {
      fc.assert(
        fc.property(yamlDocument, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) =>
          checkCatalogue(mutate(text, mutations)),
        ),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );
});
