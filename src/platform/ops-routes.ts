import cluster from 'node:cluster';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { clusterMetrics, joinClusterMetrics } from './cluster-metrics.ts';
import { Problem, problems } from './errors.ts';
import { PUBLIC_RATE_LIMIT } from './http.ts';
import { pendingMigrations } from './migrate.ts';
import { NetworkList } from './outbound.ts';
import { errorResponses } from './schema.ts';

/** Liveness, readiness and Prometheus metrics, for load balancers and monitoring. */
export async function opsRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  const scrapers = new NetworkList(ctx.config.metricsNetworks);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'concord_' });
  const duration = new Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Counter({
    name: 'concord_audit_entries_total',
    help: 'Audit entries written',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ctx.audit.entries);
    },
  });
  new Gauge({
    name: 'concord_audit_batches_total',
    help: 'Audit group commits (one transaction each)',
    registers: [registry],
    collect() {
      this.set(ctx.audit.batches);
    },
  });

  // Summed over the processes of a CONCORD_WORKERS server: how many answered this scrape.
  new Gauge({
    name: 'concord_server_processes',
    help: 'Server processes whose figures this answer sums (CONCORD_WORKERS)',
    registers: [registry],
  }).set(1);

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const Status = Type.Object({
    status: Type.String(),
    checks: Type.Optional(Type.Record(Type.String(), Type.String())),
  });

  app.get(
    '/healthz',
    {
      config: { access: 'public', rateLimit: PUBLIC_RATE_LIMIT },
      schema: { tags: ['operations'], summary: 'Alive', security: [], response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public', rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['operations'],
        summary: 'Ready: database reachable and migrations applied',
        security: [],
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await sql`SELECT 1`.execute(ctx.db);
        checks.database = 'ok';
      } catch {
        checks.database = 'unreachable';
      }
      if (checks.database === 'ok')
        try {
          const pending = await pendingMigrations(ctx.database);
          checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
        } catch {
          // Reached, but its migrations could not be read (a role without the right to them).
          checks.migrations = 'unreadable';
        }
      const ready = Object.values(checks).every((v) => v === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );

  /** This process's figures, or under CONCORD_WORKERS every process's, summed. */
  if (cluster.isWorker) joinClusterMetrics(registry);
  const metricsText = async (): Promise<string> => {
    if (!cluster.isWorker) return registry.metrics();
    try {
      return await clusterMetrics();
    } catch (error) {
      // Half the figures would read as a drop in traffic: better a failed scrape.
      throw new Problem(503, 'metrics-unavailable', 'Metrics unavailable', (error as Error).message);
    }
  };

  app.get(
    '/metrics',
    {
      config: { access: 'public', rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description:
          'Answered to CONCORD_METRICS_NETWORKS only (404 elsewhere). Under CONCORD_WORKERS, every server process’s figures summed; 503 when one does not answer in time.',
        security: [],
        hide: false,
        produces: ['text/plain'],
        response: errorResponses(404, 503),
      },
    },
    async (request, reply) => {
      // Request counts per route tell an outsider how busy the network is (urgent requests,
      // searches, failed sign-ins): answered to the operator's monitoring networks only.
      // The connection's address and every address the request was forwarded for: with
      // CONCORD_TRUST_PROXY=on the client's own X-Forwarded-For is the first of them, so
      // judging by one (request.ip) let a client name itself 127.0.0.1.
      const chain = [request.socket.remoteAddress ?? '', ...(request.ips ?? [request.ip])];
      if (!chain.every((address) => scrapers.has(address))) throw problems.notFound();
      return reply.type(registry.contentType).send(await metricsText());
    },
  );
}
