import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseNetwork } from './outbound.ts';
import { RECORD_KIND_NAMES, type RecordKindName } from './record-kind-names.ts';

/** How far ahead a record's next review may be set: records are re-examined, not kept forever. */
export const MAX_REVIEW_YEARS = 10;

/**
 * Concord is configured only through environment variables, validated once at start.
 * A wrong value stops the process with a message naming the variable (exit code 2):
 * an operator should never discover a typo from a strange runtime behaviour.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** undefined: decide at first start (on for a new embedded data folder). */
  demo: boolean | undefined;
  demoPassword: string | undefined;
  logLevel: LogLevel;
  publicUrl: string;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  trustProxy: boolean | string;
  /** 32-byte key (base64) that wraps secrets at rest, such as TOTP seeds. */
  secretKey: string | undefined;
  /** Earlier secret keys, still accepted for opening (and by the database's check) until `concord keys rewrap`. */
  secretKeyPrevious: string[];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  /** Days a lapsed or deleted record is kept before it is purged. */
  recordPurgeDays: number;
  /** Years until a new record's review date, per kind, where the network sets its own (CONCORD_REVIEW_YEARS). */
  reviewYears: Partial<Record<RecordKindName, number>>;
  /** Days a hit notification is kept (0: for ever). */
  hitNotificationRetentionDays: number;
  /** Server processes sharing the port (PostgreSQL only: the embedded database has one). */
  workers: number;
  /** 32-byte key-encryption key (base64) wrapping server-held agency private keys; default: derived from secretKey. */
  messageKek: string | undefined;
  /** Earlier key-encryption keys, still accepted for opening until `concord keys rewrap`. */
  messageKekPrevious: string[];
  /** Largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** Networks (CIDR) webhooks may reach besides public addresses: private links, a local adapter. */
  webhookNetworks: string[];
  /** Networks (CIDR) whose clients `/metrics` answers; others get 404. */
  metricsNetworks: string[];
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * CONCORD_REVIEW_YEARS: a network's own review periods, `kind=years` separated by commas
 * (`person=3,travel-document=15`); kinds not named keep their defaults (persons 5 years,
 * travel documents 10, others 5). Read at start, so that a typo stops the server rather than
 * leaving a kind at its default unnoticed.
 */
function reviewYears(env: Env): Partial<Record<RecordKindName, number>> {
  const name = 'CONCORD_REVIEW_YEARS';
  const raw = text(env, name);
  const out: Partial<Record<RecordKindName, number>> = {};
  if (raw === undefined) return out;
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+)\s*=\s*(\d+)$/.exec(part);
    if (!match) throw new ConfigError(name, `expected kind=years, got "${part}"`);
    const [, kind, years] = match as unknown as [string, string, string];
    if (!(RECORD_KIND_NAMES as readonly string[]).includes(kind))
      throw new ConfigError(name, `"${kind}" is not a record kind (${RECORD_KIND_NAMES.join(', ')})`);
    const value = Number(years);
    if (value < 1 || value > MAX_REVIEW_YEARS)
      throw new ConfigError(name, `${kind}: years must be between 1 and ${MAX_REVIEW_YEARS}, got ${value}`);
    if (out[kind as RecordKindName] !== undefined) throw new ConfigError(name, `${kind} is given twice`);
    out[kind as RecordKindName] = value;
  }
  return out;
}

function bool(env: Env, name: string): boolean | undefined {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be on or off (true/false, 1/0), got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/**
 * This machine only: a private range would let every client in through a load balancer or
 * proxy that sits in one. A monitoring system elsewhere is named.
 */
const LOOPBACK = ['127.0.0.0/8', '::1'];

/** Networks given comma-separated (CIDRs or single addresses); undefined when unset. */
function networks(env: Env, name: string): string[] | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const network of list) {
    try {
      parseNetwork(network);
    } catch (error) {
      throw new ConfigError(name, (error as Error).message);
    }
  }
  return list;
}

/** Keys given comma-separated (the earlier ones of a rotation). */
function keyList(env: Env, name: string): string[] {
  return (text(env, name) ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

/** 32 bytes in canonical base64 (what `openssl rand -base64 32` prints). */
function isKey32(value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 && bytes.toString('base64') === value;
}

/**
 * The certificate and key files: readable, PEM, and a pair. Checked at start so that a
 * mistake stops Concord naming the variable, rather than failing in the TLS layer.
 */
function checkTlsPair(certFile: string, keyFile: string): void {
  const read = (variable: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new ConfigError(
        variable,
        `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(read('CONCORD_TLS_CERT', certFile));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('CONCORD_TLS_CERT', `${certFile} is not a PEM certificate`);
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(read('CONCORD_TLS_KEY', keyFile));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('CONCORD_TLS_KEY', `${keyFile} is not a PEM private key`);
  }
  if (!cert.checkPrivateKey(key))
    throw new ConfigError('CONCORD_TLS_KEY', 'is not the key of CONCORD_TLS_CERT');
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const tlsCert = text(env, 'CONCORD_TLS_CERT');
  const tlsKey = text(env, 'CONCORD_TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new ConfigError(
      tlsCert ? 'CONCORD_TLS_KEY' : 'CONCORD_TLS_CERT',
      'TLS needs both a certificate and a key',
    );
  }
  if (tlsCert && tlsKey) checkTlsPair(tlsCert, tlsKey);
  const scheme = tlsCert ? 'https' : 'http';
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const publicUrl = (
    url(env, 'CONCORD_PUBLIC_URL', ['http:', 'https:']) ?? `${scheme}://${shownHost}:${port}`
  ).replace(/\/+$/, '');

  const adminPassword = text(env, 'CONCORD_ADMIN_PASSWORD');
  const demoPassword = text(env, 'CONCORD_DEMO_PASSWORD');
  for (const [name, value] of [
    ['CONCORD_ADMIN_PASSWORD', adminPassword],
    ['CONCORD_DEMO_PASSWORD', demoPassword],
  ] as const) {
    if (value !== undefined && [...value].length < 12) {
      throw new ConfigError(name, 'must be at least 12 characters');
    }
  }

  const secretKey = text(env, 'CONCORD_SECRET_KEY');
  if (secretKey !== undefined && !isKey32(secretKey)) {
    throw new ConfigError(
      'CONCORD_SECRET_KEY',
      'must be 32 random bytes in base64 (openssl rand -base64 32)',
    );
  }

  const secretKeyPrevious = keyList(env, 'CONCORD_SECRET_KEY_PREVIOUS');
  const messageKek = text(env, 'CONCORD_MESSAGE_KEK');
  const messageKekPrevious = keyList(env, 'CONCORD_MESSAGE_KEK_PREVIOUS');
  for (const [name, value] of [
    ...secretKeyPrevious.map((k) => ['CONCORD_SECRET_KEY_PREVIOUS', k] as const),
    ['CONCORD_MESSAGE_KEK', messageKek],
    ...messageKekPrevious.map((k) => ['CONCORD_MESSAGE_KEK_PREVIOUS', k] as const),
  ] as const) {
    if (value !== undefined && !isKey32(value)) {
      throw new ConfigError(name, 'must be 32 random bytes in base64 (openssl rand -base64 32)');
    }
  }

  const trustProxyRaw = text(env, 'CONCORD_TRUST_PROXY');
  let trustProxy: boolean | string = false;
  if (trustProxyRaw !== undefined) {
    const asBool = ['1', 'true', 'on', 'yes'].includes(trustProxyRaw.toLowerCase())
      ? true
      : ['0', 'false', 'off', 'no'].includes(trustProxyRaw.toLowerCase())
        ? false
        : undefined;
    trustProxy = asBool ?? trustProxyRaw;
    // Otherwise a list of proxy addresses or networks: checked now, not by the first request.
    if (asBool === undefined)
      for (const item of trustProxyRaw.split(',')) {
        try {
          parseNetwork(item);
        } catch (error) {
          throw new ConfigError(
            'CONCORD_TRUST_PROXY',
            `on, off, or proxy addresses: ${(error as Error).message}`,
          );
        }
      }
  }

  const webhookNetworks = networks(env, 'CONCORD_WEBHOOK_NETWORKS') ?? [];
  const metricsRaw = text(env, 'CONCORD_METRICS_NETWORKS');
  const metricsNetworks =
    metricsRaw?.toLowerCase() === 'any'
      ? ['0.0.0.0/0', '::/0']
      : (networks(env, 'CONCORD_METRICS_NETWORKS') ?? LOOPBACK);

  const workers = integer(env, 'CONCORD_WORKERS', 1, 1, 64);
  if (workers > 1 && !env.DATABASE_URL)
    throw new ConfigError('CONCORD_WORKERS', 'needs DATABASE_URL: the embedded database serves one process');
  return {
    port,
    host,
    dataDir: path.resolve(text(env, 'CONCORD_DATA_DIR') ?? './data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    adminPassword,
    demo: bool(env, 'CONCORD_DEMO'),
    demoPassword,
    logLevel: logLevel as LogLevel,
    publicUrl,
    tlsCert,
    tlsKey,
    trustProxy,
    secretKey,
    secretKeyPrevious,
    sessionIdleMinutes: integer(env, 'CONCORD_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'CONCORD_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    bodyLimitBytes: integer(env, 'CONCORD_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    // At least a day: 0 purged every ended record at once, where 0 keeps hit notifications —
    // refused rather than read either way (a deployment that set it learns at start).
    recordPurgeDays: integer(env, 'CONCORD_RECORD_PURGE_DAYS', 90, 1, 3650),
    reviewYears: reviewYears(env),
    hitNotificationRetentionDays: integer(env, 'CONCORD_HIT_NOTIFICATION_RETENTION_DAYS', 730, 0, 36500),
    workers,
    messageKek,
    messageKekPrevious,
    attachmentMaxBytes: integer(env, 'CONCORD_ATTACHMENT_MAX_BYTES', 2 * 1024 ** 3, 1024, 1024 ** 4),
    webhookNetworks,
    metricsNetworks,
  };
}
