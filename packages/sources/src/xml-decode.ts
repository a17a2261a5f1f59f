/**
 * The text of an XML leaf element, from its raw inner markup.
 *
 * We decode ourselves rather than let fast-xml-parser do it: its entity handling leaves numeric
 * references (`&#x3C;`, which CM/ECF uses for every `<` in a description) undecoded and garbles
 * text mixed with CDATA. Here each reference is decoded exactly once by `entities` (so `&amp;amp;`
 * becomes `&amp;`, as XML says), CDATA is taken literally, and no DTD-declared entity is ever
 * expanded. Unknown named references (`&nbsp;`) are left for the HTML layer. As browsers do,
 * `entities` reads a reference to a C1 control (`&#x80;`-`&#x9F;`) as the windows-1252 character
 * it almost always meant, and an impossible code point as U+FFFD.
 */
import { decodeXML } from 'entities';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

export function decodeXmlText(raw: string): string {
  let out = '';
  let position = 0;
  while (position < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, position);
    if (open === -1) {
      out += decodeXML(raw.slice(position));
      break;
    }
    out += decodeXML(raw.slice(position, open));
    const contentStart = open + CDATA_OPEN.length;
    const close = raw.indexOf(CDATA_CLOSE, contentStart);
    // The validator has already rejected unterminated CDATA; this only keeps the loop total.
    const contentEnd = close === -1 ? raw.length : close;
    out += raw.slice(contentStart, contentEnd);
    position = contentEnd + CDATA_CLOSE.length;
  }
  return out;
}
