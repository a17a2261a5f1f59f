/**
 * The text of an XML leaf element, from its raw inner markup.
 *
 * We decode ourselves rather than let fast-xml-parser do it: its entity handling leaves numeric
 * references (`&#x3C;`, which CM/ECF uses for every `<` in a description) undecoded and garbles
 * text mixed with CDATA. Here each reference is decoded exactly once (so `&amp;amp;` becomes
 * `&amp;`, as XML says), CDATA is taken literally, and no DTD-declared entity is ever expanded.
 */
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** Predefined XML entities and character references; bounded digits keep the pattern linear. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(codePoint: number): string {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : '\ufffd';
}

/** Decodes references in character data. Unknown named ones (`&nbsp;`) are left for the HTML layer. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED[name!]!;
  });
}

export function decodeXmlText(raw: string): string {
  let out = '';
  let position = 0;
  while (position < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, position);
    if (open === -1) {
      out += decodeReferences(raw.slice(position));
      break;
    }
    out += decodeReferences(raw.slice(position, open));
    const contentStart = open + CDATA_OPEN.length;
    const close = raw.indexOf(CDATA_CLOSE, contentStart);
    // The validator has already rejected unterminated CDATA; this only keeps the loop total.
    const contentEnd = close === -1 ? raw.length : close;
    out += raw.slice(contentStart, contentEnd);
    position = contentEnd + CDATA_CLOSE.length;
  }
  return out;
}
