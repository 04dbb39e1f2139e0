/**
 * Shared set-up of the browser tests and the screenshot script: a real Concord server on
 * a fresh embedded database (random port) serving the built UI, and Debian's chromium
 * driven by playwright-core.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/platform/config.ts';
import { type RunningServer, startServer } from '../../src/platform/server.ts';
import { ensureWebBuild } from '../../web/scripts/build.ts';

export const CHROMIUM_PATH = process.env.CONCORD_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);
export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} not found`;

export const ADMIN_PASSWORD = 'ui-admin-password-2026';
export const DEMO_PASSWORD = 'ui-demo-password-2026';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Harness {
  server: RunningServer;
  browser: Browser;
  baseUrl: string;
  dataDir: string;
  /** Uncaught page errors and Content-Security-Policy violations seen in any page. */
  pageProblems: string[];
  /** A new browser context (own cookies) with a page in the given language. */
  newPage(options?: { locale?: string; width?: number; height?: number }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  await ensureWebBuild({ log: () => {} });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-ui-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CONCORD_DATA_DIR: dataDir,
    CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
    CONCORD_DEMO: 'on',
    ...env,
  });
  const server = await startServer(config);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const pageProblems: string[] = [];
  return {
    pageProblems,
    server,
    browser,
    baseUrl,
    dataDir,
    async newPage({ locale = 'en-GB', width = 1440, height = 900 } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale,
        timezoneId: 'Africa/Nairobi',
        viewport: { width, height },
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          pageProblems.push(`CSP: ${message.text()}`);
        }
      });
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the UI as a user without MFA and waits for the shell. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('agency-identity').waitFor();
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0-2.2 A and AA rules) in the page and returns the serious and
 * critical violations. The source is injected as a script element's text through the
 * DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}
