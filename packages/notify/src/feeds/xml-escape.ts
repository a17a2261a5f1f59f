/**
 * Characters XML 1.0 cannot carry at all (§2.2 Char): C0 controls other than tab, LF and CR, lone
 * surrogates (the `u` flag makes them single code points here), U+FFFE and U+FFFF. Escaping cannot
 * help (`&#0;` is not well-formed either), so they are removed. Also removed: the C1 controls and
 * DEL and the noncharacters, which XML 1.0 discourages and which in scraped court text are only ever
 * decoding debris.
 */
const ILLEGAL_OR_DISCOURAGED =
  /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\u{10000}-\u{10ffff}]|\p{Noncharacter_Code_Point}/gu;

/** Removes every character an XML 1.0 document may not (or should not) contain. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(ILLEGAL_OR_DISCOURAGED, '');
}

/** Text content: invalid characters stripped, then `& < > " '` escaped (so `]]>` cannot occur either). */
export function xmlText(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#xD;');
}

/** An attribute value (double-quoted): as text, and whitespace kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}
