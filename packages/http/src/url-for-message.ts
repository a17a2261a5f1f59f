/**
 * A URL fit for error messages and logs. Query strings may carry tokens and webhook paths are
 * themselves secrets (Slack, Teams, Discord), so only the origin is shown unless the caller says
 * the path is safe; userinfo and the query are always dropped.
 */
export function urlForMessage(url: URL, options: { showPath: boolean }): string {
  if (!options.showPath || looksLikeWebhook(url)) return url.origin;
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

function looksLikeWebhook(url: URL): boolean {
  return /^hooks\./i.test(url.hostname) || /hook|token|secret|api[-_]?key/i.test(url.pathname);
}
