// Browser tests: the served app in Debian's Chromium at phone size (390×844, touch).
// `cargo xtask test` starts the server with the demo data and sets BASE_URL.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const BASE_URL = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOT_DIR ?? 'target/e2e';
const DEMO_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
assert.ok(BASE_URL, 'BASE_URL must point at a running journey-server (cargo xtask test sets it)');
mkdirSync(SHOTS, { recursive: true });

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh phone: its own context, so nothing carries over between tests. */
async function phone() {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  assert.deepEqual(found, [], 'axe-core found accessibility problems');
}

test('a young person opens the app and reads their plan on My Journey', async () => {
  const api = await fetch(`${BASE_URL}/api/v1/young-people/${DEMO_ID}/journey`);
  assert.equal(api.status, 200);
  const journey = await api.json();

  const { context, page, problems } = await phone();
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();

  // The plan on screen is the one the API served, word for word.
  const main = page.locator('main');
  await main.getByText(journey.plan.reason).waitFor();
  for (const hope of journey.plan.outcomes) {
    assert.ok(await main.getByText(hope, { exact: true }).isVisible(), `hope shown: ${hope}`);
  }
  for (const step of journey.plan.steps) {
    assert.ok(await main.getByText(step.what, { exact: true }).isVisible(), `step shown: ${step.what}`);
  }
  await main.getByText(journey.plan.contingency).waitFor();
  assert.ok(await main.getByText(`Hi ${journey.young_person.first_name}.`).isVisible());

  // Steps say where they are, in words.
  for (const label of ['Done', 'Happening now', 'Coming up']) {
    assert.ok((await main.locator('.badge', { hasText: label }).count()) > 0, `a step is "${label}"`);
  }

  // My worker: who, and a tap to call.
  const worker = page.getByRole('region', { name: 'Your worker' });
  await worker.getByText(journey.worker.name, { exact: false }).first().waitFor();
  const call = worker.getByRole('link', { name: /^Call Sam/ });
  assert.equal(await call.getAttribute('href'), 'tel:01632960123');

  // Dates as people say them, never ISO strings.
  const text = await main.innerText();
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
  assert.match(text, /Next review: \w+day \d{1,2} \w+/);

  // The current tab is marked for screen readers.
  const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
  assert.equal((await current.innerText()).trim(), 'My Journey');

  await page.screenshot({ path: `${SHOTS}/journey.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/journey-first-screen.png` });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the bottom navigation reaches each tab, and unbuilt tabs say so honestly', async () => {
  const { context, page, problems } = await phone();
  await page.goto(`${BASE_URL}/`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [tab, path] of [['Goals', '/goals'], ['Feedback', '/feedback'], ['Help', '/help']]) {
    await nav.getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { level: 1, name: tab }).waitFor();
    assert.equal(new URL(page.url()).pathname, path);
    assert.ok(await page.getByRole('heading', { name: 'Coming soon' }).isVisible());
    assert.equal(
      (await nav.locator('[aria-current="page"]').innerText()).trim(), tab,
      `${tab} is marked as the current tab`,
    );
    await expectNoAxeViolations(page);
  }
  // Help always has the danger box, with a tap to call 999.
  assert.equal(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  await page.screenshot({ path: `${SHOTS}/help.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('opening a tab by its address works, and a wrong address is explained', async () => {
  const { context, page, problems } = await phone();
  await page.goto(`${BASE_URL}/feedback`);
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.goto(`${BASE_URL}/no-such-page`);
  await page.getByRole('heading', { level: 1, name: "We can't find that page" }).waitFor();
  await page.getByRole('link', { name: 'Go to My Journey' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the plan cannot be loaded, the page says so kindly and can try again', async () => {
  const { context, page } = await phone();
  let failNext = true;
  await page.route('**/api/v1/young-people/*/journey', async (route) => {
    if (failNext) {
      failNext = false;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.goto(`${BASE_URL}/`);
  const alert = page.getByRole('alert');
  await alert.getByText("We couldn't connect just now.", { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/journey-offline.png` });
  await expectNoAxeViolations(page);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('region', { name: 'Why you have a plan' }).waitFor();
  await context.close();
});

test('tap targets are at least 44 by 44 pixels', async () => {
  const { context, page } = await phone();
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('region', { name: 'Your worker' }).waitFor();
  const targets = page.locator('nav a, main a, main button');
  const count = await targets.count();
  assert.ok(count >= 6, `found ${count} tap targets`);
  for (let i = 0; i < count; i++) {
    const box = await targets.nth(i).boundingBox();
    const name = (await targets.nth(i).innerText()).trim();
    assert.ok(box.width >= 44 && box.height >= 44, `"${name}" is ${box.width}×${box.height}`);
  }
  await context.close();
});

test('on a small phone (360×640) nothing spills off the side of the screen', async () => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'en-GB',
  });
  const page = await context.newPage();
  for (const path of ['/', '/goals', '/feedback', '/help']) {
    await page.goto(`${BASE_URL}${path}`);
    await page.locator('main h1').waitFor();
    if (path === '/') await page.getByRole('region', { name: 'The steps' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width}px wide`);
  }
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('region', { name: 'Your worker' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/journey-360.png` });
  await context.close();
});
