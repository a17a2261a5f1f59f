/**
 * The confirmation page, synthetic: every outcome the court's script can pick, pages without a
 * deciding script, and bad input.
 */
import { ParseError } from '@docketwatch/core';
import type { ErrorCode } from '@docketwatch/core';
import { MAX_PAGE_CHARS, parseScotusConfirmationPage, type ScotusConfirmationStatus } from './confirmation-page';

/** The status divs in the court's order, with the message each carries. */
const DIVS: ReadonlyArray<readonly [string, ScotusConfirmationStatus, string]> = [
  ['divLinkExpired', 'link_expired', 'You did not verify the information in time.'],
  ['divOk', 'success', 'Your email address has been verified.'],
  ['divNotFound', 'not_found', 'The email has not been subscribed for the case.'],
  ['divDuplicate', 'duplicate', 'The email is subscribed more than once for the case.'],
  ['divBadRequest', 'bad_request', 'Please wait a few minutes and try again.'],
  [
    'divFail',
    'failed',
    "Please wait a few minutes and try again. If that still fails, you'll need to re-submit your request for case 25a561.",
  ],
  ['divNoVerifyString', 'no_verify', 'Please wait a few minutes and try again.'],
];

const statusDivs = (visible?: string): string =>
  DIVS.map(
    ([id, , text]) =>
      `<div id="${id}" class="row mb-3" style="${id === visible ? '' : 'display: none;'}"><h4 class="text-danger">There was an ERROR trying to verify your information:</h4><div class="text-danger">${text}</div></div>`,
  ).join('\n');

/** The court's chain: one branch per div but the last, each showing its div; `truthy` is the branch whose condition is true. */
function chainScript(truthy: string | null): string {
  const branches = DIVS.slice(0, -1).map(([id], index) => {
    const calls = DIVS.map(([other]) => `            $('#${other}').${other === id ? 'show' : 'hide'}();`).join('\n');
    return `${index === 0 ? 'if' : 'else if'} (${id === truthy ? 'true' : 'false'}) {\n            debugger;\n${calls}\n        }`;
  });
  const last = DIVS[DIVS.length - 1]![0];
  const elseCalls = DIVS.map(([other]) => `            $('#${other}').${other === last ? 'show' : 'hide'}();`).join('\n');
  return `$(document).ready(function() {\n        ${branches.join('\n        ')}\n        else {\n${elseCalls}\n        }\n    });`;
}

function page({ script = chainScript('divOk'), visible }: { script?: string | null; visible?: string } = {}): string {
  return `<!DOCTYPE html><html><head><title>Docket Notification - Electronic Filing System External</title></head>
<body><div class="body-content"><h2>Docket Notification</h2>
<form method="post" id="CaseNotificationUpdateForm" action="/CaseNotification/Update">${statusDivs(visible)}</form>
${script === null ? '' : `<script type="text/javascript">${script}</script>`}</div></body></html>`;
}

function expectParseError(input: unknown, code: ErrorCode): void {
  try {
    parseScotusConfirmationPage(input as string);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    expect(err.code).toBe(code);
    return;
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

describe('the confirmation page’s outcome', () => {
  it.each(DIVS.slice(0, -1))('%s shown by a true branch is %s', (id, status, text) => {
    const result = parseScotusConfirmationPage(page({ script: chainScript(id) }));
    expect(result).toEqual({ confirmed: status === 'success', status, docketNumber: '25A561', message: text });
  });

  it('all conditions false takes the final else: no_verify (juriscraper says "unknown" here)', () => {
    expect(parseScotusConfirmationPage(page({ script: chainScript(null) }))).toMatchObject({ status: 'no_verify', confirmed: false });
  });

  it('ignores commented-out code posing as a branch', () => {
    const before = `/* if (true) { $('#divOk').show(); } */\n// if (true) { $('#divDuplicate').show(); }\n`;
    const after = `\n//if (true) {\n//    $('#divOk').show();\n//}\n`;
    expect(parseScotusConfirmationPage(page({ script: `${before}${chainScript(null)}${after}` })).status).toBe('no_verify');
    expect(parseScotusConfirmationPage(page({ script: `${before}${chainScript('divFail')}${after}` })).status).toBe('failed');
  });

  it('without a deciding script, the one status div the server left visible', () => {
    expect(parseScotusConfirmationPage(page({ script: null, visible: 'divOk' }))).toMatchObject({ status: 'success', confirmed: true });
    expect(parseScotusConfirmationPage(page({ script: 'var x = 1;', visible: 'divDuplicate' })).status).toBe('duplicate');
  });

  it('an outcome it cannot tell is unknown and not confirmed, not an error', () => {
    for (const script of [null, 'if (window.ok) { $("#divOk").show(); }']) {
      expect(parseScotusConfirmationPage(page({ script }))).toEqual({
        confirmed: false,
        status: 'unknown',
        docketNumber: '25A561',
        message: '',
      });
    }
  });

  it('names no docket when the page does not', () => {
    expect(parseScotusConfirmationPage(page().replace('for case 25a561', 'for this case')).docketNumber).toBeNull();
  });
});

describe('pages that are not a confirmation page', () => {
  it('non-text, empty, and other pages', () => {
    expectParseError(undefined, 'PARSE_UNRECOGNISED');
    expectParseError(42, 'PARSE_UNRECOGNISED');
    expectParseError('', 'PARSE_EMPTY');
    expectParseError(' \n\uFEFF', 'PARSE_EMPTY');
    expectParseError('<html><body><h1>Cats</h1></body></html>', 'PARSE_UNRECOGNISED');
    expectParseError('{"ok": true}', 'PARSE_UNRECOGNISED');
  });

  it('the site’s error pages are PARSE_ERROR_PAGE', () => {
    expectParseError('<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1></body></html>', 'PARSE_ERROR_PAGE');
    expectParseError("<html><body><h1>Server Error in '/' Application.</h1></body></html>", 'PARSE_ERROR_PAGE');
  });
});

describe('huge and hostile pages', () => {
  it('refuses pages too large or too deeply nested with PARSE_MALFORMED', () => {
    expectParseError(page().replace('<body>', `<body><!--${'x'.repeat(MAX_PAGE_CHARS)}-->`), 'PARSE_MALFORMED');
    expectParseError(page().replace('<body>', `<body>${'<div>'.repeat(100_000)}`), 'PARSE_MALFORMED');
  });

  it('reads hostile scripts in linear time', () => {
    for (const script of [
      `${'if (false) {'.repeat(20_000)} $('#divOk').show();`,
      `${'/*'.repeat(50_000)} $('#divOk').show();`,
      `${'else if (true) { '.repeat(20_000)}$('#divOk').show();`,
      `${"$('#".repeat(50_000)} $('#divOk').show();`,
    ]) {
      expect(parseScotusConfirmationPage(page({ script })).confirmed).toBe(false);
    }
  });
});
