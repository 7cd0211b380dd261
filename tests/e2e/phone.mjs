// Shared by the browser tests: Debian's Chromium, a phone-sized context, signing in, and
// the axe-core check. Not a test file itself (no `.test.` in its name).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const BASE_URL = process.env.BASE_URL;
export const SHOTS = process.env.SCREENSHOT_DIR ?? 'target/e2e';
assert.ok(BASE_URL, 'BASE_URL must point at a running journey-server (cargo xtask test sets it)');
mkdirSync(SHOTS, { recursive: true });

// The demo accounts `journey-server --demo` adds (documented in the README).
export const ALEX = { username: 'alex', password: 'demo-alex-journey' };
export const SAM = { username: 'sam', password: 'demo-sam-worker' };
export const MORGAN = { username: 'morgan', password: 'demo-morgan-manager' };
export const CERI = { username: 'ceri.jones', password: 'demo-ceri-complaints' };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync',
    ],
  });
}

// One browser for a test file: launched before its tests and closed after them. Call at
// the top of the file; it returns a function that gives the browser.
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/** A fresh phone: its own context (its own cookies), so nothing carries over between tests. */
export async function phone(browser, viewport = { width: 390, height: 844 }, options = {}) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 401 from GET /api/v1/me is how the app learns nobody is signed in yet, and the
    // tests send a wrong password (401) and mistakes in forms (409, 422) on purpose; the
    // browser logs each of these answers as an error.
    const text = message.text();
    if (message.type() === 'error' && !/status of (401|409|422)\b/.test(text)) {
      problems.push(`console error: ${text}`);
    }
  });
  return { context, page, problems };
}

/**
 * Signs in through the sign-in page, as a person would, and waits to arrive home: a young
 * person at `/` (their own app, with its navigation drawn), staff at `/staff/` (the young
 * person's app sends them on to the staff app).
 */
export async function signIn(page, { username, password }) {
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => {
    const path = window.location.pathname;
    return path === '/staff/' || (path === '/' && document.querySelector('nav.bottom-nav') !== null);
  });
}

/** Chooses Cymraeg on the sign-in page and signs in as Alex with the Welsh labels. */
export async function signInInWelsh(page, who = ALEX) {
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  await page.getByLabel('Enw defnyddiwr', { exact: true }).fill(who.username);
  await page.getByLabel('Cyfrinair', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  // A young person lands on My Journey; staff on the staff app's home.
  await page.waitForFunction(() => (window.location.pathname === '/' && document.querySelector('nav.bottom-nav') !== null)
    || window.location.pathname === '/staff/');
}

/** A GET from inside the page, so it carries the page's session cookie like the app does. */
export async function apiGet(page, path) {
  return page.evaluate(async (path) => {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, path);
}

/** POSTs JSON (or nothing) from the page, with its cookie, as the app does. */
export async function apiPost(page, path, body) {
  return page.evaluate(async ({ path, body }) => {
    const response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { path, body });
}

/** The rules axe-core checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export async function expectNoAxeViolations(page, what = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(found, [], `axe-core found accessibility problems on ${what}`);
}

// The keyboard (and a screen reader) is on the element with this id. The app moves the
// focus on the next frame after it shows a problem, so this waits a moment for it.
export async function expectFocusOn(page, id) {
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 2000 })
    .catch(() => {});
  assert.equal(await focused(), id);
}

/** Nothing wider than the screen. */
export async function expectFitsWidth(page, width, what) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${what} is ${scroll}px wide`);
}

/** Every link and button the person can tap is at least 44 by 44 pixels. */
/** No card on the screen touches the next one below it (each keeps a gap of 8 px or more). */
export async function expectCardsApart(page, what = page.url()) {
  const touching = await page.evaluate(() => {
    const cards = [...document.querySelectorAll('main .card')].filter((card) => card.getClientRects().length > 0);
    const found = [];
    for (let i = 0; i + 1 < cards.length; i += 1) {
      const [upper, lower] = [cards[i], cards[i + 1]];
      if (upper.contains(lower) || lower.contains(upper)) continue;
      const [a, b] = [upper.getBoundingClientRect(), lower.getBoundingClientRect()];
      const sideBySide = a.right <= b.left || b.right <= a.left;
      if (!sideBySide && b.top - a.bottom < 8) found.push(`${upper.textContent.slice(0, 40)} | ${lower.textContent.slice(0, 40)}: ${Math.round(b.top - a.bottom)} px`);
    }
    return found;
  });
  assert.deepEqual(touching, [], `cards touching on ${what}`);
}

export async function expectBigTapTargets(page, minimum = 1) {
  // Only what is shown (not, say, the first screen's sign-in form on another address).
  const targets = page.locator('header a:visible, nav a:visible, main a:visible, main button:visible, main input:visible');
  const count = await targets.count();
  assert.ok(count >= minimum, `found ${count} tap targets`);
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    const box = await target.boundingBox();
    const name = (await target.getAttribute('id')) ?? (await target.innerText()).trim();
    assert.ok(box.width >= 44 && box.height >= 44, `"${name}" is ${box.width}×${box.height}`);
  }
}

/** With no signal, the browser logs each request it could not make; that is expected. */
export function realProblems(problems) {
  return problems.filter(
    (p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|status of 503\b/.test(p),
  );
}

/**
 * A signal that hangs, once: the first request to `url` (of `method`, or any) reaches the
 * server, but its answer never comes back; the ones after it go as usual. Returns how
 * many have been sent so far.
 */
export async function hangFirstAnswer(page, url, method) {
  let sent = 0;
  await page.route(url, async (route) => {
    if (method && route.request().method() !== method) return route.continue();
    sent += 1;
    if (sent > 1) return route.continue();
    await route.fetch();
  });
  return () => sent;
}

/** Waits (past the app's 15 seconds of patience) for "We couldn't connect" in `scope`. */
export async function couldntConnect(scope) {
  await scope.getByText("We couldn't connect just now. Check your signal or Wi-Fi, then try again.").first()
    .waitFor({ timeout: 25_000 });
}

/** Waits until the service worker controls the page, so it can open with no signal. */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
      });
    }
  });
}
