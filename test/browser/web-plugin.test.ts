import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutes } from '../../src/platform/web.ts';
import { compressBuiltFiles, hasCompressedCopies } from '../../web/scripts/compress.ts';

/** The plugin that serves web/dist, on a bare Fastify with a fake build. */
async function appWith(root: string): Promise<{ app: FastifyInstance; access: (string | undefined)[] }> {
  const app = Fastify({ logger: false });
  const access: (string | undefined)[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url !== '/api/v1/ping') access.push((route.config as { access?: string } | undefined)?.access);
  });
  app.get('/api/v1/ping', async () => ({ pong: true }));
  await app.register(webRoutes, { root });
  await app.ready();
  return { app, access };
}

const BUNDLE = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join('\n');

describe('web UI plugin', () => {
  let root: string;
  let app: FastifyInstance;
  let access: (string | undefined)[];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Concord</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // A bundle big enough to be compressed, as the build leaves it.
    fs.writeFileSync(path.join(root, 'assets', 'vendor-def456.js'), BUNDLE);
    compressBuiltFiles(root);
    ({ app, access } = await appWith(root));
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('declares every route it adds public', () => {
    expect(access.length).toBeGreaterThan(0);
    expect(access.every((a) => a === 'public')).toBe(true);
  });

  it('answers client-side routes (deep links) with index.html, not cached', async () => {
    for (const url of [
      '/',
      '/agencies/KE-CYBER',
      '/audit/01a2?action=api-key.revoke',
      '/sign-in',
      '/public/notices?type=un',
      '/public/notices/red/2026-10001',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<title>Concord</title>');
    }
  });

  it('serves hashed assets as immutable and top-level public files', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('sends the build’s brotli or gzip copy to a browser that accepts it, the file itself to others', async () => {
    expect(hasCompressedCopies(root)).toBe(true);
    // Small files are left as they are: a compressed copy would save nothing worth a file.
    expect(fs.existsSync(path.join(root, 'assets', 'index-abc123.js.br'))).toBe(false);
    const get = (url: string, acceptEncoding?: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      });
    const brotli = await get('/assets/vendor-def456.js', 'gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(BUNDLE);
    expect(brotli.rawPayload.length).toBeLessThan(BUNDLE.length / 3);
    const gzip = await get('/assets/vendor-def456.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(BUNDLE);
    for (const plain of [
      await get('/assets/vendor-def456.js'),
      await get('/assets/vendor-def456.js', 'identity'),
    ]) {
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(BUNDLE);
      expect(plain.headers.vary).toContain('accept-encoding');
    }
    // A file without copies is sent as it is, whatever the browser accepts.
    const small = await get('/assets/index-abc123.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toBe('console.log(1)');
  });

  it('leaves the API, docs and missing assets to the 404 handler', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ pong: true });
    for (const url of [
      '/api/v1/nothing-here',
      '/api',
      '/docs/x',
      '/metrics',
      '/assets/gone.js',
      '/assets/..%2F..%2Fpackage.json',
    ]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('never serves files outside the build', async () => {
    for (const url of [
      '/..%2Fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('"name"');
    }
  });

  it('without a build, says how to build the UI and keeps the API working', async () => {
    const missing = await appWith(path.join(root, 'no-such-dir'));
    const response = await missing.app.inject({ method: 'GET', url: '/agencies' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
    expect((await missing.app.inject({ method: 'GET', url: '/api/v1/ping' })).statusCode).toBe(200);
    await missing.app.close();
  });
});
