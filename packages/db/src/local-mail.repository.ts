import type { Db } from './connect';
import type { LocalMail } from './schema';

/** The embedded-mode mailbox: mail that would have gone out by SMTP, kept for the web UI. */
export async function insertLocalMail(
  db: Db,
  mail: { to: string; subject: string; text: string; html: string; headers: Record<string, string> },
): Promise<number> {
  const row = await db
    .insertInto('local_mail')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      headers: JSON.stringify(mail.headers),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listLocalMail(db: Db, limit = 50): Promise<LocalMail[]> {
  return db.selectFrom('local_mail').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export async function getLocalMail(db: Db, id: number): Promise<LocalMail | undefined> {
  return db.selectFrom('local_mail').selectAll().where('id', '=', id).executeTakeFirst();
}
