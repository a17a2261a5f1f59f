import { decodeBody } from './decode-body';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('decodeBody', () => {
  it('defaults to UTF-8', () => {
    expect(decodeBody(Buffer.from('Café — ok'), null)).toBe('Café — ok');
  });

  it('uses the Content-Type charset, quoted or not', () => {
    expect(decodeBody(latin1('Café'), 'text/plain; charset=ISO-8859-1')).toBe('Café');
    expect(decodeBody(latin1('Café'), 'text/xml;charset="iso-8859-1"')).toBe('Café');
  });

  it('reads the encoding from an ISO-8859-1 XML prolog', () => {
    const feed = latin1('<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><title>Cour d\'appel : arrêt</title></rss>');
    expect(decodeBody(feed, 'application/rss+xml')).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><title>Cour d\'appel : arrêt</title></rss>',
    );
  });

  it('prefers the Content-Type charset over the XML prolog', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>', 'utf8');
    expect(decodeBody(body, 'text/xml; charset=utf-8')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>');
  });

  it('reads an HTML meta charset in both forms', () => {
    // 0x93/0x94 are curly quotes in windows-1252.
    const quoted = Buffer.concat([latin1('<html><head><meta charset="windows-1252"></head><p>'), Buffer.from([0x93, 0x61, 0x94])]);
    expect(decodeBody(quoted, 'text/html')).toContain('\u201ca\u201d');
    const httpEquiv = latin1('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Société</p>');
    expect(decodeBody(httpEquiv, null)).toContain('Société');
  });

  it('lets a byte-order mark win and strips it', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é')]);
    expect(decodeBody(body, 'text/plain; charset=iso-8859-1')).toBe('é');
  });

  it('treats a UTF-16 declaration without a BOM as UTF-8', () => {
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>é</t>'), null)).toContain('<t>é</t>');
  });

  it('uses the fallback when nothing is declared or the label is unknown', () => {
    expect(decodeBody(latin1('Café'), null, 'windows-1252')).toBe('Café');
    expect(decodeBody(latin1('Café'), 'text/plain; charset=x-made-up', 'latin1')).toBe('Café');
    expect(decodeBody(Buffer.from('Café'), 'text/plain; charset=x-made-up')).toBe('Café');
  });
});

describe('decodeBody windows-1252', () => {
  it('maps 0x80-0x9F to the WHATWG code points for every latin1 label (works around Node 20 TextDecoder)', () => {
    const bytes = Buffer.from([0x80, 0x91, 0x92, 0x96, 0x97, 0x99, 0x9f, 0x81, 0xe9, 0xff]);
    for (const label of ['windows-1252', 'ISO-8859-1', 'latin1', 'us-ascii']) {
      expect(decodeBody(bytes, `text/html; charset=${label}`)).toBe('\u20ac\u2018\u2019\u2013\u2014\u2122\u0178\u0081éÿ');
    }
  });
});
