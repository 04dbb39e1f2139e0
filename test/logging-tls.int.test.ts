import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/platform/server.ts';
import { as, createTestApp, DEMO_PASSWORD, signIn, withKey } from './helpers.ts';

describe('logs', () => {
  it('never carry passwords, tokens, keys or query strings', async () => {
    let output = '';
    const t = await createTestApp(
      { LOG_LEVEL: 'trace' },
      {
        logDestination: {
          write: (line: string) => {
            output += line;
          },
        },
      },
    );
    try {
      const failed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'ke.admin', password: 'a-wrong-guess-123' },
      });
      expect(failed.statusCode).toBe(401);
      const session = await signIn(t.app, 'ke.admin');
      const { key } = (await as(t.app, session)('POST', '/api/v1/api-keys', { name: 'logged?' })).json();
      await withKey(t.app, key)('GET', '/api/v1/agencies?q=Kenya%20secret%20search');
      await as(t.app, session)('POST', '/api/v1/auth/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'a new secret phrase here',
      });
      expect(output).toContain('/api/v1/auth/login'); // requests are logged…
      const token = session.cookie.split('=')[1]!;
      for (const secret of [
        DEMO_PASSWORD,
        'a-wrong-guess-123',
        'a new secret phrase here',
        token,
        session.csrf,
        key,
        key.slice(-43), // the secret part (base64url may hold '_', so not a split on it)
        'Kenya secret search',
        'Kenya%20secret',
      ]) {
        expect(output, secret).not.toContain(secret); // …but not what they carried
      }
    } finally {
      await t.close();
    }
  }, 90_000); // starts a server of its own (20 s on a loaded CI machine)
});

describe('built-in TLS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-tls-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const haveOpenssl = spawnSync('openssl', ['version']).status === 0;

  it.skipIf(!haveOpenssl)(
    'serves HTTPS with HSTS and a __Host- Secure cookie',
    async () => {
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      const made = spawnSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ],
        { encoding: 'utf8' },
      );
      expect(made.status, made.stderr).toBe(0);
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        CONCORD_DATA_DIR: path.join(dir, 'data'),
        CONCORD_TLS_CERT: cert,
        CONCORD_TLS_KEY: key,
        CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
        CONCORD_ADMIN_PASSWORD: 'admin-password-tls-test',
      });
      const server = await startServer(config);
      try {
        expect(server.url.startsWith('https://')).toBe(true);
        const port = (server.app.server.address() as { port: number }).port;
        const response = await new Promise<{ status: number; headers: Record<string, unknown> }>(
          (resolve, reject) => {
            const request = https.request(
              {
                host: '127.0.0.1',
                port,
                path: '/api/v1/auth/login',
                method: 'POST',
                rejectUnauthorized: false,
                headers: { 'content-type': 'application/json' },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
              },
            );
            request.on('error', reject);
            request.end(JSON.stringify({ username: 'ke.officer', password: DEMO_PASSWORD }));
          },
        );
        expect(response.status).toBe(200);
        expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
        const cookie = String(response.headers['set-cookie']);
        expect(cookie).toContain('__Host-concord_session=');
        expect(cookie).toContain('Secure');
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Strict');
      } finally {
        await server.stop();
      }
    },
    90_000,
  ); // starts a server of its own (20 s on a loaded CI machine)
});
