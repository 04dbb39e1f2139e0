import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/main.ts';
import { undeclaredRoutes } from '../src/platform/http.ts';
import { createTestApp, createTestContext, expectProblem, signIn, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('default deny', () => {
  it('every registered route declares a permission or that it is public', () => {
    expect(t.app.routeDeclarations.length).toBeGreaterThan(20);
    expect(undeclaredRoutes(t.app.routeDeclarations)).toEqual([]);
  });

  it('the check catches a route added without a declaration, and such a route is refused', async () => {
    const env = await createTestContext();
    const bare = await buildApp(env.ctx, {
      beforeReady: (app) => {
        app.get('/api/v1/forgotten', async () => ({ secret: true }));
      },
    });
    expect(undeclaredRoutes(bare.routeDeclarations)).toContain('GET /api/v1/forgotten');
    const session = await signIn(bare, 'secretariat.admin');
    const response = await bare.inject({
      method: 'GET',
      url: '/api/v1/forgotten',
      headers: { cookie: session.cookie },
    });
    expectProblem(response, 403, 'forbidden');
    await bare.close();
    await env.close();
  });

  it('protected routes answer 401 without credentials', async () => {
    for (const route of t.app.routeDeclarations) {
      if (route.access === 'public' || !route.url.startsWith('/api/') || route.method === 'HEAD') continue;
      const url = route.url
        .replace('::', ':') // Fastify's escaped literal colon (records:import)
        .replace(':id', '01a20514-d0d0-75de-ae70-8b0189bff256')
        .replace(':code', 'KE');
      const response = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});

describe('OpenAPI', () => {
  it('is valid OpenAPI 3.1 and lists every API route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    for (const route of t.app.routeDeclarations) {
      if (!route.url.startsWith('/api/') || route.method === 'HEAD') continue;
      const path = route.url.replace('::', ':').replace(/(?<!:)\/:(\w+)/g, '/{$1}');
      expect(documented, `${route.method} ${path}`).toContain(`${route.method} ${path}`);
    }
    // Streamed bodies of other types are documented with their media types, so /docs can send one.
    expect(Object.keys(document.paths['/api/v1/records:import'].post.requestBody.content)).toEqual([
      'application/x-ndjson',
      'text/csv',
    ]);
    expect(
      Object.keys(document.paths['/api/v1/attachments/{id}/chunks/{index}'].put.requestBody.content),
    ).toEqual(['application/octet-stream', 'application/jose']);
  });

  it('documents every error as application/problem+json, and the errors each sort of route can answer', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            requestBody?: unknown;
            responses: Record<string, { content?: Record<string, unknown> }>;
          }
        >
      >;
    };
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        operations++;
        for (const [code, response] of Object.entries(operation.responses))
          if (/^[45]/.test(code))
            expect(Object.keys(response.content ?? {}), `${where} ${code}`).toEqual([
              'application/problem+json',
            ]);
        expect(Object.keys(operation.responses), where).toContain('500');
        if (operation.requestBody)
          expect(Object.keys(operation.responses), where).toEqual(
            expect.arrayContaining(['400', '413', '415']),
          );
        // Every success says what it sends, streams included.
        const success = Object.entries(operation.responses).filter(([code]) => code.startsWith('2'));
        if (path.startsWith('/api/')) expect(success.length, where).toBeGreaterThan(0);
      }
    expect(operations).toBeGreaterThan(100);
    const events = document.paths['/api/v1/events']!.get!.responses;
    expect(Object.keys(events['200']!.content!)).toEqual(['text/event-stream']);
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['401', '403']));
    expect(Object.keys(document.paths['/api/v1/records:export']!.get!.responses['400']!.content!)).toEqual([
      'application/problem+json',
    ]);
    expect(Object.keys(document.paths['/api/v1/auth/login']!.post!.responses)).toContain('429');
  });

  it('serves interactive documentation at /docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
