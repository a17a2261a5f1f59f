import { MAIL_HEADER } from '../nef-email/detect-nef-email';

const HEAD_CHARS = 32 * 1024;
const SCOTUS_SUBJECT = /^Subject:[ \t]*Supreme Court (?:Electronic Filing System|Case Notification)\b/im;

/** Is this raw mail from supremecourt.gov's docket e-mail service? The Subject can sit kilobytes down, behind relay headers. */
export function looksLikeScotusEmail(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  return MAIL_HEADER.test(head) && SCOTUS_SUBJECT.test(head);
}
