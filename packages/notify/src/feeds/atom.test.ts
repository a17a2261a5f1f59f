import { XMLValidator } from 'fast-xml-parser';
import type { AlertView } from '../alert-view';
import { atomDate, atomEntryFromView, renderAtomFeed, type AtomFeedInput } from './atom';
import { stripInvalidXmlChars, xmlAttr, xmlText } from './xml-escape';

/**
 * A strict XML 1.0 well-formedness check for what renderAtomFeed emits (no DTD, no CDATA, no
 * comments): every character legal, every `&` a predefined or numeric reference to a legal character,
 * attributes quoted, unique and free of `<`, tags balanced, one root. Returns the element tree with
 * references decoded, so tests can compare what a reader will see. (fast-xml-parser's XMLValidator,
 * used as a second opinion, accepts U+0000 and undefined entities, so it cannot be the only check.)
 */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const XML_CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = '[A-Za-z_][A-Za-z0-9._:-]*';

function decodeRefs(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`unterminated reference in ${where}: ${whole}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const hit = named[ref];
    if (hit !== undefined) return hit;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`undefined entity &${ref}; in ${where}`);
    const c = String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2]));
    if (!XML_CHAR.test(c)) throw new Error(`reference to an illegal character in ${where}`);
    return c;
  });
}

function parseStrictXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('illegal character');
  const prolog = /^<\?xml version="1\.0" encoding="utf-8"\?>\n/.exec(xml);
  if (!prolog) throw new Error('missing XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const token = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>|([^<]+)|(<)`, 'gy');
  token.lastIndex = prolog[0].length;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    if (stray) throw new Error(`stray < at ${m.index}`);
    if (text !== undefined) {
      if (text.includes(']]>')) throw new Error(']]> in text');
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim()) throw new Error('text outside the root');
        continue;
      }
      top.text += decodeRefs(text, `<${top.name}>`);
      continue;
    }
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
      const [, attrName = '', value = ''] = a;
      if (attrName in attrs) throw new Error(`duplicate attribute ${attrName}`);
      attrs[attrName] = decodeRefs(value, `@${attrName}`);
    }
    const element: XmlElement = { name: name ?? '', attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new Error('second root element');
    else root = element;
    if (!selfClose) stack.push(element);
  }
  if (token.lastIndex !== 0 && token.lastIndex < xml.length) throw new Error(`unparsed input at ${token.lastIndex}`);
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}

function child(el: XmlElement | undefined, name: string): XmlElement {
  const found = el?.children.find((c) => c.name === name);
  if (!found) throw new Error(`no <${name}> in <${el?.name}>`);
  return found;
}

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

function checked(xml: string): XmlElement {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parseStrictXml(xml);
}

const HOSTILE = [
  'Order ]]> <script>alert(1)</script> &amp; "quotes" \'apos\'',
  'NUL\u0000 BS\u0008 VT\u000b FF\u000c ESC\u001b DEL\u007f NEL\u0085 CSI\u009b',
  'FFFE\ufffe FFFF\uffff FDD0\ufdd0 1FFFF\u{1ffff}',
  'lone high \ud800 lone low \udc00 reversed \udc00\ud800 end',
  'kept: tab\there, line\nbreak, é, ß, 中文, 😀, \u2028',
].join(' | ');

const STRIPPED = [
  'Order ]]> <script>alert(1)</script> &amp; "quotes" \'apos\'',
  'NUL BS VT FF ESC DEL NEL CSI',
  'FFFE FFFF FDD0 1FFFF',
  'lone high  lone low  reversed  end',
  'kept: tab\there, line\nbreak, é, ß, 中文, 😀, \u2028',
].join(' | ');

const base: AtomFeedInput = {
  id: 'tag:docketwatch.example,2025:matter/abrego-garcia',
  title: 'Abrego Garcia v. Noem',
  subtitle: 'Every docket entry, deduplicated',
  selfUrl: 'https://dw.example/feeds/matters/abrego-garcia.atom',
  alternateUrl: 'https://dw.example/matters/abrego-garcia',
  updated: new Date('2025-04-07T18:06:00.123Z'),
  entries: [
    {
      id: 'tag:docketwatch.example,2025:entry/101',
      title: 'Order granting TRO',
      url: 'https://ecf.mdd.uscourts.gov/doc1/04121234567',
      updated: '2025-04-07T18:06:00Z',
      published: '2025-04-07T14:05:00-04:00',
      summary: 'ORDER granting motion for TRO.',
      content: 'ORDER granting motion for TRO.\nSigned by Judge Paula Xinis.',
      categories: ['Abrego Garcia v. Noem', 'D. Md. 8:25-cv-00951'],
      author: 'D. Md.',
    },
    {
      id: 'tag:docketwatch.example,2025:entry/102',
      title: 'Notice',
      updated: '2025-04-06',
      summary: 'NOTICE of appearance',
    },
  ],
};

describe('renderAtomFeed', () => {
  it('is a well-formed Atom 1.0 feed with the required elements', () => {
    const xml = renderAtomFeed(base);
    const feed = checked(xml);
    expect(feed.name).toBe('feed');
    expect(feed.attrs).toEqual({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en' });
    expect(child(feed, 'id').text).toBe('tag:docketwatch.example,2025:matter/abrego-garcia');
    expect(child(feed, 'title')).toMatchObject({ text: 'Abrego Garcia v. Noem', attrs: { type: 'text' } });
    expect(child(feed, 'subtitle').text).toBe('Every docket entry, deduplicated');
    expect(child(feed, 'updated').text).toBe('2025-04-07T18:06:00Z');
    expect(children(feed, 'link').map((l) => l.attrs)).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: 'https://dw.example/feeds/matters/abrego-garcia.atom' },
      { rel: 'alternate', type: 'text/html', href: 'https://dw.example/matters/abrego-garcia' },
    ]);
    expect(child(child(feed, 'author'), 'name').text).toBe('docketwatch');

    const [first, second] = children(feed, 'entry');
    expect(child(first, 'id').text).toBe('tag:docketwatch.example,2025:entry/101');
    expect(child(first, 'link').attrs).toEqual({
      rel: 'alternate',
      type: 'text/html',
      href: 'https://ecf.mdd.uscourts.gov/doc1/04121234567',
    });
    expect(child(first, 'published').text).toBe('2025-04-07T18:05:00Z');
    expect(child(first, 'updated').text).toBe('2025-04-07T18:06:00Z');
    expect(child(child(first, 'author'), 'name').text).toBe('D. Md.');
    expect(children(first as XmlElement, 'category').map((c) => c.attrs.term)).toEqual(['Abrego Garcia v. Noem', 'D. Md. 8:25-cv-00951']);
    expect(child(first, 'content')).toMatchObject({
      attrs: { type: 'text' },
      text: 'ORDER granting motion for TRO.\nSigned by Judge Paula Xinis.',
    });

    // No link and no content: the summary is repeated as content (RFC 4287 §4.1.1).
    expect(children(second as XmlElement, 'link')).toEqual([]);
    expect(child(second, 'updated').text).toBe('2025-04-06T12:00:00Z');
    expect(child(second, 'content').text).toBe('NOTICE of appearance');
    expect(() => child(second, 'published')).toThrow();
  });

  it('is byte-for-byte stable for the same input, so readers never see duplicates', () => {
    expect(renderAtomFeed(base)).toBe(renderAtomFeed({ ...base, entries: base.entries.map((e) => ({ ...e })) }));
  });

  it('escapes hostile scraped text and strips characters XML cannot carry', () => {
    const hostile: AtomFeedInput = {
      ...base,
      title: HOSTILE,
      subtitle: HOSTILE,
      author: { name: HOSTILE, uri: 'javascript:alert(1)', email: 'a@b.example"><x' },
      entries: [
        {
          id: 'tag:docketwatch.example,2025:entry/1',
          title: HOSTILE,
          url: 'javascript:alert(1)',
          updated: base.updated,
          summary: HOSTILE,
          content: HOSTILE,
          categories: [HOSTILE, '\u0000\ufffe', '"><script>'],
          author: HOSTILE,
        },
      ],
    };
    const xml = renderAtomFeed(hostile);
    // The raw output: nothing that could close a tag, a CDATA section or inject markup.
    expect(xml).not.toMatch(/<script|]]>|javascript:/);
    expect(xml).not.toMatch(/(?![\t\n\r])\p{Cc}|[\ufffe\uffff]/u);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    // encodeURIComponent throws URIError on a lone surrogate, which no UTF-8 encoder can write.
    expect(() => encodeURIComponent(xml)).not.toThrow();
    expect(Buffer.from(xml, 'utf8').toString('utf8')).toBe(xml); // no lone surrogates to mangle
    expect(xml).toContain('Order ]]&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;quotes&quot; &apos;apos&apos;');

    const feed = checked(xml);
    expect(child(feed, 'title').text).toBe(STRIPPED);
    expect(child(feed, 'subtitle').text).toBe(STRIPPED);
    const author = child(feed, 'author');
    expect(child(author, 'name').text).toBe(STRIPPED.trim());
    expect(author.children.map((c) => c.name)).toEqual(['name']);
    const entry = child(feed, 'entry');
    expect(child(entry, 'title').text).toBe(STRIPPED);
    expect(child(entry, 'summary').text).toBe(STRIPPED);
    expect(child(entry, 'content').text).toBe(STRIPPED);
    expect(children(entry, 'link')).toEqual([]);
    expect(children(entry, 'category').map((c) => c.attrs.term)).toEqual([STRIPPED.trim(), '"><script>']);
  });

  it('keeps carriage returns and attribute whitespace as references', () => {
    const xml = renderAtomFeed({ ...base, title: 'a\r\nb', entries: [{ ...base.entries[1]!, categories: ['x\ty\nz'] }] });
    const feed = checked(xml);
    expect(child(feed, 'title').text).toBe('a\r\nb');
    expect(child(child(feed, 'entry'), 'category').attrs.term).toBe('x\ty\nz');
  });

  it('refuses ids that are not absolute IRIs and feed links that are not http(s)', () => {
    expect(() => renderAtomFeed({ ...base, id: 'matter 1' })).toThrow(TypeError);
    expect(() => renderAtomFeed({ ...base, id: 'tag:x,2025:<a>' })).toThrow(TypeError);
    expect(() => renderAtomFeed({ ...base, entries: [{ ...base.entries[0]!, id: '101' }] })).toThrow(TypeError);
    expect(() => renderAtomFeed({ ...base, selfUrl: 'javascript:alert(1)' })).toThrow(TypeError);
    expect(() => renderAtomFeed({ ...base, updated: 'not a date' })).toThrow(RangeError);
    expect(() => renderAtomFeed({ ...base, lang: 'en"><x' })).not.toThrow();
    expect(renderAtomFeed({ ...base, lang: 'en"><x' })).toContain('xml:lang="en"');
  });

  it('renders an empty feed', () => {
    const feed = checked(renderAtomFeed({ ...base, entries: [] }));
    expect(children(feed, 'entry')).toEqual([]);
  });
});

describe('the strict XML check used above', () => {
  it('rejects what a lenient validator lets through', () => {
    const wrap = (body: string) => `<?xml version="1.0" encoding="utf-8"?>\n<feed>${body}</feed>`;
    expect(parseStrictXml(wrap('<a x="1">ok &amp; &#x1F600;</a>')).children[0]?.text).toBe('ok & 😀');
    for (const bad of [
      '\u0000',
      '&bogus;',
      '&#0;',
      '&#xFFFE;',
      'a & b',
      '<a>',
      '</b>',
      '<a x="1" x="2"/>',
      '<a x="<"/>',
      ']]>',
      '\ud800',
    ]) {
      expect(() => parseStrictXml(wrap(bad))).toThrow();
    }
    expect(() => parseStrictXml(`${wrap('')}<feed/>`)).toThrow();
  });
});

describe('atomDate', () => {
  it('writes RFC 3339 UTC with whole seconds', () => {
    expect(atomDate('2025-04-07T14:05:00-04:00')).toBe('2025-04-07T18:05:00Z');
    expect(atomDate(new Date(Date.UTC(2025, 0, 1, 0, 0, 0, 999)))).toBe('2025-01-01T00:00:00Z');
    expect(atomDate('2025-04-07')).toBe('2025-04-07T12:00:00Z');
  });
});

describe('atomEntryFromView', () => {
  const view: AlertView = {
    kind: 'new',
    source: 'court',
    entryClass: 'order',
    matterName: 'Abrego Garcia v. Noem',
    matterUrl: 'https://dw.example/matters/abrego-garcia',
    court: 'mdd',
    courtName: 'D. Md.',
    docketNumber: '8:25-cv-00951',
    caseName: 'Abrego Garcia v. Noem',
    entryNumber: '31',
    filedAt: '2025-04-07T14:05:00-04:00',
    shortDescription: 'Order <script>',
    description: 'ORDER granting TRO \u0000 ]]>',
    documentUrl: 'javascript:alert(1)',
  };
  const id = 'https://dw.example/entries/9001';

  it('names the court, docket and entry, links to the timeline when the document link is unsafe', () => {
    const entry = atomEntryFromView(view, id, '2025-04-07T18:06:00Z');
    expect(entry.title).toBe('Order <script> (D. Md. 8:25-cv-00951 #31)');
    expect(entry.url).toBe('https://dw.example/matters/abrego-garcia');
    expect(entry.published).toBe('2025-04-07T18:05:00Z');
    expect(entry.summary).toBe('ORDER granting TRO \u0000 ]]>');
    expect(entry.content).toContain('Filed: Apr 7, 2025, 2:05 PM EDT');
    expect(entry.content).toContain('No document link yet.');
    const feed = checked(renderAtomFeed({ ...base, entries: [entry] }));
    expect(child(child(feed, 'entry'), 'summary').text).toBe('ORDER granting TRO  ]]>');
  });

  it('keeps the id when the entry is updated, so readers show a change, not a new item', () => {
    const first = atomEntryFromView(view, id, '2025-04-07T18:06:00Z');
    const update = atomEntryFromView(
      { ...view, kind: 'updated', documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/1' },
      id,
      '2025-04-08T09:00:00Z',
    );
    expect(update.id).toBe(first.id);
    expect(update.title).toMatch(/^Updated: /);
    expect(update.url).toBe('https://ecf.mdd.uscourts.gov/doc1/1');
    const [a, b] = [first, update].map((e) => child(checked(renderAtomFeed({ ...base, entries: [e] })), 'entry'));
    expect(child(a, 'id').text).toBe(child(b, 'id').text);
    expect(child(b, 'updated').text).toBe('2025-04-08T09:00:00Z');
  });

  it('describes press items by their publisher', () => {
    const press: AlertView = {
      ...view,
      source: 'press',
      entryClass: 'press',
      court: 'press',
      courtName: 'U.S. Department of Justice',
      docketNumber: '',
      entryNumber: null,
      shortDescription: 'Statement on Abrego Garcia',
      documentUrl: 'https://www.justice.gov/opa/pr/statement',
      publisher: 'U.S. Department of Justice',
    };
    const entry = atomEntryFromView(press, id, '2025-04-07T18:06:00Z');
    expect(entry.title).toBe('Statement on Abrego Garcia (U.S. Department of Justice)');
    expect(entry.content).toContain('Published by: U.S. Department of Justice');
    expect(entry.content).toContain('Read it: https://www.justice.gov/opa/pr/statement');
    expect(entry.categories).toEqual(['Abrego Garcia v. Noem', 'Press']);
  });

  it('gives date-only filings a noon-UTC published time and tolerates unparseable ones', () => {
    expect(atomEntryFromView({ ...view, filedAt: '2025-04-07' }, id, '2025-04-07').published).toBe('2025-04-07T12:00:00Z');
    expect(atomEntryFromView({ ...view, filedAt: 'sometime' }, id, '2025-04-07').published).toBeNull();
  });
});

describe('xml text helpers', () => {
  it('strip and escape', () => {
    expect(stripInvalidXmlChars('a\u0000b\ud800c\ufffed\u{10ffff}e\u{10fffd}')).toBe('abcde\u{10fffd}');
    expect(xmlText('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(xmlAttr('a\tb\nc\rd')).toBe('a&#x9;b&#xA;c&#xD;d');
  });
});
