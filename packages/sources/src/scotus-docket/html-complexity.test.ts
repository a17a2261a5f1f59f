import { htmlComplexityProblem, scanHtml } from './html-complexity';

const limits = { maxDepth: 5, maxElements: 50 };

describe('scanHtml', () => {
  it('counts elements and passes ordinary markup', () => {
    expect(scanHtml('<html><body><div><p>a<p>b<br><img src=x></div></body></html>', limits)).toEqual({ elements: 7, exceeded: null });
  });

  it('flags deep nesting and too many elements', () => {
    expect(scanHtml('<div>'.repeat(6), limits).exceeded).toBe('depth');
    expect(scanHtml('<br>'.repeat(51), limits).exceeded).toBe('elements');
  });

  it('does not count implicitly closed, void or properly closed elements as nesting', () => {
    expect(scanHtml('<table><tr><td>'.repeat(3) + '<li><p><option>'.repeat(10), { ...limits, maxElements: 1000 }).exceeded).toBe(null);
    expect(scanHtml('<div></div>'.repeat(20), limits).exceeded).toBe(null);
    expect(scanHtml('<svg>' + '<path/>'.repeat(20) + '</svg>', limits).exceeded).toBe(null);
  });

  it('sees through tricks parsers do not fall for', () => {
    // <div/> is not self-closing in HTML, and a stray end tag closes nothing.
    expect(scanHtml('<div/>'.repeat(6), limits).exceeded).toBe('depth');
    expect(scanHtml('<b></span>'.repeat(6), limits).exceeded).toBe('depth');
    // An end tag for an outer element closes everything inside it.
    expect(scanHtml('<section>' + '<b><i>'.repeat(2) + '</section>'.repeat(1) + '<div>'.repeat(4), limits).exceeded).toBe(null);
  });

  it('ignores markup-like text in comments, scripts and styles', () => {
    const html = `<!-- ${'<div>'.repeat(10)} --><script>if (a<b) { x = "${'<div>'.repeat(10)}"; }</script><style>${'<div>'.repeat(10)}</style><p>ok`;
    expect(scanHtml(html, limits)).toEqual({ elements: 3, exceeded: null });
  });

  it('describes the problem for error messages', () => {
    expect(htmlComplexityProblem('<div>'.repeat(6), limits)).toBe('elements nest more than 5 deep');
    expect(htmlComplexityProblem('<br>'.repeat(51), limits)).toBe('more than 50 elements');
    expect(htmlComplexityProblem('<p>fine', limits)).toBeNull();
  });

  it('scans a megabyte of tags (a non-linear scan would time the test out)', () => {
    expect(() => scanHtml('<b></b>'.repeat(150_000), { maxDepth: 10, maxElements: 1_000_000 })).not.toThrow();
  });
});
