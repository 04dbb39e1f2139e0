import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../access/permissions.ts';
import { systemPrincipal } from '../access/principal.ts';
import { ConfigError } from '../platform/config.ts';
import type { Context } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { SECRETARIAT_CODE, seedAgencies } from './agencies.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export const DEMO_COUNTRIES = ['KE', 'FR', 'BR', 'SG', 'US'] as const;
const DEMO_ROLES: { suffix: string; roles: Role[]; title: string }[] = [
  { suffix: 'officer', roles: ['officer'], title: 'Officer' },
  { suffix: 'analyst', roles: ['analyst'], title: 'Analyst' },
  { suffix: 'supervisor', roles: ['supervisor'], title: 'Supervisor' },
  { suffix: 'admin', roles: ['agency-admin'], title: 'Agency administrator' },
  { suffix: 'auditor', roles: ['auditor'], title: 'Auditor' },
];

export interface FirstStartReport {
  firstStart: boolean;
  admin?: { username: string; password?: string };
  /** `existing`: the demo users were there already (made by `concord demo seed`), with their password. */
  demo?: { usernames: string[]; password?: string; existing?: boolean };
}

/** A password to print once: 24 characters from 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * On a new database: the network's agencies, the secretariat's administrator and, with
 * demo data on, demo agencies and users. Recorded in `settings`, so that later starts
 * neither seed again nor print credentials again.
 */
/** The advisory lock that lets one of several processes starting together make the first start. */
const FIRST_START_LOCK = 7_201_945_002;

export async function firstStart(ctx: Context, options: { demo: boolean }): Promise<FirstStartReport> {
  // The embedded database serves one process, and its one connection must stay free for the
  // work itself. On PostgreSQL, processes starting together on a new database (several
  // servers behind a balancer) take turns: the first seeds, the others find it done.
  if (!ctx.config.databaseUrl) return initialise(ctx, options);
  return ctx.db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${FIRST_START_LOCK})`.execute(connection);
    try {
      return await initialise(ctx, options);
    } finally {
      await sql`SELECT pg_advisory_unlock(${FIRST_START_LOCK})`.execute(connection);
    }
  });
}

async function initialise(ctx: Context, options: { demo: boolean }): Promise<FirstStartReport> {
  const done = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'initialised')
    .executeTakeFirst();
  if (done) return { firstStart: false };
  // Passwords given in the environment meet the rules every password meets (the length is
  // checked with the rest of the configuration; the list of leaked passwords is loaded here,
  // where it is needed, not by every command).
  for (const [name, password] of [
    ['CONCORD_ADMIN_PASSWORD', ctx.config.adminPassword],
    ['CONCORD_DEMO_PASSWORD', ctx.config.demoPassword],
  ] as const) {
    const problem = password === undefined ? null : passwordProblem(password);
    if (problem) throw new ConfigError(name, `${problem}: choose one that is not easily guessed`);
  }
  const now = ctx.clock.now();
  const system = systemPrincipal();
  await seedAgencies(ctx.db, now);

  const adminPassword = ctx.config.adminPassword ?? generatePassword();
  await insertUser(ctx, {
    username: 'admin',
    displayName: 'Network administrator',
    agency: SECRETARIAT_CODE,
    roles: ['network-admin', 'auditor'],
    password: adminPassword,
    mfaRequired: true,
    isDemo: false,
  });
  const report: FirstStartReport = {
    firstStart: true,
    admin: { username: 'admin', ...(ctx.config.adminPassword ? {} : { password: adminPassword }) },
  };

  if (options.demo) {
    const demoPassword = ctx.config.demoPassword ?? generatePassword();
    const { usernames, created } = await seedDemo(ctx, demoPassword, now);
    // Demo users made before (by `concord demo seed`) keep the password they were given:
    // printing the one just generated would print a password that does not work.
    report.demo =
      created === 0
        ? { usernames, existing: true }
        : { usernames, ...(ctx.config.demoPassword ? {} : { password: demoPassword }) };
  }

  await ctx.db
    .insertInto('settings')
    .values({ key: 'initialised', value: { at: now.toISOString(), demo: options.demo } })
    .execute();
  await ctx.audit.record({
    principal: system,
    action: 'system.first-start',
    outcome: 'success',
    details: { demo: options.demo },
  });
  return report;
}

async function insertUser(
  ctx: Context,
  u: {
    username: string;
    displayName: string;
    agency: string;
    roles: Role[];
    password: string;
    mfaRequired: boolean;
    isDemo: boolean;
  },
  passwordHash?: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const inserted = await ctx.db
    .insertInto('users')
    .values({
      id: newId(),
      username: u.username,
      display_name: u.displayName,
      email: null,
      agency_code: u.agency,
      roles: u.roles,
      password_hash: passwordHash ?? (await hashPassword(u.password)),
      password_changed_at: now,
      mfa_required: u.mfaRequired,
      is_demo: u.isDemo,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Demo agencies and users: enough of a network to try every screen. Idempotent. */
export async function seedDemo(
  ctx: Context,
  password: string,
  now = ctx.clock.now(),
): Promise<{ usernames: string[]; created: number }> {
  await seedAgencies(ctx.db, now);
  const units = DEMO_COUNTRIES.flatMap((country) => [
    { code: `${country}-CYBER`, name: `${country} National Cybercrime Unit`, country },
    { code: `${country}-BORDER`, name: `${country} Border Police`, country },
    { code: `${country}-MLA`, name: `${country} Central Authority for Mutual Legal Assistance`, country },
  ]);
  await ctx.db
    .insertInto('agencies')
    .values([
      ...units.map((u) => ({
        code: u.code,
        name: u.name,
        kind: 'unit',
        country: u.country,
        parent_code: u.country,
        created_at: now,
        updated_at: now,
      })),
      {
        code: 'ORG-AFRIPOL',
        name: 'African Union Mechanism for Police Cooperation',
        kind: 'international-organisation',
        country: null,
        parent_code: null,
        created_at: now,
        updated_at: now,
      },
      {
        code: 'ORG-EUROPOL',
        name: 'European Union Agency for Law Enforcement Cooperation',
        kind: 'international-organisation',
        country: null,
        parent_code: null,
        created_at: now,
        updated_at: now,
      },
      {
        code: 'PARTNER-SENTINEL',
        name: 'Sentinel Threat Research (demo partner)',
        kind: 'partner',
        country: null,
        parent_code: null,
        created_at: now,
        updated_at: now,
      },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  // One argon2 hash for all demo users: they share the demo password, and hashing
  // thirty times would slow the first start for nothing.
  const passwordHash = await hashPassword(password);
  const users: Parameters<typeof insertUser>[1][] = [];
  for (const country of DEMO_COUNTRIES) {
    for (const r of DEMO_ROLES) {
      users.push({
        username: `${country.toLowerCase()}.${r.suffix}`,
        displayName: `${r.title} (${country})`,
        agency: country,
        roles: r.roles,
        password,
        mfaRequired: false,
        isDemo: true,
      });
    }
  }
  users.push(
    {
      username: 'ke.cyber',
      displayName: 'Cybercrime investigator (KE)',
      agency: 'KE-CYBER',
      roles: ['officer', 'analyst'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'secretariat.reviewer',
      displayName: 'Compliance reviewer',
      agency: SECRETARIAT_CODE,
      roles: ['reviewer'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'secretariat.analyst',
      displayName: 'Criminal intelligence analyst',
      agency: SECRETARIAT_CODE,
      roles: ['analyst'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'secretariat.admin',
      displayName: 'Network administrator (demo)',
      agency: SECRETARIAT_CODE,
      roles: ['network-admin'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'secretariat.auditor',
      displayName: 'Network auditor',
      agency: SECRETARIAT_CODE,
      roles: ['auditor'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'sentinel.admin',
      displayName: 'Partner administrator (Sentinel)',
      agency: 'PARTNER-SENTINEL',
      roles: ['partner-admin'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
    {
      username: 'sentinel.partner',
      displayName: 'Partner analyst (Sentinel)',
      agency: 'PARTNER-SENTINEL',
      roles: ['partner'],
      password,
      mfaRequired: false,
      isDemo: true,
    },
  );
  let created = 0;
  for (const user of users) if (await insertUser(ctx, user, passwordHash)) created++;
  await ctx.audit.record({
    principal: systemPrincipal(),
    action: 'system.demo-seed',
    outcome: 'success',
    resultCount: users.length,
  });
  return { usernames: users.map((u) => u.username), created };
}
