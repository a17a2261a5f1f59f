/**
 * supremecourt.gov mail: docket-entry notifications and subscription confirmations, plus the page a
 * confirmation link leads to.
 */
export { parseScotusConfirmationEmail, parseScotusEmail, parseScotusMessage } from './parse-scotus-email';
export { readScotusConfirmation, readScotusMail, readScotusNotification } from './read-scotus-mail';
export type { ScotusConfirmation, ScotusDocketNotification, ScotusMail } from './read-scotus-mail';
export { decodeScotusEmail, MAX_EMAIL_BYTES } from './mail-message';
export type { ScotusMailMessage } from './mail-message';
export { parseScotusConfirmationPage } from './confirmation-page';
export type { ScotusConfirmationPage, ScotusConfirmationStatus } from './confirmation-page';
