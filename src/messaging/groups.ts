import { continents, countries } from 'countries-list';
import { takesPartInMessaging } from '../access/messaging.ts';
import type { Principal } from '../access/principal.ts';
import { agencyRef } from '../identity/agencies.ts';
import type { AgencyRow } from '../identity/mappers.ts';
import { cacheFor, HOT_ROW_TTL_MS } from '../platform/cache.ts';
import type { Context } from '../platform/context.ts';
import { type FieldError, problems } from '../platform/errors.ts';
import { emitMessaging } from './notify.ts';

/** Most recipients a message may have: every bureau, and room for units and organisations. */
export const MAX_RECIPIENTS = 400;

const REGIONS: Record<string, string> = {
  AF: 'AFRICA',
  AS: 'ASIA',
  EU: 'EUROPE',
  NA: 'NORTH-AMERICA',
  SA: 'SOUTH-AMERICA',
  OC: 'OCEANIA',
};

/** Built-in groups: every bureau, and the bureaus of each continent (countries-list data). */
export const BUILT_IN_GROUPS: { code: string; name: string; countries: (country: string) => boolean }[] = [
  { code: 'ALL-BUREAUS', name: 'All national bureaus', countries: () => true },
  ...Object.entries(REGIONS).map(([continent, code]) => ({
    code: `REGION-${code}`,
    name: `Bureaus in ${continents[continent as keyof typeof continents]}`,
    countries: (country: string) => countries[country as keyof typeof countries]?.continent === continent,
  })),
];

/**
 * The agency directory, kept for a few seconds: every message names its recipients, and a
 * message to every bureau would otherwise read the directory each time. A suspension is
 * seen within HOT_ROW_TTL_MS, the bound the check path documents.
 */
async function directory(ctx: Context): Promise<Map<string, AgencyRow>> {
  return cacheFor<string, Map<string, AgencyRow>>(
    ctx.secrets,
    'messaging.agencies',
    ctx.clock,
    HOT_ROW_TTL_MS,
  ).get(
    'all',
    async () => new Map((await ctx.db.selectFrom('agencies').selectAll().execute()).map((a) => [a.code, a])),
  );
}

async function bureaus(ctx: Context): Promise<AgencyRow[]> {
  return [...(await directory(ctx)).values()]
    .filter((a) => a.kind === 'bureau' && a.status === 'active')
    .sort((a, b) => a.code.localeCompare(b.code));
}

export async function listGroups(ctx: Context, principal: Principal) {
  const all = await bureaus(ctx);
  const own = await ctx.db
    .selectFrom('message_groups')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('owner_agency', '=', principal.agency.code),
        eb(eb.val(principal.agency.code), '=', eb.fn.any('members')),
      ]),
    )
    .orderBy('code')
    .execute();
  await ctx.audit.record({
    principal,
    action: 'message-group.list',
    outcome: 'success',
    resultCount: own.length,
  });
  return {
    items: [
      ...BUILT_IN_GROUPS.map((g) => ({
        code: g.code,
        name: g.name,
        kind: 'built-in' as const,
        owner: null,
        members: all.filter((b) => b.country && g.countries(b.country)).map((b) => b.code),
      })),
      ...own.map((g) => ({
        code: g.code,
        name: g.name,
        kind: 'list' as const,
        owner: g.owner_agency,
        members: g.members,
      })),
    ],
  };
}

export interface Addressees {
  agencies: AgencyRow[];
  groups: { code: string; members: string[] }[];
}

/**
 * The agencies a message goes to: those named, and the members of the groups named,
 * without the sender. Unknown, suspended and non-member agencies are refused by field.
 */
export async function expandAddressees(
  ctx: Context,
  principal: Principal,
  to: string[] = [],
  groups: string[] = [],
  prefix = '/body',
): Promise<Addressees> {
  const errors: FieldError[] = [];
  const wanted = new Map<string, AgencyRow>();
  const byCode = await directory(ctx);
  to.forEach((code, i) => {
    const agency = byCode.get(code);
    const field = `${prefix}/to/${i}`;
    if (!agency) errors.push({ field, message: `unknown agency ${code}` });
    else if (agency.status !== 'active') errors.push({ field, message: `${code} is suspended` });
    else if (!takesPartInMessaging(agencyRef(agency)))
      errors.push({ field, message: `${code} is not part of the messaging network` });
    else if (code === principal.agency.code) errors.push({ field, message: 'you are the sender' });
    else wanted.set(code, agency);
  });
  const expanded: Addressees['groups'] = [];
  if (groups.length > 0) {
    const all = await bureaus(ctx);
    const stored = await ctx.db
      .selectFrom('message_groups')
      .selectAll()
      .where('code', 'in', groups)
      .execute();
    const lists = new Map(stored.map((g) => [g.code, g]));
    const memberRows = byCode;

    groups.forEach((code, i) => {
      const field = `${prefix}/groups/${i}`;
      const builtIn = BUILT_IN_GROUPS.find((g) => g.code === code);
      let members: AgencyRow[];
      if (builtIn) members = all.filter((b) => b.country && builtIn.countries(b.country));
      else {
        const list = lists.get(code);
        if (
          !list ||
          (list.owner_agency !== principal.agency.code && !list.members.includes(principal.agency.code))
        ) {
          errors.push({ field, message: `unknown group ${code}` });
          return;
        }
        members = list.members
          .map((m) => memberRows.get(m))
          .filter((a): a is AgencyRow => a !== undefined && a.status === 'active');
      }
      const kept = members.filter((a) => a.code !== principal.agency.code);
      for (const a of kept) wanted.set(a.code, a);
      expanded.push({ code, members: kept.map((a) => a.code) });
    });
  }
  if (errors.length > 0) throw problems.validation(errors);
  if (wanted.size === 0)
    throw problems.invalidField(`${prefix}/to`, 'name at least one recipient agency or group');
  if (wanted.size > MAX_RECIPIENTS)
    throw problems.invalidField(`${prefix}/to`, `at most ${MAX_RECIPIENTS} recipient agencies`);
  return { agencies: [...wanted.values()].sort((a, b) => a.code.localeCompare(b.code)), groups: expanded };
}

async function checkMembers(ctx: Context, members: string[]): Promise<void> {
  const found = await ctx.db
    .selectFrom('agencies')
    .select(['code', 'kind'])
    .where('code', 'in', members)
    .execute();
  const known = new Map(found.map((a) => [a.code, a.kind]));
  const errors: FieldError[] = [];
  members.forEach((code, i) => {
    if (!known.has(code)) errors.push({ field: `/body/members/${i}`, message: `unknown agency ${code}` });
    else if (known.get(code) === 'partner')
      errors.push({ field: `/body/members/${i}`, message: `${code} is not part of the messaging network` });
  });
  if (errors.length > 0) throw problems.validation(errors);
}

export async function createGroup(
  ctx: Context,
  principal: Principal,
  input: { code: string; name: string; members: string[] },
) {
  if (BUILT_IN_GROUPS.some((g) => g.code === input.code) || /^(ALL|REGION)-/.test(input.code))
    throw problems.invalidField('/body/code', 'ALL- and REGION- codes are reserved for built-in groups');
  await checkMembers(ctx, input.members);
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('message_groups')
    .values({
      code: input.code,
      name: input.name,
      owner_agency: principal.agency.code,
      members: input.members,
      created_by: principal.name,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw problems.conflict(`A group ${input.code} already exists.`);
  await ctx.audit.record({
    principal,
    action: 'message-group.create',
    outcome: 'success',
    objectType: 'message-group',
    objectId: input.code,
    objectAgency: principal.agency.code,
    details: { members: input.members.length },
  });
  return {
    code: row.code,
    name: row.name,
    kind: 'list' as const,
    owner: row.owner_agency,
    members: row.members,
  };
}

async function ownGroup(ctx: Context, principal: Principal, code: string, action: string) {
  const row = await ctx.db
    .selectFrom('message_groups')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row || row.owner_agency !== principal.agency.code) {
    await ctx.audit.record({
      principal,
      action,
      outcome: 'denied',
      objectType: 'message-group',
      objectId: code,
    });
    throw problems.notFound('group');
  }
  return row;
}

export async function updateGroup(
  ctx: Context,
  principal: Principal,
  code: string,
  input: { name?: string; members?: string[] },
) {
  await ownGroup(ctx, principal, code, 'message-group.update');
  if (input.members) await checkMembers(ctx, input.members);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('message_groups')
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.members ? { members: input.members } : {}),
        updated_at: now,
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
    // Deleted meanwhile.
    if (!updated) throw problems.notFound('group');
    await emitMessaging(
      trx,
      updated.members.map((m) => ({ type: 'message.group-changed', agency: m, payload: { code } })),
      now,
    );
    return updated;
  });
  await ctx.audit.record({
    principal,
    action: 'message-group.update',
    outcome: 'success',
    objectType: 'message-group',
    objectId: code,
    objectAgency: principal.agency.code,
    details: { changed: Object.keys(input) },
  });
  return {
    code: row.code,
    name: row.name,
    kind: 'list' as const,
    owner: row.owner_agency,
    members: row.members,
  };
}

export async function deleteGroup(ctx: Context, principal: Principal, code: string): Promise<void> {
  await ownGroup(ctx, principal, code, 'message-group.delete');
  await ctx.db.deleteFrom('message_groups').where('code', '=', code).execute();
  await ctx.audit.record({
    principal,
    action: 'message-group.delete',
    outcome: 'success',
    objectType: 'message-group',
    objectId: code,
    objectAgency: principal.agency.code,
  });
}
