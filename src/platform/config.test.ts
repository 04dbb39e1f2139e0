import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      demo: undefined,
      logLevel: 'info',
      publicUrl: 'http://127.0.0.1:8080',
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      workers: 1,
      webhookNetworks: [],
      secretKeyPrevious: [],
    });
    expect(config.metricsNetworks).toEqual(['127.0.0.0/8', '::1']);
    expect(loadConfig({ CONCORD_METRICS_NETWORKS: 'any' }).metricsNetworks).toEqual(['0.0.0.0/0', '::/0']);
    expect(loadConfig({ CONCORD_METRICS_NETWORKS: '10.9.0.0/16' }).metricsNetworks).toEqual(['10.9.0.0/16']);
  });

  it.each([
    ['PORT', 'eighty', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must start with postgres/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: must be a URL/],
    ['CONCORD_DEMO', 'maybe', /CONCORD_DEMO: must be on or off/],
    ['CONCORD_PUBLIC_URL', 'ftp://x', /CONCORD_PUBLIC_URL: must start with http/],
    ['CONCORD_ADMIN_PASSWORD', 'short', /CONCORD_ADMIN_PASSWORD: must be at least 12/],
    ['CONCORD_SECRET_KEY', 'abc', /CONCORD_SECRET_KEY: must be 32 random bytes/],
    [
      'CONCORD_SECRET_KEY_PREVIOUS',
      `${Buffer.alloc(32).toString('base64')},abc`,
      /CONCORD_SECRET_KEY_PREVIOUS: must be 32 random bytes/,
    ],
    ['CONCORD_TLS_CERT', '/x.pem', /CONCORD_TLS_KEY: TLS needs both/],
    ['CONCORD_WORKERS', '2', /CONCORD_WORKERS: needs DATABASE_URL/],
    ['CONCORD_WORKERS', '0', /CONCORD_WORKERS: must be between 1 and 64/],
    // 0 would read as "keep" (as for hit notifications) to some, "at once" to others.
    ['CONCORD_RECORD_PURGE_DAYS', '0', /CONCORD_RECORD_PURGE_DAYS: must be between 1 and 3650/],
    [
      'CONCORD_WEBHOOK_NETWORKS',
      '10.0.0.0/8,intranet',
      /CONCORD_WEBHOOK_NETWORKS: "intranet" is not a network/,
    ],
    ['CONCORD_WEBHOOK_NETWORKS', '10.0.0.0/33', /CONCORD_WEBHOOK_NETWORKS: "10.0.0.0\/33" is not a network/],
    [
      'CONCORD_METRICS_NETWORKS',
      '10.0.0.0/8,monitoring',
      /CONCORD_METRICS_NETWORKS: "monitoring" is not a network/,
    ],
    ['CONCORD_TRUST_PROXY', 'proxy.internal', /CONCORD_TRUST_PROXY: on, off, or proxy addresses/],
    ['CONCORD_TRUST_PROXY', '10.0.0.0/33', /CONCORD_TRUST_PROXY: on, off, or proxy addresses/],
    ['CONCORD_SECRET_KEY', `!!!!${'a'.repeat(39)}=`, /CONCORD_SECRET_KEY: must be 32 random bytes/],
    ['CONCORD_REVIEW_YEARS', 'persons=3', /CONCORD_REVIEW_YEARS: "persons" is not a record kind/],
    ['CONCORD_REVIEW_YEARS', 'person:3', /CONCORD_REVIEW_YEARS: expected kind=years, got "person:3"/],
    ['CONCORD_REVIEW_YEARS', 'person=0', /CONCORD_REVIEW_YEARS: person: years must be between 1 and 10/],
    ['CONCORD_REVIEW_YEARS', 'vehicle=11', /CONCORD_REVIEW_YEARS: vehicle: years must be between 1 and 10/],
    ['CONCORD_REVIEW_YEARS', 'person=3,person=4', /CONCORD_REVIEW_YEARS: person is given twice/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reads a network’s own review periods per kind', () => {
    expect(loadConfig({}).reviewYears).toEqual({});
    expect(loadConfig({ CONCORD_REVIEW_YEARS: ' person = 3, travel-document=10 ,' }).reviewYears).toEqual({
      person: 3,
      'travel-document': 10,
    });
  });

  it('refuses TLS files it cannot read or that are not a pair, naming the variable', () => {
    expect(() =>
      loadConfig({ CONCORD_TLS_CERT: '/nonexistent/cert.pem', CONCORD_TLS_KEY: '/nonexistent/key.pem' }),
    ).toThrow(/^CONCORD_TLS_CERT: cannot read \/nonexistent\/cert.pem \(ENOENT\)/);
    const garbage = path.join(os.tmpdir(), `concord-not-pem-${process.pid}.pem`);
    fs.writeFileSync(garbage, 'not a certificate');
    try {
      expect(() => loadConfig({ CONCORD_TLS_CERT: garbage, CONCORD_TLS_KEY: garbage })).toThrow(
        /^CONCORD_TLS_CERT: .* is not a PEM certificate/,
      );
    } finally {
      fs.rmSync(garbage);
    }
  });

  it('reads switches and URLs', () => {
    const config = loadConfig({
      CONCORD_DEMO: 'off',
      DATABASE_URL: 'postgres://u:p@db:5432/concord',
      CONCORD_PUBLIC_URL: 'https://concord.example.org/',
      CONCORD_TRUST_PROXY: 'true',
    });
    expect(config.demo).toBe(false);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/concord');
    expect(config.publicUrl).toBe('https://concord.example.org');
    expect(config.trustProxy).toBe(true);
  });
});
