import type { AnyNode } from 'domhandler';
import { loadHtml } from './html-load';
import { collapseWhitespace, htmlLines, htmlText, isElement, walkHtml } from './html-text';

const root = (html: string): AnyNode => loadHtml(html, null, false).root()[0]!;
const never = (): boolean => false;

describe('walkHtml', () => {
  it('visits every node in document order and exits elements after their children', () => {
    const seen: string[] = [];
    walkHtml(root('<p>a<b>b</b></p>c'), {
      enter: (node) => void seen.push(isElement(node) ? `<${node.name}>` : 'data' in node ? String(node.data) : 'root'),
      exit: (element) => void seen.push(`</${element.name}>`),
    });
    expect(seen).toEqual(['root', '<p>', 'a', '<b>', 'b', '</b>', '</p>', 'c']);
  });

  it('skips the children of a node whose enter returns false, and stops when asked', () => {
    const texts: string[] = [];
    const finished = walkHtml(root('<i>skipped</i>kept'), (node) => {
      if ('data' in node) texts.push(String(node.data));
      return !(isElement(node) && node.name === 'i');
    });
    expect(texts).toEqual(['kept']);
    expect(finished).toBe(true);
    expect(
      walkHtml(
        root('<p>a</p>'),
        () => undefined,
        () => true,
      ),
    ).toBe(false);
  });

  it('walks markup nested far deeper than any call stack', () => {
    const deep = `${'<span>'.repeat(50_000)}x${'</span>'.repeat(50_000)}`;
    expect(htmlText(root(deep)).text).toBe('x');
  });
});

describe('htmlText', () => {
  it('joins text nodes as written, skipping scripts and styles', () => {
    expect(htmlText(root('<b>Info</b><br> Case<script>x()</script><style>p{}</style>'), {}).text).toBe('Info Case');
  });

  it('puts a space where chosen elements start', () => {
    const read = htmlText(root('<p>one</p><p>two</p>'), { spaceBefore: new Set(['p']) });
    expect(collapseWhitespace(read.text)).toBe('one two');
  });

  it('reports anchors with an href and where their text sits', () => {
    const read = htmlText(root('See <a href="/op.pdf">the opinion</a> and <a>no href</a>.'));
    expect(read.links).toHaveLength(1);
    const [link] = read.links;
    expect(read.text.slice(link!.start, link!.end)).toBe('the opinion');
    expect(link!.element.attribs['href']).toBe('/op.pdf');
  });

  it('leaves out the text of omitted elements but reports their links as omitted', () => {
    const read = htmlText(root('Order<span class="links"><a href="/1">PDF</a></span>.'), {
      omit: (element) => element.attribs['class'] === 'links',
    });
    expect(read.text).toBe('Order.');
    expect(read.links.map((link) => link.omitted)).toEqual([true]);
  });

  it('stops once maxChars are read', () => {
    expect(htmlText(root('<p>abc</p><p>def</p><p>ghi</p>'), { maxChars: 4 }).text).toBe('abcdef');
  });
});

describe('htmlLines', () => {
  it('starts lines at blocks and <br>, keeps a row’s cells on one line, and collapses whitespace', () => {
    const read = htmlLines(root('<h1>Title</h1><table><tr><td>Case:</td><td>Doe  v.\nRoe</td></tr></table>a<br>b'), {
      hidden: never,
      newlines: 'never',
    });
    expect(read.lines.map((line) => line.text)).toEqual(['Title', 'Case: Doe v. Roe', 'a', 'b']);
  });

  it('breaks lines at newlines only where told', () => {
    const html = '<pre>one\ntwo</pre>three\nfour';
    const lines = (newlines: 'never' | 'in-pre' | 'always') => htmlLines(root(html), { hidden: never, newlines }).lines.map((l) => l.text);
    expect(lines('never')).toEqual(['one two', 'three four']);
    expect(lines('in-pre')).toEqual(['one', 'two', 'three four']);
    expect(lines('always')).toEqual(['one', 'two', 'three', 'four']);
  });

  it('drops hidden elements and attaches links to the line they start on', () => {
    const read = htmlLines(root('<p>Filed <a href="/doc/1">1</a></p><div class="x">hidden</div><p><a href="/only"></a></p>'), {
      hidden: (element) => element.attribs['class'] === 'x',
      newlines: 'never',
    });
    expect(read.lines).toEqual([{ text: 'Filed 1', hrefs: ['/doc/1'] }]);
    expect(read.links).toEqual(['/doc/1', '/only']);
    const withLinkOnly = htmlLines(root('<p><a href="/only"></a></p>'), { hidden: never, newlines: 'never', keepLinkOnlyLines: true });
    expect(withLinkOnly.lines).toEqual([{ text: '', hrefs: ['/only'] }]);
  });

  it('caps lines and characters per line, and says so', () => {
    const read = htmlLines(root('<p>abcdef</p><p>2</p><p>3</p>'), { hidden: never, newlines: 'never', maxLines: 2, maxLineChars: 3 });
    expect(read.lines.map((line) => line.text)).toEqual(['abc…', '2']);
    expect(read.clipped).toBe(true);
    expect(htmlLines(root('<p>ok</p>'), { hidden: never, newlines: 'never' }).clipped).toBe(false);
  });
});
