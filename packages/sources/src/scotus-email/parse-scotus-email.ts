/**
 * supremecourt.gov mails into the `docketwatch parse` contract (format 'scotus-email').
 */
import type { ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { SCOTUS_COURT_ID } from '../scotus-docket/scotus-common';
import { decodeScotusEmail, type ScotusMailMessage } from './mail-message';
import { readScotusConfirmation, readScotusMail, type ScotusConfirmation, type ScotusDocketNotification } from './read-scotus-mail';

function toDocket(notification: ScotusDocketNotification): ParsedDocket {
  // A mail that names no entry ("A new docket entry has been added for …") says the docket changed
  // but not how. An entry with no text would share its identity (day + hash of "") with every other
  // such mail that day and alert subscribers to nothing, so the docket comes back with no entries;
  // readScotusNotification's entryDescription === null tells the pipeline to fetch the docket page.
  const entries: ParsedEntry[] =
    notification.entryDescription === null
      ? []
      : [
          {
            entryNumber: notification.entryNumber,
            filedAt: notification.filedAt,
            // Like the docket parsers: SCOTUS proceedings have no shorter label to pull out.
            shortDescription: '',
            description: notification.entryDescription,
            // The docket JSON gives an opinion linked from the entry text the same way: the main
            // document, no attachments. Same shape, so merging the two sightings changes nothing.
            documentUrl: notification.documentUrl,
            pacerDocId: null,
            attachments: [],
          },
        ];
  // No lowerCourtCases: the mail does not name them, and an empty list would claim there are none.
  return {
    court: SCOTUS_COURT_ID,
    docketNumber: notification.docketNumber,
    caseName: notification.caseName,
    pacerCaseId: null,
    entries,
  };
}

/**
 * Parses an already-decoded mail (the inbound SMTP listener's mailparser result). A docket-entry
 * notification is one docket with the new entry; a subscription confirmation is `dockets: []`.
 * Throws ParseError: PARSE_UNRECOGNISED for mail that is not the court's, PARSE_MALFORMED for a
 * court mail missing its essentials or too large or complex to be one.
 */
export function parseScotusMessage(parsed: ScotusMailMessage): ParsedDocument {
  const mail = readScotusMail(parsed);
  // A confirmation asks the subscriber to click a link; it reports no docket activity, so it adds
  // nothing to any timeline. It is still recognised (and checked) rather than refused, so the
  // pipeline can file it as handled; readScotusConfirmation gives the link to act on.
  if (mail.kind === 'subscription-confirmation') return { format: 'scotus-email', dockets: [] };
  return { format: 'scotus-email', dockets: [toDocket(mail)] };
}

/** Parses a raw supremecourt.gov mail (RFC 5322 text or bytes). See parseScotusMessage. */
export async function parseScotusEmail(raw: string | Buffer): Promise<ParsedDocument> {
  return parseScotusMessage(await decodeScotusEmail(raw));
}

/** The subscription confirmation a raw mail asks for; null when the mail is not one. */
export async function parseScotusConfirmationEmail(raw: string | Buffer): Promise<ScotusConfirmation | null> {
  return readScotusConfirmation(await decodeScotusEmail(raw));
}
