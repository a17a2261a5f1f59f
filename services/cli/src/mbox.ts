/**
 * The messages of an mbox file: each begins at a line starting "From " (the envelope line, dropped),
 * and body lines that began with "From " were stored as ">From " (mboxrd), which is undone.
 */
export function splitMbox(mbox: Buffer): Buffer[] {
  const messages: string[][] = [];
  for (const line of mbox.toString('latin1').split(/\r?\n/)) {
    if (line.startsWith('From ')) messages.push([]);
    else messages.at(-1)?.push(line.replace(/^>(>*From )/, '$1'));
  }
  // latin1 both ways keeps every byte as it was: each message's charset is its own to declare.
  return messages.map((lines) => Buffer.from(lines.join('\r\n').replace(/(\r\n)+$/, '\r\n'), 'latin1'));
}

/** An mbox starts with its first message's envelope line; a single message starts with a header. */
export function isMbox(raw: Buffer): boolean {
  return raw.subarray(0, 5).toString('latin1') === 'From ';
}
