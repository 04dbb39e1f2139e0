import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { problems } from '../platform/errors.ts';
import { errorResponses, StringEnum } from '../platform/schema.ts';
import { importRecords } from './bulk.ts';
import { csvLines, ndjsonLines } from './formats.ts';
import { RECORD_KIND_NAMES } from './schema.ts';

const ImportReportSchema = Type.Object({
  mode: StringEnum(['all-or-nothing', 'skip-invalid']),
  total: Type.Integer(),
  imported: Type.Integer({
    description: 'Lines accepted: records created, updated through their externalRef, or found unchanged',
  }),
  created: Type.Integer(),
  updated: Type.Integer({ description: 'Records of mine whose externalRef a line gave, changed by it' }),
  unchanged: Type.Integer({
    description: 'Records of mine whose externalRef a line gave, already as it says',
  }),
  invalidCount: Type.Integer(),
  invalid: Type.Array(
    Type.Object({
      line: Type.Integer(),
      errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    }),
    { description: 'The first 1,000 invalid lines, with the failing fields' },
  ),
  warnedCount: Type.Integer(),
  warned: Type.Array(
    Type.Object({
      line: Type.Integer(),
      warnings: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    }),
    {
      description:
        'The first 1,000 valid lines with warnings (a VIN or national IBAN check digit, an unknown number range): written, and worth a look',
    },
  ),
  durationMs: Type.Integer(),
});

/** Bulk import and export. Bodies are streamed: neither side holds the file in memory. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const { ctx } = app;
  // Hand the raw request stream to the route (encapsulated: only in this plugin).
  app.addContentTypeParser(['application/x-ndjson', 'text/csv'], (_request, payload, done) =>
    done(null, payload),
  );

  app.post(
    '/records::import',
    {
      config: { access: 'records:import', accepts: ['application/x-ndjson', 'text/csv'] },
      bodyLimit: 1024 * 1024 * 1024,
      schema: {
        tags: ['records'],
        summary: 'Import records owned by my agency from NDJSON or CSV',
        description:
          'Content-Type application/x-ndjson (one POST /records body per line) or text/csv (header row; columns name data fields by path, e.g. number, names.0.full, nationalities[], policy.visibility, externalRef). mode=all-or-nothing (default) writes nothing if any line is invalid; skip-invalid writes the valid lines. A line with an externalRef that one of my records has updates that record (its data whole; its policy and review date where the line gives them) or leaves it unchanged, so the same file imported twice makes no duplicates. Answers a per-line validation report.',
        querystring: Type.Object(
          {
            mode: Type.Optional(StringEnum(['all-or-nothing', 'skip-invalid'])),
            kind: Type.Optional(
              StringEnum(RECORD_KIND_NAMES, {
                description: 'Default kind for CSV rows without a kind column',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ImportReportSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request) => {
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      const query = request.query as { mode?: 'all-or-nothing' | 'skip-invalid'; kind?: string };
      const stream = request.body as Readable;
      if (type !== 'application/x-ndjson' && type !== 'text/csv') {
        throw problems.invalidField('/headers/content-type', 'must be application/x-ndjson or text/csv');
      }
      const lines = type === 'text/csv' ? csvLines(stream, query.kind) : ndjsonLines(stream);
      return importRecords(ctx, request.principal!, lines, query.mode ?? 'all-or-nothing');
    },
  );

  app.get(
    '/records::export',
    {
      config: { access: 'records:import' },
      schema: {
        tags: ['records'],
        summary: 'Export my agency’s active records as NDJSON (the import format)',
        querystring: Type.Object(
          { kind: Type.Optional(StringEnum(RECORD_KIND_NAMES)) },
          { additionalProperties: false },
        ),
        produces: ['application/x-ndjson'],
        response: {
          200: {
            description: 'One import line per record, streamed',
            content: { 'application/x-ndjson': { schema: Type.String() } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const kind = (request.query as { kind?: string }).kind;
      // Audited before the first byte leaves.
      await ctx.audit.record({
        principal,
        action: 'record.export',
        outcome: 'success',
        objectType: 'record',
        objectAgency: principal.agency.code,
        details: { kind: kind ?? null },
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="${principal.agency.code}-records.ndjson"`,
        'cache-control': 'no-store',
        'x-request-id': request.id,
      });
      let cursor: string | undefined;
      let count = 0;
      for (;;) {
        let q = ctx.db
          .selectFrom('records')
          .select(['id', 'kind', 'data', 'policy', 'review_at', 'external_ref'])
          .where('owner_agency', '=', principal.agency.code)
          .where('status', '=', 'active')
          .orderBy('id')
          .limit(1000);
        if (kind) q = q.where('kind', '=', kind);
        if (cursor) q = q.where('id', '>', cursor);
        const rows = await q.execute();
        if (rows.length === 0) break;
        const chunk = rows
          .map((r) =>
            JSON.stringify({
              kind: r.kind,
              data: r.data,
              policy: r.policy,
              reviewAt: r.review_at.toISOString(),
              ...(r.external_ref !== null ? { externalRef: r.external_ref } : {}),
            }),
          )
          .join('\n');
        if (!reply.raw.write(`${chunk}\n`)) await new Promise((resolve) => reply.raw.once('drain', resolve));
        count += rows.length;
        cursor = rows[rows.length - 1]!.id;
      }
      reply.raw.end();
      request.log.info({ exported: count }, 'export finished');
    },
  );
}
