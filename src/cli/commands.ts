import cluster from 'node:cluster';
import fs from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import {
  isPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
} from '../access/permissions.ts';
import { agencySystemPrincipal, systemPrincipal } from '../access/principal.ts';
import type { ListeningMessage } from '../platform/cluster.ts';
import { loadConfig } from '../platform/config.ts';
import { Problem } from '../platform/errors.ts';
import { withContext } from './maintenance.ts';
import { registerMessagingCommands } from './messaging.ts';
import { Progress } from './progress.ts';

// The database drivers, the server and the services are imported by the commands that use
// them, not here: loading them all takes ~2.5 s, which `concord --help`, a mistyped option
// and a self-held system's `concord message receive` (run from a timer) need not pay.

/** A comma-separated list of known values; a wrong one is refused naming those it may be. */
export function list<T extends string>(check: (v: string) => v is T, what: string, known: readonly T[]) {
  return (value: string): T[] => {
    const items = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const bad = items.filter((v) => !check(v));
    if (bad.length > 0)
      throw new InvalidArgumentError(`unknown ${what}: ${bad.join(', ')} (${what}s: ${known.join(', ')})`);
    return items as T[];
  };
}

/**
 * A refusal said in the command's terms: the fields it names are the request's (`/body/…`),
 * so those that came from an option or a variable are named as such (`sources`). The detail
 * repeats the fields: they are listed once.
 */
function explain(error: unknown, sources: Record<string, string> = {}): never {
  if (error instanceof Problem) {
    const errors = error.extensions.errors ?? [];
    const fields = errors.map((e) => `\n  ${sources[e.field] ?? e.field}: ${e.message}`).join('');
    process.stderr.write(`${error.title}${errors.length ? ':' : `: ${error.detail ?? ''}`}${fields}\n`);
    process.exit(1);
  }
  throw error;
}

/** Where a password given to the command came from, to name it in a refusal. */
function passwordSource(option: string | undefined): Record<string, string> {
  if (option) return { '/body/password': '--password' };
  return process.env.CONCORD_NEW_PASSWORD ? { '/body/password': 'CONCORD_NEW_PASSWORD' } : {};
}

export function registerCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the server (API, web UI, background jobs); migrates and seeds a new database')
    .action(async () => {
      const config = loadConfig();
      if (config.workers > 1 && cluster.isPrimary) {
        const { runPrimary } = await import('../platform/cluster.ts');
        return runPrimary(config);
      }
      const { banner, startServer } = await import('../platform/server.ts');
      // Signals are taken from the start: one that arrives while the server is still
      // starting stops it as soon as it has started, instead of killing it half-way.
      let stopRequested: string | null = null;
      let server: Awaited<ReturnType<typeof startServer>> | null = null;
      const shutdown = (signal: string) => {
        if (!server) {
          stopRequested = signal;
          return;
        }
        server.ctx.logger.info({ signal }, 'shutting down: draining requests');
        server.stop().then(
          () => process.exit(0),
          (error) => {
            server?.ctx.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
      server = await startServer(config);
      if (cluster.isWorker)
        process.send?.({ concord: 'listening', url: server.url } satisfies ListeningMessage);
      else process.stdout.write(`${banner(server, config)}\n`);
      if (stopRequested) shutdown(stopRequested);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations (the server also does this at start)')
    .action(async () => {
      const config = loadConfig();
      const [{ closeContext, createContext }, { migrate }] = await Promise.all([
        import('../platform/bootstrap.ts'),
        import('../platform/migrate.ts'),
      ]);
      const ctx = await createContext(config, { migrate: false });
      try {
        const applied = await migrate(ctx.database);
        process.stdout.write(
          applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
        );
      } finally {
        await closeContext(ctx);
      }
    });

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user (the password is generated and printed when not given)')
    .requiredOption('--username <name>', 'lower-case username, e.g. ke.officer2')
    .requiredOption('--agency <code>', 'agency code, e.g. KE or KE-CYBER')
    .requiredOption('--roles <roles>', 'comma-separated roles', list(isRole, 'role', ROLES))
    .option('--display-name <name>', 'name shown in the interface')
    .option(
      '--password <password>',
      'initial password (prefer CONCORD_NEW_PASSWORD: arguments show in process lists)',
    )
    .option('--no-mfa', 'do not require MFA (demo and test accounts only)')
    .action(
      async (opts: {
        username: string;
        agency: string;
        roles: Role[];
        displayName?: string;
        password?: string;
        mfa: boolean;
      }) => {
        const [{ generatePassword }, { createUser }] = await Promise.all([
          import('../identity/seed.ts'),
          import('../identity/users.ts'),
        ]);
        const password = opts.password ?? process.env.CONCORD_NEW_PASSWORD ?? generatePassword();
        await withContext(async (ctx) => {
          const created = await createUser(ctx, systemPrincipal(), {
            username: opts.username.toLowerCase(),
            displayName: opts.displayName ?? opts.username,
            agency: opts.agency.toUpperCase(),
            roles: opts.roles,
            password,
            mfaRequired: opts.mfa,
          }).catch((error) => explain(error, passwordSource(opts.password)));
          process.stdout.write(
            `Created ${created.username} (${created.id}) in ${created.agency} with roles ${created.roles.join(', ')}.\n`,
          );
          if (!opts.password && !process.env.CONCORD_NEW_PASSWORD)
            process.stdout.write(`Password (shown once): ${password}\n`);
        });
      },
    );

  user
    .command('reset-password')
    .description('Set a new password, end the user’s sessions and clear any sign-in lockout')
    .argument('<username>')
    .option('--password <password>', 'new password (default: generated and printed; or CONCORD_NEW_PASSWORD)')
    .action(async (username: string, opts: { password?: string }) => {
      const [{ generatePassword }, { findUserByUsername, resetUserPassword }] = await Promise.all([
        import('../identity/seed.ts'),
        import('../identity/users.ts'),
      ]);
      const password = opts.password ?? process.env.CONCORD_NEW_PASSWORD ?? generatePassword();
      await withContext(async (ctx) => {
        const found = await findUserByUsername(ctx, username);
        if (!found) {
          process.stderr.write(`No user named ${username}.\n`);
          process.exit(1);
        }
        await resetUserPassword(ctx, systemPrincipal(), found.id, password).catch((error) =>
          explain(error, passwordSource(opts.password)),
        );
        process.stdout.write(`Password of ${found.username} reset; their sessions were ended.\n`);
        if (!opts.password && !process.env.CONCORD_NEW_PASSWORD)
          process.stdout.write(`New password (shown once): ${password}\n`);
      });
    });

  program
    .command('apikey')
    .description('Manage API keys')
    .command('create')
    .description('Create an API key for an agency’s system; the key is printed once')
    .requiredOption('--agency <code>', 'agency the key acts for')
    .requiredOption('--name <name>', 'what the key is for, e.g. "border control gateway"')
    .requiredOption(
      '--permissions <permissions>',
      'comma-separated permissions',
      list(isPermission, 'permission', PERMISSIONS),
    )
    .option('--expires <iso-date>', 'expiry, ISO 8601 (e.g. 2027-06-30T00:00:00Z)')
    .action(async (opts: { agency: string; name: string; permissions: Permission[]; expires?: string }) => {
      if (opts.expires && Number.isNaN(Date.parse(opts.expires)))
        throw new InvalidArgumentError('--expires must be an ISO 8601 date');
      const { createApiKey } = await import('../identity/api-keys.ts');
      await withContext(async (ctx) => {
        const created = await createApiKey(ctx, systemPrincipal(), {
          agency: opts.agency.toUpperCase(),
          name: opts.name,
          permissions: opts.permissions,
          ...(opts.expires ? { expiresAt: new Date(opts.expires).toISOString() } : {}),
        }).catch(explain);
        process.stdout.write(
          `Created key ${created.id} for ${created.apiKey.agency}.\nKey (shown once): ${created.key}\n`,
        );
      });
    });

  program
    .command('audit')
    .description('The audit log')
    .command('verify')
    .description(
      'Recompute the audit hash chain; exits 1 naming the first altered, removed or reordered entry',
    )
    .action(async () => {
      const { verifyAuditChain } = await import('../audit/verify.ts');
      await withContext(
        async (ctx) => {
          const result = await verifyAuditChain(ctx.db);
          if (result.ok) {
            // One chain per server process that ever wrote: keep these heads elsewhere to
            // detect a chain cut short or removed whole.
            process.stdout.write(
              `Audit chains intact: ${result.checked} entries in ${result.chains.length} chains. Head: #${result.headSeq} ${result.headHash}\n` +
                result.chains
                  .map(
                    (c) => `  chain ${c.chain ?? '(original)'}: ${c.entries} entries, head ${c.headHash}\n`,
                  )
                  .join(''),
            );
          } else {
            process.stderr.write(
              `Audit chain BROKEN at entry #${result.failure!.seq}${result.failure!.id ? ` (${result.failure!.id})` : ''}: ${result.failure!.reason}.\n` +
                `${result.checked} entries before it are intact.\n`,
            );
            process.exitCode = 1;
          }
          // It opens no sealed secret: no secret key needed to check the log.
        },
        { secretKeyCheck: 'skip' },
      );
    });

  program
    .command('demo')
    .description('Demo data')
    .command('seed')
    .description(
      'Add the demo agencies and users (password from CONCORD_DEMO_PASSWORD, or generated and printed)',
    )
    .option(
      '--records <n>',
      'also generate N realistic records of every kind, spread over the demo bureaus',
      (v) => {
        if (!/^\d+$/.test(v)) throw new InvalidArgumentError('a whole number');
        return Number(v);
      },
    )
    .action(async (opts: { records?: number }) => {
      const config = loadConfig();
      const [
        { DEMO_COUNTRIES, generatePassword, seedDemo },
        { seedDemoNotices },
        { agencyRef, findAgency },
        { importRecords },
        { demoLines },
      ] = await Promise.all([
        import('../identity/seed.ts'),
        import('../notices/index.ts'),
        import('../identity/agencies.ts'),
        import('../records/bulk.ts'),
        import('../records/demo.ts'),
      ]);
      const password = config.demoPassword ?? generatePassword();
      await withContext(async (ctx) => {
        const { usernames, created } = await seedDemo(ctx, password);
        process.stdout.write(
          `Demo users: ${created} created, ${usernames.length - created} already there (left as they were).\n`,
        );
        if (created > 0 && !config.demoPassword)
          process.stdout.write(`Password of the demo users just created (shown once): ${password}\n`);
        const notices = await seedDemoNotices(ctx);
        if (notices > 0)
          process.stdout.write(`${notices} demo notices and diffusions published or requested.\n`);
        if (opts.records) {
          const progress = new Progress(opts.records);
          let done = 0;
          for (const [i, country] of DEMO_COUNTRIES.entries()) {
            const share =
              Math.floor(opts.records / DEMO_COUNTRIES.length) +
              (i < opts.records % DEMO_COUNTRIES.length ? 1 : 0);
            const agency = (await findAgency(ctx.db, country))!;
            const report = await importRecords(
              ctx,
              agencySystemPrincipal(agencyRef(agency)),
              demoLines(country, share),
              'skip-invalid',
              (n) => progress.update(done + n),
            );
            done += report.imported;
            if (report.invalidCount > 0) {
              process.stderr.write(
                `\n${country}: ${report.invalidCount} generated records were invalid: ${JSON.stringify(report.invalid.slice(0, 3))}\n`,
              );
            }
          }
          progress.finish(done);
          process.stdout.write(`${done} demo records generated.\n`);
        }
      });
    });

  program
    .command('import')
    .description(
      'Import records owned by an agency from an NDJSON or CSV file (streamed, with a per-line report)',
    )
    .argument(
      '<file>',
      'NDJSON (one POST /records body per line) or CSV with a header row; - for standard input',
    )
    .requiredOption('--agency <code>', 'the owning agency, e.g. KE or KE-CYBER')
    .option('--format <format>', 'ndjson or csv (default: from the file name; csv with --kind)')
    .option('--kind <kind>', 'record kind for CSV rows without a kind column')
    .option('--skip-invalid', 'write the valid lines and report the invalid ones (default: all or nothing)')
    .action(
      async (
        file: string,
        opts: { agency: string; format?: string; kind?: string; skipInvalid?: boolean },
      ) => {
        // --kind is for CSV rows without a kind column: given, a file not named .ndjson is CSV.
        const format =
          opts.format ??
          (file.endsWith('.csv') || (opts.kind !== undefined && !/\.(nd)?jsonl?$/.test(file))
            ? 'csv'
            : 'ndjson');
        if (format !== 'csv' && format !== 'ndjson')
          throw new InvalidArgumentError('--format must be ndjson or csv');
        if (file !== '-' && !fs.existsSync(file)) {
          process.stderr.write(`No file ${file}.\n`);
          process.exit(1);
        }
        const [{ agencyRef, findAgency }, { importRecords }, { csvLines, ndjsonLines }] = await Promise.all([
          import('../identity/agencies.ts'),
          import('../records/bulk.ts'),
          import('../records/formats.ts'),
        ]);
        const total = file === '-' ? 0 : fs.statSync(file).size;
        const input = file === '-' ? process.stdin : fs.createReadStream(file);
        // Progress from the file position: a 'data' listener would start the stream flowing
        // before the parser is attached, and lose the beginning of the file.
        const bytesRead = () => (input instanceof fs.ReadStream ? input.bytesRead : 0);
        await withContext(async (ctx) => {
          const agency = await findAgency(ctx.db, opts.agency.toUpperCase());
          if (!agency) {
            process.stderr.write(`No agency ${opts.agency}.\n`);
            process.exit(1);
          }
          const progress = new Progress(total, 'bytes');
          const lines = format === 'csv' ? csvLines(input, opts.kind) : ndjsonLines(input);
          const mode = opts.skipInvalid ? 'skip-invalid' : 'all-or-nothing';
          const report = await importRecords(ctx, agencySystemPrincipal(agencyRef(agency)), lines, mode, () =>
            progress.update(bytesRead()),
          );
          progress.finish(bytesRead());
          for (const bad of report.invalid.slice(0, 20)) {
            process.stderr.write(
              `line ${bad.line}: ${bad.errors.map((e) => `${e.field} ${e.message}`).join('; ')}\n`,
            );
          }
          if (report.invalidCount > 20)
            process.stderr.write(`… and ${report.invalidCount - 20} more invalid lines\n`);
          for (const warned of report.warned.slice(0, 20)) {
            process.stderr.write(
              `line ${warned.line} (warning): ${warned.warnings.map((w) => `${w.field} ${w.message}`).join('; ')}\n`,
            );
          }
          if (report.warnedCount > 20)
            process.stderr.write(`… and ${report.warnedCount - 20} more lines with warnings\n`);
          const nothing =
            report.mode === 'all-or-nothing' && report.invalidCount > 0 ? ': nothing written' : '';
          process.stdout.write(
            `${report.imported} of ${report.total} records imported for ${agency.code} in ${(report.durationMs / 1000).toFixed(1)} s (${report.invalidCount} invalid${nothing}${report.warnedCount ? `, ${report.warnedCount} with warnings` : ''}).\n`,
          );
          // Only worth saying when lines named records that existed (their externalRef).
          if (report.updated + report.unchanged > 0)
            process.stdout.write(
              `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged (by their externalRef).\n`,
            );
          if (report.invalidCount > 0) process.exitCode = 1;
        });
      },
    );

  registerMessagingCommands(program);
}
