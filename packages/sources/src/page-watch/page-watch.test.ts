import { DocketwatchError, ParseError } from '@docketwatch/core';
import { diffLines, diffRegion, extractRegion, fragmentText, pageWatchDocument, pageWatchItems } from './index';

function errorOf(run: () => unknown): DocketwatchError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(DocketwatchError);
    return err as DocketwatchError;
  }
  throw new Error('expected an error');
}

const COURT_PAGE = `<!DOCTYPE html><html><head><title>Abrego Garcia v. Noem | D. Md.</title>
<style>.x { color: red }</style><script>var tracking = "<p>not text</p>";</script></head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/cases">Cases</a></li></ul></nav></header>
  <main id="case">
    <h1>Abrego Garcia v.   Noem</h1>
    <p>Case No. 8:25-cv-00951-PX.
       Documents are posted as they are filed.</p>
    <table>
      <tr><th>Date</th><th>Document</th></tr>
      <tr><td>04/07/2025</td><td><a href="/docs/order.pdf">Memorandum <b>Opinion</b></a></td></tr>
      <tr><td>04/10/2025</td><td>Order&nbsp;on motion</td></tr>
    </table>
    <ul><li>First<li>Second<br>line two</ul>
    <pre>line a
  line b</pre>
    <div hidden>hidden text</div><div style="display: none">also hidden</div><noscript>enable js</noscript>
    <p>Last updated <span>April 10, 2025</span></p>
  </main>
  <footer>Footer text</footer>
</body></html>`;

describe('extractRegion', () => {
  it('reads the selected region as lines: blocks and rows become lines, whitespace collapses, hidden things drop', () => {
    expect(extractRegion(COURT_PAGE, { selector: '#case' }).split('\n')).toEqual([
      'Abrego Garcia v. Noem',
      'Case No. 8:25-cv-00951-PX. Documents are posted as they are filed.',
      'Date Document',
      '04/07/2025 Memorandum Opinion',
      '04/10/2025 Order on motion',
      'First',
      'Second',
      'line two',
      'line a',
      'line b',
      'Last updated April 10, 2025',
    ]);
  });

  it('reads the whole body without a selector (never the head)', () => {
    const text = extractRegion(COURT_PAGE);
    expect(text.startsWith('Home\nCases\nAbrego Garcia v. Noem')).toBe(true);
    expect(text.endsWith('Footer text')).toBe(true);
    expect(text).not.toMatch(/tracking|color|not text|D\. Md\./);
  });

  it('reads every match of a selector once, in page order, even when matches nest', () => {
    const html = '<div class="box">A<div class="box">B</div></div><p>skip</p><div class="box">C</div>';
    expect(extractRegion(html, { selector: '.box' })).toBe('A\nB\nC');
  });

  it('reports a selector that matches nothing as a layout change', () => {
    const error = errorOf(() => extractRegion(COURT_PAGE, { selector: '#docket-entries' }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.code).toBe('PARSE_LAYOUT_CHANGED');
    expect(error.message).toBe('layout changed? page watch selector "#docket-entries" matched nothing');
  });

  it('reports a selector that is not CSS as a catalogue error', () => {
    expect(errorOf(() => extractRegion(COURT_PAGE, { selector: 'div[' })).code).toBe('CATALOGUE_INVALID');
    expect(errorOf(() => extractRegion(COURT_PAGE, { selector: 'p '.repeat(300) })).code).toBe('CATALOGUE_INVALID');
  });

  it('gives the same text for markup that differs only in ways a reader cannot see', () => {
    const a = '<body><p>Order   entered</p><p>Next</p></body>';
    const b = '<body>\n  <p>Order\n entered</p>\n\n<div><p>Next</p></div><script>x=1</script><!-- changed comment --></body>';
    expect(extractRegion(a)).toBe(extractRegion(b));
  });

  it.each<[string, string]>([
    ['nested far too deep', '<div>'.repeat(20_000)],
    ['far too many elements', '<br>'.repeat(150_000)],
    ['far too large', `<p>${'x'.repeat(9 * 1024 * 1024)}</p>`],
  ])('refuses a page %s', (_name, html) => {
    expect(errorOf(() => extractRegion(html)).code).toBe('PARSE_MALFORMED');
  });

  it('clips absurd lines and stops at the line cap', () => {
    const long = extractRegion(`<p>${'word '.repeat(2_000)}</p>`);
    expect(long.length).toBeLessThanOrEqual(4_001);
    expect(long.endsWith('…')).toBe(true);
    const many = extractRegion('<p>x</p>'.repeat(30_000));
    expect(many.split('\n')).toHaveLength(20_000);
  });
});

describe('fragmentText', () => {
  it('reads a fragment and its links', () => {
    expect(fragmentText('<p>See <a href="/a.pdf">the order</a>.</p><p>Next &amp; last</p>')).toEqual({
      lines: ['See the order.', 'Next & last'],
      links: ['/a.pdf'],
    });
  });

  it('falls back to tag stripping for a fragment too complex to parse', () => {
    expect(fragmentText(`${'<span>'.repeat(300)}deep &amp; &#x41;${'</span>'.repeat(300)}`)).toEqual({ lines: ['deep & A'], links: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// diffRegion
// ---------------------------------------------------------------------------------------------

const lines = (...list: string[]): string => list.join('\n');

describe('diffRegion', () => {
  it.each<[string, string, string, string[], string[]]>([
    ['no change', lines('a', 'b'), lines('a', 'b'), [], []],
    ['a line added at the end', lines('a', 'b'), lines('a', 'b', 'c'), ['c'], []],
    ['a line added at the top', lines('a', 'b'), lines('new', 'a', 'b'), ['new'], []],
    ['a line removed', lines('a', 'b', 'c'), lines('a', 'c'), [], ['b']],
    ['a line changed', lines('a', 'b', 'c'), lines('a', 'B', 'c'), ['B'], ['b']],
    ['from nothing', '', lines('a', 'b'), ['a', 'b'], []],
    ['to nothing', lines('a', 'b'), '', [], ['a', 'b']],
    ['a repeated line added', lines('x', 'y', 'x'), lines('x', 'y', 'x', 'x'), ['x'], []],
    ['two lines swapped', lines('a', 'b', 'c'), lines('a', 'c', 'b'), ['b'], ['b']],
    ['interleaved edits', lines('1', '2', '3', '4', '5'), lines('1', 'two', '3', '5', '6'), ['two', '6'], ['2', '4']],
  ])('%s', (_name, previous, current, added, removed) => {
    expect(diffRegion(previous, current)).toEqual({ added, removed });
  });

  it('ignores whitespace-only and blank-line changes', () => {
    expect(diffRegion('a\n\nb  c\n', '  a\nb c\n\n\n')).toEqual({ added: [], removed: [] });
  });

  it('finds a shortest edit script: cross-checked with a brute-force LCS on random texts', () => {
    // A fixed-seed generator: the same cases every run.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const randomLines = (): string[] => Array.from({ length: Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]!);
    const lcsLength = (a: string[], b: string[]): number => {
      const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
      return table[a.length]![b.length]!;
    };
    const isSubsequence = (part: string[], whole: string[]): boolean => {
      let at = 0;
      for (const line of whole) if (at < part.length && part[at] === line) at++;
      return at === part.length;
    };
    for (let run = 0; run < 500; run++) {
      const a = randomLines();
      const b = randomLines();
      const { added, removed } = diffRegion(a.join('\n'), b.join('\n'));
      const common = lcsLength(a, b);
      expect(added.length + removed.length).toBe(a.length + b.length - 2 * common);
      expect(isSubsequence(added, b)).toBe(true);
      expect(isSubsequence(removed, a)).toBe(true);
    }
  });

  it('handles a long page with a small change', () => {
    const page = Array.from({ length: 20_000 }, (_, i) => `entry ${i}`);
    const changed = [...page.slice(0, 10_000), 'entry new', ...page.slice(10_000, 15_000), ...page.slice(15_001)];
    expect(diffRegion(page.join('\n'), changed.join('\n'))).toEqual({ added: ['entry new'], removed: ['entry 15000'] });
  });

  it('stays bounded when everything changed: falls back to comparing lines as multisets', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? `old ${i}` : `new ${i}`));
    const diff = diffRegion(before.join('\n'), after.join('\n'), { maxLines: 20_000, maxEdits: 100 });
    expect(diff.added).toHaveLength(10_000);
    expect(diff.removed).toHaveLength(10_000);
    expect(diff.added[0]).toBe('new 1');
    expect(diff.removed[0]).toBe('old 1');
  });

  it('reads at most maxLines lines of each text', () => {
    expect(diffLines(lines('a', 'b', 'c'), 2)).toEqual(['a', 'b']);
    const huge = Array.from({ length: 30_000 }, (_, i) => `l${i}`).join('\n');
    expect(diffRegion(huge, `${huge}\nextra`)).toEqual({ added: [], removed: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// pageWatchItems
// ---------------------------------------------------------------------------------------------

describe('pageWatchItems', () => {
  const url = 'https://www.mdd.uscourts.gov/abrego-garcia-v-noem';
  const before = lines('Abrego Garcia v. Noem', '04/07/2025 Memorandum Opinion');
  const after = lines('Abrego Garcia v. Noem', '04/07/2025 Memorandum Opinion', '04/10/2025 Order on motion', '04/11/2025 Status report');

  it('turns a change into one item listing the added lines', () => {
    const [item, ...rest] = pageWatchItems(url, before, after, '  Abrego Garcia v.\n Noem ');
    expect(rest).toEqual([]);
    expect(item).toEqual({
      url: expect.stringMatching(/^https:\/\/www\.mdd\.uscourts\.gov\/abrego-garcia-v-noem#dw-change-[0-9a-f]{12}$/),
      title: 'Page changed: Abrego Garcia v. Noem',
      publishedAt: null,
      summary: '04/10/2025 Order on motion\n04/11/2025 Status report',
      text: '+ 04/10/2025 Order on motion\n+ 04/11/2025 Status report',
      publisher: null,
      enclosures: [],
    });
  });

  it('gives no item when nothing changed, or on the first poll (no previous text: the baseline)', () => {
    expect(pageWatchItems(url, before, `${before}\n\n`, 'T')).toEqual([]);
    expect(pageWatchItems(url, null, after, 'T')).toEqual([]);
  });

  it('names each change by its content: the same change is one item, another change another', () => {
    const first = pageWatchItems(url, before, after, 'T')[0]!;
    const again = pageWatchItems(url, before, after, 'T')[0]!;
    const other = pageWatchItems(url, after, before, 'T')[0]!;
    expect(again.url).toBe(first.url);
    expect(other.url).not.toBe(first.url);
  });

  it('summarises a removal, and caps long summaries', () => {
    const [removal] = pageWatchItems(url, after, before, 'T');
    expect(removal!.summary).toBe('Removed:\n04/10/2025 Order on motion\n04/11/2025 Status report');
    expect(removal!.text).toBe('- 04/10/2025 Order on motion\n- 04/11/2025 Status report');
    const many = Array.from({ length: 30 }, (_, i) => `new line ${i}`);
    const [big] = pageWatchItems(url, 'x', lines('x', ...many), 'T');
    expect(big!.summary.split('\n')).toHaveLength(21);
    expect(big!.summary.endsWith('… and 10 more lines')).toBe(true);
  });

  it('replaces a fragment the page URL already had', () => {
    expect(pageWatchItems(`${url}#docket`, before, after, 'T')[0]!.url).toMatch(/abrego-garcia-v-noem#dw-change-/);
  });

  it('is a page-watch document through pageWatchDocument', () => {
    expect(pageWatchDocument(url, before, after, 'T')).toMatchObject({
      format: 'page-watch',
      dockets: [],
      items: [{ title: 'Page changed: T' }],
    });
  });

  it('works end to end from two fetches of a page', () => {
    const v1 = COURT_PAGE;
    const v2 = COURT_PAGE.replace('</table>', '<tr><td>04/12/2025</td><td>Notice of appeal</td></tr></table>');
    const [item] = pageWatchItems(url, extractRegion(v1, { selector: '#case' }), extractRegion(v2, { selector: '#case' }), 'Abrego Garcia');
    expect(item!.summary).toBe('04/12/2025 Notice of appeal');
  });
});
