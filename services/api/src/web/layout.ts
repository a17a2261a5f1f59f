import { escapeHtml } from '@docketwatch/core';

/** Tagged template that escapes every interpolated value unless it is already-rendered Html. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | Html[];

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(part: Part): string {
  if (part === null || part === undefined) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

const STYLE = `
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#14213d;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline}
header a{color:#fff;text-decoration:none}header strong{font-size:18px}
main{max-width:960px;margin:0 auto;padding:16px 24px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{padding:6px 8px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top;font-size:14px}
.muted{color:#666}.badge{display:inline-block;padding:1px 6px;border-radius:8px;font-size:12px;background:#e8eef9}
.ok{background:#daf2dc}.degraded{background:#fff1c2}.failing{background:#f9d4d4}.new{background:#eee}
td.when{white-space:nowrap}
iframe{width:100%;height:600px;border:1px solid #ddd;background:#fff}
`;

export function page(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title} · docketwatch</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <strong><a href="/">docketwatch</a></strong
          ><a href="/">Matters</a><a href="/search">Search</a><a href="/sources">Sources</a><a href="/outbox">Outbox</a>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
