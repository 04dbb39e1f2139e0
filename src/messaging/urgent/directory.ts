import type { Selectable } from 'kysely';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { keepsContactPoint, managesNetworkDeadlines } from '../../access/messaging.ts';
import type { Principal } from '../../access/principal.ts';
import type { Context } from '../../platform/context.ts';
import type { Kdb } from '../../platform/db.ts';
import { type FieldError, problems } from '../../platform/errors.ts';
import type { ContactPointTable } from '../tables.ts';
import { type ContactPointUpdate, DEFAULT_SETTINGS, type UrgentSettings } from './schema.ts';

type ContactPointRow = Selectable<ContactPointTable> & { agency_name: string };

function dto(row: ContactPointRow) {
  return {
    country: row.country,
    agency: row.agency_code,
    agencyName: row.agency_name,
    unitName: row.unit_name,
    phone: row.phone,
    email: row.email,
    languages: row.languages,
    hours: row.hours,
    powers: row.powers as ('preservation' | 'traffic-data')[],
    onCallName: row.on_call_name,
    onCallPhone: row.on_call_phone,
    notes: row.notes,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

function baseQuery(db: Kdb) {
  return db
    .selectFrom('contact_points as c')
    .innerJoin('agencies as a', 'a.code', 'c.agency_code')
    .selectAll('c')
    .select('a.name as agency_name');
}

export async function listContactPoints(ctx: Context, principal: Principal) {
  const rows = await baseQuery(ctx.db).orderBy('c.country').execute();
  await ctx.audit.record({
    principal,
    action: 'contact-point.list',
    outcome: 'success',
    resultCount: rows.length,
  });
  return { items: rows.map(dto) };
}

export async function getContactPoint(ctx: Context, principal: Principal, country: string) {
  const row = await baseQuery(ctx.db).where('c.country', '=', country).executeTakeFirst();
  await ctx.audit.record({
    principal,
    action: 'contact-point.read',
    outcome: row ? 'success' : 'failure',
    objectType: 'contact-point',
    objectId: country,
  });
  if (!row) throw problems.notFound('24/7 point of contact');
  return dto(row);
}

/** The agency that takes a country's urgent requests: its 24/7 unit, else its bureau. */
export async function contactAgencyOf(db: Kdb, country: string): Promise<string | null> {
  const row = await db
    .selectFrom('contact_points')
    .select('agency_code')
    .where('country', '=', country)
    .executeTakeFirst();
  if (row) return row.agency_code;
  const bureau = await db
    .selectFrom('agencies')
    .select('code')
    .where('code', '=', country)
    .where('kind', '=', 'bureau')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return bureau?.code ?? null;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * What the schema's patterns cannot tell: a number a duty officer can dial at 3 a.m. (a
 * possible number for its country, not "+((((((((") and languages that exist.
 */
function contactProblems(input: ContactPointUpdate): FieldError[] {
  const errors: FieldError[] = [];
  const dialable = (value: string) => {
    try {
      return parsePhoneNumberWithError(value).isPossible();
    } catch {
      return false;
    }
  };
  if (!dialable(input.phone))
    errors.push({ field: '/body/phone', message: 'not a possible international number' });
  if (input.onCallPhone && !dialable(input.onCallPhone))
    errors.push({ field: '/body/onCallPhone', message: 'not a possible international number' });
  input.languages.forEach((code, i) => {
    if (!LANGUAGE_NAMES.of(code))
      errors.push({ field: `/body/languages/${i}`, message: `not an ISO 639-1 language code: ${code}` });
  });
  return errors;
}

/** Each bureau keeps its country's entry (the unit on duty may be one of its units). */
export async function putContactPoint(
  ctx: Context,
  principal: Principal,
  country: string,
  input: ContactPointUpdate,
) {
  if (!keepsContactPoint(principal, country)) {
    await ctx.audit.record({
      principal,
      action: 'contact-point.update',
      outcome: 'denied',
      objectType: 'contact-point',
      objectId: country,
    });
    throw problems.forbidden('Each bureau keeps its own country’s 24/7 entry.');
  }
  const agency = await ctx.db
    .selectFrom('agencies')
    .selectAll()
    .where('code', '=', input.agency)
    .executeTakeFirst();
  if (!agency || agency.country !== country || !['bureau', 'unit'].includes(agency.kind))
    throw problems.invalidField('/body/agency', `must be the bureau of ${country} or one of its units`);
  const errors = contactProblems(input);
  if (errors.length > 0) throw problems.validation(errors);
  const now = ctx.clock.now();
  const values = {
    agency_code: input.agency,
    unit_name: input.unitName,
    phone: input.phone,
    email: input.email ?? null,
    languages: input.languages,
    hours: input.hours,
    powers: input.powers,
    on_call_name: input.onCallName ?? null,
    on_call_phone: input.onCallPhone ?? null,
    notes: input.notes ?? null,
    updated_by: principal.name,
    updated_at: now,
  };
  await ctx.db
    .insertInto('contact_points')
    .values({ country, ...values })
    .onConflict((oc) => oc.column('country').doUpdateSet(values))
    .execute();
  await ctx.audit.record({
    principal,
    action: 'contact-point.update',
    outcome: 'success',
    objectType: 'contact-point',
    objectId: country,
    objectAgency: principal.agency.code,
  });
  return dto((await baseQuery(ctx.db).where('c.country', '=', country).executeTakeFirst())!);
}

const SETTINGS_KEY = 'urgent.deadlines';

export async function urgentSettings(db: Kdb): Promise<UrgentSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  const stored = (row?.value ?? {}) as Partial<UrgentSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    types: { ...DEFAULT_SETTINGS.types, ...(stored.types ?? {}) },
  };
}

export async function readUrgentSettings(ctx: Context, principal: Principal) {
  await ctx.audit.record({ principal, action: 'urgent.settings.read', outcome: 'success' });
  return urgentSettings(ctx.db);
}

/** The network's deadlines, set by the secretariat; requests already sent keep theirs. */
export async function putUrgentSettings(ctx: Context, principal: Principal, input: UrgentSettings) {
  if (!managesNetworkDeadlines(principal)) {
    await ctx.audit.record({ principal, action: 'urgent.settings.update', outcome: 'denied' });
    throw problems.forbidden('The network’s deadlines are set by the secretariat.');
  }
  const errors = Object.entries(input.types).flatMap(([type, t]) => [
    ...(t.remindBeforeMinutes >= t.acknowledgeMinutes
      ? [
          {
            field: `/body/types/${type}/remindBeforeMinutes`,
            message: 'must be less than acknowledgeMinutes',
          },
        ]
      : []),
    // A request is acknowledged before it is carried out: done in an hour, acknowledged within
    // a week, made the completion deadline pass first.
    ...(t.completeHours * 60 <= t.acknowledgeMinutes
      ? [
          {
            field: `/body/types/${type}/completeHours`,
            message: 'must come after the acknowledgement deadline',
          },
        ]
      : []),
  ]);
  if (errors.length > 0) throw problems.validation(errors);
  await ctx.db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: input })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: input }))
    .execute();
  await ctx.audit.record({
    principal,
    action: 'urgent.settings.update',
    outcome: 'success',
    details: input as unknown as Record<string, unknown>,
  });
  return urgentSettings(ctx.db);
}
