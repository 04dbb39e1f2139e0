import { sql } from 'kysely';
import { indexPerson, NAMES_INDEX_VERSION } from '../names/index.ts';
import type { Job } from '../platform/jobs.ts';
import { namesVersionNoted, noteNamesVersion, STALE_PERSON_MATCH } from '../records/person-names.ts';
import { subjectPerson, writeNameIndex } from './publication.ts';
import { protectedPersonInput } from './statistics.ts';
import type { NoticeRow } from './store.ts';

const SETTING = 'notice-names-index-version';
const BATCH = 500;

/**
 * Notices in force and the protected-persons list keep prepared names and name keys as
 * person records do; when the names library changes (NAMES_INDEX_VERSION) they are
 * re-prepared a batch per round, round after round, so that a notice search, the
 * same-person check and the refugee check at review meet the subject as today's library
 * reads it. Notices out of force have no keys to refresh; they are prepared again if they
 * re-enter force. Once nothing is stale the version is noted, and later runs cost one lookup.
 */
export const noticeNameJobs: Job[] = [
  {
    name: 'notices.names-reindex',
    intervalMs: 60_000,
    async run(ctx) {
      const done = await reindexNoticeNames(ctx);
      if (done > 0)
        ctx.logger.info({ entries: done, version: NAMES_INDEX_VERSION }, 'notice names reindexed');
      return { more: done === BATCH };
    },
  },
];

/** Re-prepares up to `batch` stale entries (notices first, then listed persons); returns how many. */
export async function reindexNoticeNames(ctx: Parameters<Job['run']>[0], batch = BATCH): Promise<number> {
  if (await namesVersionNoted(ctx.db, SETTING)) return 0;

  const staleNotices = ctx.db
    .selectFrom('notices')
    .select(['id', 'subject'])
    .where('status', 'in', ['published', 'circulated'])
    .where(sql<boolean>`jsonb_typeof(subject->'data') = 'object'`)
    .where(STALE_PERSON_MATCH);
  const staleListed = ctx.db
    .selectFrom('protected_persons')
    .select(['id', 'name', 'date_of_birth', 'nationality'])
    .where(STALE_PERSON_MATCH);

  // Locked, so that a notice leaving force meanwhile does not get its keys back; one being
  // changed right now is left for a later round.
  const notices = await staleNotices.limit(batch).forUpdate().skipLocked().execute();
  for (const n of notices) await writeNameIndex(ctx.db, n.id, subjectPerson(n as Pick<NoticeRow, 'subject'>));

  const room = batch - notices.length;
  const listed = room <= 0 ? [] : await staleListed.limit(room).forUpdate().skipLocked().execute();
  for (const p of listed) {
    const { prepared, keys } = indexPerson(
      protectedPersonInput({ name: p.name, dateOfBirth: p.date_of_birth, nationality: p.nationality }),
    );
    await ctx.db
      .updateTable('protected_persons')
      .set({ person_match: prepared, keys })
      .where('id', '=', p.id)
      .execute();
  }

  const done = notices.length + listed.length;
  const finished =
    done < batch &&
    (await staleNotices.limit(1).executeTakeFirst()) === undefined &&
    (await staleListed.limit(1).executeTakeFirst()) === undefined;
  if (finished) await noteNamesVersion(ctx.db, SETTING);
  return done;
}
