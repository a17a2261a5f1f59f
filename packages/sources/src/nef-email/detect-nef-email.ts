/**
 * A cheap test for format detection: is this a raw e-mail that is (or forwards) a CM/ECF Notice
 * of Electronic Filing? It reads only the first 32 KB, undecoded: relay headers can push the
 * Subject kilobytes down, and a quoted-printable body can break "Notice of Electronic Filing"
 * across a soft line break (arwd_1), so it takes any one of three marks. It is a guess for
 * choosing a parser; parseNefEmail still refuses what is not an NEF.
 */

/** Mail: a header line at the start of a line in the head. */
export const MAIL_HEADER = /^(?:From|Date|MIME-Version|Received|Return-Path):/im;
/**
 * CM/ECF's subjects, behind any forwarding prefixes: "Activity in Case …", "Multiple Cases "…"".
 * One spelling per prefix: with `Fwd?|FW` under /i, each "FW:" matched two ways, and a subject of
 * forty "FW:"s took minutes to fail.
 */
export const NEF_SUBJECT = /^Subject:[ \t]*(?:(?:FWD?|RE):[ \t]*)*(?:Activity in |Multiple Cases ")/im;
/** The notice's title, or a link to a CM/ECF server (bankruptcy subjects are just "24-03015 Complaint"). */
export const NEF_MARK = /Notice of Electronic Filing|ecf\.[a-z0-9-]+\.uscourts\.gov/i;

const HEAD_CHARS = 32 * 1024;

export function looksLikeNefEmail(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  return MAIL_HEADER.test(head) && (NEF_SUBJECT.test(head) || NEF_MARK.test(head));
}
