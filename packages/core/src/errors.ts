/**
 * Errors carry a stable `code` callers match on, whether retrying can help, and context.
 * (The shape follows undici's errors: match on code, never on message text.)
 */
export type ErrorCode =
  | 'PARSE_UNRECOGNISED'
  | 'PARSE_MALFORMED'
  | 'PARSE_EMPTY'
  | 'PARSE_TRUNCATED'
  | 'PARSE_ERROR_PAGE'
  /** The page answered, but what the source reads is no longer where it was: a person must look. */
  | 'PARSE_LAYOUT_CHANGED'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_HTTP_STATUS'
  | 'FETCH_RATE_LIMITED'
  | 'FETCH_NETWORK'
  | 'FETCH_BLOCKED_ADDRESS'
  | 'FETCH_TOO_MANY_REDIRECTS'
  | 'FETCH_HOST_HELD'
  | 'FETCH_HOST_BUSY'
  | 'FETCH_ROBOTS_DISALLOWED'
  | 'FETCH_ROBOTS_UNAVAILABLE'
  | 'CONFIG_INVALID'
  | 'CATALOGUE_INVALID'
  | 'DELIVERY_REJECTED'
  | 'DELIVERY_TEMPORARY'
  | 'DELIVERY_DISABLED'
  | 'NOTICE_QUARANTINED';

export class DocketwatchError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly context: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; context?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DocketwatchError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? {};
  }
}

/** A document that is not what its parser expects: an error page, an empty or truncated feed, another format. */
export class ParseError extends DocketwatchError {
  constructor(code: Extract<ErrorCode, `PARSE_${string}`>, message: string, context: Record<string, unknown> = {}) {
    super(code, message, { retryable: false, context });
    this.name = 'ParseError';
  }
}

export function isDocketwatchError(err: unknown): err is DocketwatchError {
  return err instanceof DocketwatchError;
}
