/**
 * The web UI's first load on the links some bureaus work over, against the same build sent
 * uncompressed:
 *
 *   npx tsx bench/web-first-load.ts
 *
 * A real server (embedded database) serves the built UI; Chromium, with an empty cache each
 * time, opens the sign-in page under emulated network conditions (DevTools protocol:
 * latency, download and upload rates) and waits until the username field can be typed in.
 * Figures: bytes received (what the link carried) and the time to a usable sign-in form.
 * The baseline is the same page with the browser asking for no compression
 * (`Accept-Encoding: identity`): the server then sends the files as they are, as it did
 * before the build wrote compressed copies. BENCH_ROUNDS (3) loads per link and setting; the
 * median is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/platform/server.ts';
import { CHROMIUM_PATH } from '../test/browser/harness.ts';
import { ensureWebBuild } from '../web/scripts/build.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Links, as DevTools' throttling describes them: round trip in ms, rates in bytes per second. */
const LINKS = [
  { name: 'satellite or congested link (1 Mbit/s, 600 ms)', latency: 600, down: 125_000, up: 62_500 },
  { name: 'mobile 3G (1.6 Mbit/s, 300 ms)', latency: 300, down: 200_000, up: 93_750 },
  { name: 'office broadband (20 Mbit/s, 40 ms)', latency: 40, down: 2_500_000, up: 1_250_000 },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await ensureWebBuild();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-web-'));
const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CONCORD_DATA_DIR: dataDir,
    CONCORD_ADMIN_PASSWORD: 'bench-admin-password',
  }),
);
const address = server.app.server.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

async function firstLoad(link: (typeof LINKS)[number], compressed: boolean) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.latency,
    downloadThroughput: link.down,
    uploadThroughput: link.up,
  });
  if (!compressed)
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  let bytes = 0;
  const encodings = new Set<string>();
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  cdp.on(
    'Network.responseReceived',
    (event: { response: { url: string; headers: Record<string, string> } }) => {
      if (event.response.url.includes('/assets/'))
        encodings.add(
          event.response.headers['content-encoding'] ?? event.response.headers['Content-Encoding'] ?? 'none',
        );
    },
  );
  const started = performance.now();
  await page.goto('/sign-in', { timeout: 300_000 });
  await page.getByLabel(/^Username/).waitFor({ timeout: 300_000 });
  const ms = performance.now() - started;
  await context.close();
  return { ms, bytes, encodings: [...encodings].join(',') };
}

console.log(
  `Web UI first load, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${ROUNDS} rounds (median)`,
);
try {
  for (const link of LINKS) {
    const results: Record<string, { ms: number; bytes: number; encodings: string }> = {};
    for (const compressed of [false, true]) {
      const runs = [];
      for (let round = 0; round < ROUNDS; round++) runs.push(await firstLoad(link, compressed));
      results[compressed ? 'compressed' : 'identity'] = {
        ms: median(runs.map((r) => r.ms)),
        bytes: median(runs.map((r) => r.bytes)),
        encodings: runs[0]!.encodings,
      };
    }
    const plain = results.identity!;
    const packed = results.compressed!;
    console.log(
      `${link.name}: uncompressed ${(plain.ms / 1000).toFixed(1)} s, ${Math.round(plain.bytes / 1024)} KB (assets: ${plain.encodings}); ` +
        `compressed ${(packed.ms / 1000).toFixed(1)} s, ${Math.round(packed.bytes / 1024)} KB (assets: ${packed.encodings}) — ` +
        `${(plain.ms / packed.ms).toFixed(1)}× faster, ${(plain.bytes / packed.bytes).toFixed(1)}× fewer bytes`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
