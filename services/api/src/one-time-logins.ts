import { createHash, randomBytes } from 'node:crypto';

/**
 * Single-use sign-in links, held by the process that printed them (`docketwatch start` prints one
 * so a newcomer can get in from the terminal, without making a key in a shell). Only a hash is kept.
 */
export class OneTimeLogins {
  private readonly pending = new Map<string, number>();

  constructor(private readonly validForMs = 24 * 3600 * 1000) {}

  issue(): string {
    const token = randomBytes(24).toString('base64url');
    this.pending.set(digest(token), Date.now() + this.validForMs);
    return token;
  }

  /** True once for a token issued here and not yet expired. */
  consume(token: string): boolean {
    const key = digest(token);
    const expiresAt = this.pending.get(key);
    this.pending.delete(key);
    return expiresAt !== undefined && expiresAt > Date.now();
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
