import { escapeHtml } from '@docketwatch/core';
import {
  claimUnsentNotices,
  markNoticesSent,
  recordSourceConditionChanges,
  releaseNotices,
  type Db,
  type OperatorNoticeWithSource,
  type SilenceRule,
} from '@docketwatch/db';
import type { Logger, Metrics } from '@docketwatch/log';
import type { EmailSender } from '@docketwatch/notify';

export interface OperatorNoticeDeps {
  db: Db;
  email: Pick<EmailSender, 'send'>;
  log: Logger;
  publicUrl: string;
  mailDomain: string;
  /** Who hears of sources going wrong; none: notices are recorded and logged, not mailed. */
  operatorEmails: readonly string[];
  rule?: SilenceRule;
  now?: Date;
  metrics?: Metrics;
}

const HEADLINES: Record<OperatorNoticeWithSource['condition'], string> = {
  failing: 'is failing',
  'layout-changed': 'changed its layout',
  silent: 'has gone silent',
  recovered: 'has recovered',
};

/** One notice as an e-mail. Source names and errors come from outside (scraped pages, catalogues): escaped in HTML. */
export function renderOperatorNotice(notice: OperatorNoticeWithSource, publicUrl: string) {
  const subject = `docketwatch: source "${notice.source_name}" ${HEADLINES[notice.condition]}`;
  const link = `${publicUrl}/admin/sources#source-${notice.source_id}`;
  const text = `Source ${notice.source_id} (${notice.source_kind}) "${notice.source_name}" ${HEADLINES[notice.condition]}.\n\n${notice.detail}\n\nIts health and recent polls: ${link}\n`;
  const html = `<p>Source ${notice.source_id} (${escapeHtml(notice.source_kind)}) "${escapeHtml(notice.source_name)}" ${HEADLINES[notice.condition]}.</p>
<p>${escapeHtml(notice.detail)}</p>
<p><a href="${escapeHtml(link)}">Its health and recent polls</a></p>`;
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}

/**
 * The operator-notice sweep: records each source whose condition changed (failing, layout changed,
 * silent, recovered) and mails every unsent notice to the operators, once each (a fixed Message-ID
 * per notice, so a resend after a crash is recognisable). Returns how many notices were mailed.
 */
export async function sendOperatorNotices(deps: OperatorNoticeDeps): Promise<number> {
  const recorded = await recordSourceConditionChanges(deps.db, {
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.rule ? { rule: deps.rule } : {}),
  });
  for (const notice of recorded) {
    deps.log.warn(
      { sourceId: notice.source_id, condition: notice.condition, detail: notice.detail },
      `source ${HEADLINES[notice.condition]}`,
    );
    if (deps.operatorEmails.length === 0) deps.metrics?.operatorNotices.inc({ condition: notice.condition, outcome: 'logged' });
  }
  if (deps.operatorEmails.length === 0) return 0;
  let sent = 0;
  for (const notice of await claimUnsentNotices(deps.db, { limit: 100, leaseSeconds: 120 })) {
    try {
      await deps.email.send({
        to: deps.operatorEmails.join(', '),
        messageId: `<operator-notice-${notice.id}@${deps.mailDomain}>`,
        ...renderOperatorNotice(notice, deps.publicUrl),
      });
      await markNoticesSent(deps.db, [notice.id]);
      deps.metrics?.operatorNotices.inc({ condition: notice.condition, outcome: 'mailed' });
      sent++;
    } catch (err) {
      deps.log.warn({ err, noticeId: notice.id }, 'could not mail an operator notice; it is tried again at the next sweep');
      await releaseNotices(deps.db, [notice.id]);
    }
  }
  return sent;
}
