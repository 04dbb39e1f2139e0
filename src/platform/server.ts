import type { FastifyInstance } from 'fastify';
import { identityJobs } from '../identity/jobs.ts';
import { type FirstStartReport, firstStart } from '../identity/seed.ts';
import { buildApp } from '../main.ts';
import { seedMessagingDemo } from '../messaging/demo.ts';
import { messagingJobs, settleMessagingWork } from '../messaging/index.ts';
import { noticeJobs, seedDemoNotices } from '../notices/index.ts';
import { recordJobs } from '../records/jobs.ts';
import { closeContext, createContext } from './bootstrap.ts';
import { type Config, ConfigError } from './config.ts';
import type { Context } from './context.ts';
import { JobRunner } from './jobs.ts';
import { outboxJobs } from './outbox.ts';

export interface RunningServer {
  app: FastifyInstance;
  ctx: Context;
  url: string;
  report: FirstStartReport;
  stop(): Promise<void>;
}

/** Decides whether a new database gets demo data: on by default for the embedded database. */
export function demoWanted(config: Config): boolean {
  return config.demo ?? !config.databaseUrl;
}

export async function startServer(
  config: Config,
  hooks: { beforeListen?: (app: FastifyInstance) => Promise<void> } = {},
): Promise<RunningServer> {
  const ctx = await createContext(config, { secretKeyCheck: 'record' });
  // Allowed (a port only the proxy can reach), but worth saying at every start: whoever else
  // reaches the port chooses the address the audit log records and the sign-in limit counts.
  if (config.trustProxy === true)
    ctx.logger.warn(
      { variable: 'CONCORD_TRUST_PROXY' },
      'X-Forwarded-For is trusted from any sender: list the proxy addresses instead unless only the proxy can reach this port',
    );
  let app: FastifyInstance | undefined;
  try {
    const report = await firstStart(ctx, { demo: demoWanted(config) });
    if (report.demo) await seedDemoNotices(ctx);
    if (report.demo) await seedMessagingDemo(ctx);
    app = await buildApp(ctx);
    await hooks.beforeListen?.(app);
    await app.listen({ port: config.port, host: config.host }).catch((error: NodeJS.ErrnoException) => {
      // An address this machine cannot listen on is a configuration error: named, exit 2.
      if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN')
        throw new ConfigError('HOST', `cannot listen on ${config.host}: not an address of this machine`);
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        throw new ConfigError(
          'PORT',
          `cannot listen on port ${config.port}: ${error.code === 'EACCES' ? 'not allowed' : 'in use'}`,
        );
      throw error;
    });
    const jobs = new JobRunner(ctx, [
      ...identityJobs,
      ...recordJobs,
      ...messagingJobs,
      ...noticeJobs,
      ...outboxJobs,
    ]);
    jobs.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
    let stopping: Promise<void> | undefined;
    const running: RunningServer = {
      app,
      ctx,
      url: process.env.CONCORD_PUBLIC_URL ? config.publicUrl : url,
      report,
      stop: () => {
        stopping ??= (async () => {
          // Stop accepting, let in-flight requests finish, then make the audit durable.
          await app!.close();
          await jobs.stop();
          await settleMessagingWork();
          await closeContext(ctx);
        })();
        return stopping;
      },
    };
    return running;
  } catch (error) {
    await app?.close().catch(() => {});
    await closeContext(ctx).catch(() => {});
    throw error;
  }
}

export function banner(server: Pick<RunningServer, 'url' | 'report'>, config: Config): string {
  const lines = ['', `  Concord is running at ${server.url}`, `  API documentation: ${server.url}/docs`, ''];
  const { report } = server;
  if (report.firstStart) {
    lines.push('  First start: the database was created and the network seeded.');
    if (report.admin) {
      lines.push(
        `  Network administrator: ${report.admin.username} / ${report.admin.password ?? '(password from CONCORD_ADMIN_PASSWORD)'}`,
        '    (enrol an authenticator app at first sign-in)',
      );
    }
    if (report.demo) {
      lines.push(
        `  Demo users (no MFA): ke.officer, ke.analyst, ke.supervisor, ke.admin, fr.officer, br.…, sg.…, us.…,`,
        '    secretariat.reviewer, secretariat.analyst, secretariat.admin, secretariat.auditor,',
        '    and a private partner’s sentinel.partner, sentinel.admin',
        `  Demo password: ${report.demo.password ?? (report.demo.existing ? '(the one printed by concord demo seed)' : '(from CONCORD_DEMO_PASSWORD)')}`,
      );
    }
    if (report.admin?.password || report.demo?.password) {
      lines.push('  These passwords are shown only now: note them.');
    }
  } else {
    lines.push('  Sign in with the credentials printed at first start (reset: concord user reset-password).');
  }
  if (!config.databaseUrl) lines.push(`  Data folder: ${config.dataDir}`);
  if (config.workers > 1) lines.push(`  Server processes: ${config.workers}`);
  lines.push('');
  return lines.join('\n');
}
