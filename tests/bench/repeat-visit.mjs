// The repeat visit, for `cargo xtask bench` (not a test: the bench reads what it prints).
// A phone (Playwright in Debian's Chromium) signs in as the demo young person, opens My
// Journey, and waits until the service worker controls the page; then it opens My Journey
// again. Every request goes through a small counting proxy in front of the server, so
// whatever reaches the proxy came over the network (anything the service worker or the
// browser's own cache answered never does). Prints one JSON line: what each visit
// fetched over the network, and how many app files (wasm, js, css) the second fetched.
//
// BASE_URL: the running journey-server (with --demo and --insecure-cookies).

import http from 'node:http';
import { chromium } from 'playwright-core';

const server = new URL(process.env.BASE_URL ?? '');
if (!server.host) throw new Error('BASE_URL must point at a running journey-server');
const ALEX = { username: 'alex', password: 'demo-alex-journey' };
const APP_FILE = /\.(wasm|js|css)$/;
// The service worker itself is the browser's to check; it is not part of the app's load.
const isAppFile = (path) => APP_FILE.test(path) && !path.endsWith('/sw.js');

let seen = [];
const proxy = http.createServer((request, response) => {
  const entry = { method: request.method, path: request.url, status: 0 };
  seen.push(entry);
  const upstream = http.request(
    {
      host: server.hostname,
      port: server.port,
      method: request.method,
      path: request.url,
      headers: request.headers,
    },
    (answer) => {
      entry.status = answer.statusCode;
      response.writeHead(answer.statusCode, answer.rawHeaders);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => response.destroy());
  response.on('close', () => upstream.destroy());
  request.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${proxy.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync',
  ],
});
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens My Journey in a new tab, waits for its first heading, and reports the visit. */
async function visit(context, label) {
  seen = [];
  const page = await context.newPage();
  const fromWorker = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.fromServiceWorker() && isAppFile(path)) fromWorker.push(path);
  });
  await page.goto(`${base}/`);
  await page.locator('h1').first().waitFor({ timeout: 60_000 });
  return { page, label, fromWorker };
}

function summary({ label, fromWorker }) {
  const network = seen.map(({ method, path, status }) => `${method} ${path} ${status}`);
  const appFiles = seen.filter(({ path }) => isAppFile(new URL(path, base).pathname));
  return {
    visit: label,
    app_files_from_network: appFiles.length,
    app_files: appFiles.map(({ path, status }) => `${path} ${status}`),
    from_service_worker: fromWorker.length,
    network,
  };
}

try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
  });
  const signIn = await context.request.post(`${base}/api/v1/auth/sign-in`, {
    data: ALEX,
    headers: { Accept: 'application/json' },
  });
  if (!signIn.ok()) throw new Error(`signing in as alex answered ${signIn.status()}`);

  const first = await visit(context, 'first');
  // Ready: the worker is active (its install kept the app's files) and controls the page.
  await first.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
      });
    }
  });
  await settle(2000);
  const firstResult = summary(first);
  await first.page.close();

  const second = await visit(context, 'repeat');
  // Whatever the page or its worker fetch once the screen is up counts too.
  await settle(3000);
  const secondResult = summary(second);
  await second.page.close();
  console.log(JSON.stringify({ visits: [firstResult, secondResult] }));
} finally {
  await browser.close();
  proxy.closeAllConnections();
  proxy.close();
}
