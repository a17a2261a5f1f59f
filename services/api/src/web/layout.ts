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

/**
 * Phone first: at 390 px no page scrolls sideways. Long URLs and docket text wrap anywhere, form
 * controls never outgrow the screen, and below 40em data tables stack each row into a card whose
 * cells are labelled by their column (`data-label`), so nothing needs a sideways scroll to read.
 * Wider, a cell may still break a long URL anywhere, so no table outgrows the page; short columns
 * (`td.words`: dates, courts, numbers) keep their words whole, or a wide text column beside them
 * would squeeze "61" into "6 1".
 */
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa;line-height:1.45}
a{color:#0b4f9c}a:visited{color:#5a2d82}
:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.skip{position:absolute;left:8px;top:-48px;background:#fff;color:#0b4f9c;padding:8px 12px;z-index:1;border-radius:4px}
.skip:focus{top:8px}
header{background:#14213d;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:4px 20px;align-items:baseline}
header a,header a:visited{color:#fff;text-decoration:none}header a:hover{text-decoration:underline}
header :focus-visible{outline-color:#ffbf47}
header .brand{font-size:18px;font-weight:700}
header nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
main{max-width:960px;margin:0 auto;padding:16px;overflow-wrap:anywhere}
main:focus{outline:none}
h1{font-size:1.6rem;line-height:1.25}
table{border-collapse:collapse;width:100%;background:#fff}
caption{text-align:left;padding:6px 0;color:#444}
th{overflow-wrap:normal}
td.words{overflow-wrap:break-word}
td,th{padding:6px 8px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top;font-size:14px}
.muted{color:#555}.badge{display:inline-block;padding:1px 6px;border-radius:8px;font-size:12px;background:#e8eef9;color:#1b1b1b}
.ok{background:#daf2dc}.degraded{background:#fff1c2}.failing,.layout-changed{background:#f9d4d4}.new{background:#eee}
td.when{white-space:nowrap}
ul.dockets{padding-left:1.2em}.gap{color:#8a1c00;font-size:14px}
pre{white-space:pre-wrap}
input,select,button,textarea{font:inherit;max-width:100%}
input[type=email],input[type=search],input[type=password],input[type=text]:not([size]),textarea{width:min(100%,28rem)}
fieldset{margin:8px 0;border:1px solid #ccc}
form label{display:inline-block;margin:2px 8px 2px 0}
iframe{width:100%;height:600px;border:1px solid #ddd;background:#fff}
.matters{list-style:none;padding:0;display:grid;gap:12px}
.matters li{background:#fff;border:1px solid #e4e4e4;border-radius:6px;padding:12px 16px}
.matters h2{font-size:1.15rem;margin:0 0 4px}
.matters dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0 0}
.matters dt{color:#555}.matters dd{margin:0}
@media (max-width:40em){
  main{padding:12px}
  table,tbody,tr,td,th,caption{display:block;width:100%}
  tr:not(:has(td)){position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  tr{border-bottom:1px solid #ccc;padding:6px 0}
  td{border:0;padding:2px 8px}
  td.words{overflow-wrap:anywhere}
  td.when{white-space:normal}
  td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
  td.empty{display:none}
  .matters dl{grid-template-columns:1fr}
}
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
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <a class="brand" href="/">docketwatch</a>
          <nav aria-label="Site">
            <ul>
              <li><a href="/">Matters</a></li>
              <li><a href="/search">Search</a></li>
              <li><a href="/sources">Sources</a></li>
              <li><a href="/outbox">Outbox</a></li>
              <li><a href="/admin">Admin</a></li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">${body}</main>
      </body>
    </html>`.value;
}
