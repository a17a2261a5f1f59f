import { decodeXmlText } from './xml-decode';

describe('decodeXmlText', () => {
  it('decodes predefined entities and character references exactly once', () => {
    expect(decodeXmlText('A &amp; B &lt;i&gt; &quot;C&quot; &apos;D&apos;')).toBe(`A & B <i> "C" 'D'`);
    expect(decodeXmlText('&#x3C;a href=&#39;/doc1/1&#39;&#x3E;')).toBe("<a href='/doc1/1'>");
    expect(decodeXmlText('&amp;amp;')).toBe('&amp;');
  });

  it('leaves unknown named references for the HTML layer', () => {
    expect(decodeXmlText('a&nbsp;b &unknown;')).toBe('a&nbsp;b &unknown;');
  });

  it('turns impossible code points into U+FFFD', () => {
    expect(decodeXmlText('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
  });

  it('takes CDATA literally and decodes the text around it', () => {
    expect(decodeXmlText('&lt;<![CDATA[<b>&amp;</b>]]>&gt;')).toBe('<<b>&amp;</b>>');
    expect(decodeXmlText('<![CDATA[unterminated')).toBe('unterminated');
  });
});
