import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing and verification per the Standard Webhooks specification, version 1.0.0
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * symmetric `v1` signatures, HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, keyed
 * with a `whsec_`-prefixed base64 secret of 24 to 64 random bytes.
 */

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** The spec: "Random. At least 24 bytes (192 bits, 512 maximum)". */
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
/** Replay window the reference libraries use (5 minutes either way). */
export const WEBHOOK_DEFAULT_TOLERANCE_SECONDS = 300;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/**
 * Message ids are ours, never user-controlled; the spec forbids `.` in them (it delimits the signed
 * content), and they travel in a header, so only a conservative alphabet is accepted.
 */
const MESSAGE_ID = /^[A-Za-z0-9_:-]{1,256}$/;
const TIMESTAMP_HEADER = /^\d{1,15}$/;

/** A new signing secret for one endpoint: `whsec_` + base64 of `bytes` random bytes (default 32). */
export function generateWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < WEBHOOK_SECRET_MIN_BYTES || bytes > WEBHOOK_SECRET_MAX_BYTES) {
    throw new RangeError(`A webhook secret has ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes`);
  }
  return WEBHOOK_SECRET_PREFIX + randomBytes(bytes).toString('base64');
}

/**
 * The key bytes of a secret, with or without the `whsec_` prefix (the reference libraries accept
 * both). Strict: canonical base64 only, 24 to 64 bytes. The message never repeats the secret.
 */
export function parseSecret(secret: string): Buffer {
  if (typeof secret !== 'string') throw new TypeError('A webhook secret is a string');
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  if (encoded.length === 0 || !BASE64.test(encoded)) throw new TypeError('A webhook secret is whsec_ followed by base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < WEBHOOK_SECRET_MIN_BYTES || key.length > WEBHOOK_SECRET_MAX_BYTES) {
    throw new TypeError(
      `A webhook secret has ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes (this one has ${key.length})`,
    );
  }
  return key;
}

export interface WebhookSignatureInput {
  /** The `webhook-id`: one per event, the same on every retry (the receiver's idempotency key). */
  id: string;
  /** The `webhook-timestamp`: Unix seconds of this attempt. */
  timestamp: number;
  /** The exact body bytes that are sent. */
  payload: string | Uint8Array;
}

function assertMessageId(id: string): void {
  if (typeof id !== 'string' || !MESSAGE_ID.test(id)) {
    throw new TypeError('A webhook id is 1 to 256 characters of A-Z a-z 0-9 _ : - (never a ".")');
  }
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new TypeError('A webhook timestamp is whole Unix seconds');
}

function hmac(key: Buffer, id: string, timestamp: number, payload: string | Uint8Array): string {
  return createHmac('sha256', key)
    .update(`${id}.${timestamp}.`, 'utf8')
    .update(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload)
    .digest('base64');
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256>` for each secret, space-separated. During a
 * rotation pass both the new and the old secret; receivers accept the message if any one matches.
 */
export function signWebhook(input: WebhookSignatureInput, secrets: readonly string[]): string {
  assertMessageId(input.id);
  assertTimestamp(input.timestamp);
  if (secrets.length === 0) throw new TypeError('signWebhook needs at least one secret');
  const signatures = secrets.map((secret) => `v1,${hmac(parseSecret(secret), input.id, input.timestamp, input.payload)}`);
  return [...new Set(signatures)].join(' ');
}

export type WebhookVerificationFailure =
  'missing-headers' | 'invalid-headers' | 'timestamp-too-old' | 'timestamp-too-new' | 'no-matching-signature';

/** The message was not signed by a holder of the secret, or not recently. */
export class WebhookVerificationError extends Error {
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

/** Node's IncomingHttpHeaders, a plain record in any letter case, or a fetch `Headers`. */
export type WebhookHeaders = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function headerReader(headers: WebhookHeaders): (name: string) => string | string[] | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const h = headers as { get(name: string): string | null };
    return (name) => h.get(name) ?? undefined;
  }
  const lower = new Map<string, string | string[] | undefined>();
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    lower.set(name.toLowerCase(), value);
  }
  return (name) => lower.get(name);
}

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from now, either way. Default 300 s. */
  toleranceSeconds?: number;
  /** The current time (tests). Default: the clock. */
  now?: Date;
}

/**
 * Verifies a received webhook: the three headers are present, the timestamp is within the tolerance
 * (replays are refused), and one of the `v1` signatures matches the secret (compared in constant
 * time). `secret` may list several secrets (a receiver mid-rotation). Returns the id and timestamp;
 * throws WebhookVerificationError otherwise. `payload` must be the raw body, not re-serialised JSON.
 */
export function verifyWebhook(
  headers: WebhookHeaders,
  payload: string | Uint8Array,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): { id: string; timestamp: number } {
  const keys = (typeof secret === 'string' ? [secret] : secret).map(parseSecret);
  if (keys.length === 0) throw new TypeError('verifyWebhook needs a secret');
  const read = headerReader(headers);
  const id = read('webhook-id');
  const timestampHeader = read('webhook-timestamp');
  const signatureHeader = read('webhook-signature');
  if (!id || !timestampHeader || !signatureHeader) {
    throw new WebhookVerificationError('missing-headers', 'Missing webhook-id, webhook-timestamp or webhook-signature');
  }
  if (typeof id !== 'string' || typeof timestampHeader !== 'string' || !TIMESTAMP_HEADER.test(timestampHeader.trim())) {
    throw new WebhookVerificationError('invalid-headers', 'Invalid webhook-id or webhook-timestamp');
  }
  const timestamp = Number(timestampHeader.trim());
  const tolerance = options.toleranceSeconds ?? WEBHOOK_DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (now - timestamp > tolerance) throw new WebhookVerificationError('timestamp-too-old', 'Message timestamp too old');
  if (timestamp - now > tolerance) throw new WebhookVerificationError('timestamp-too-new', 'Message timestamp too new');

  const expected = keys.map((key) => Buffer.from(hmac(key, id, timestamp, payload), 'utf8'));
  const offered = (Array.isArray(signatureHeader) ? signatureHeader.join(' ') : signatureHeader).split(' ');
  let matched = false;
  for (const versioned of offered) {
    const comma = versioned.indexOf(',');
    if (comma < 0 || versioned.slice(0, comma) !== 'v1') continue;
    const candidate = Buffer.from(versioned.slice(comma + 1), 'utf8');
    for (const want of expected) {
      // Lengths are public (every v1 signature is 44 characters); the bytes are compared in constant time.
      if (candidate.length === want.length && timingSafeEqual(candidate, want)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError('no-matching-signature', 'No matching signature found');
  return { id, timestamp };
}
