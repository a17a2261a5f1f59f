/**
 * CM/ECF Notices of Electronic Filing received by e-mail.
 */
export { parseNefEmail, parseNefMessage, MAX_BODY_CHARS, MAX_MESSAGE_BYTES } from './parse-nef-email';
export type { NefMessage, ParseNefOptions } from './parse-nef-email';
export { looksLikeNefEmail } from './detect-nef-email';
