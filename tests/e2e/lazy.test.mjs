// Browser tests: the young person's app is split (src/young/lazy.rs, xtask/src/split.rs).
// A first visit to My Journey fetches only the main wasm; opening Goals fetches Goals' own
// file and the one file of code the screens share (xtask/src/merge_wasm.rs), and nothing
// else. The service worker keeps every screen's file, so screens never opened before open
// with no signal. A screen whose file cannot be fetched says so kindly and offers "Try again",
// which works once the file can be reached; the rest of the app keeps working meanwhile.
// The screens' style sheet comes with the first of them, never with My Journey, and a
// screen waits for it (or says it couldn't come) rather than being drawn unstyled.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, phone, realProblems, signIn, waitForServiceWorker, useBrowser,
} from './phone.mjs';

const browser = useBrowser();

/** The files a page fetches, in order, by path. */
function recordWasm(page) {
  const fetched = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) fetched.push(path);
  });
  return fetched;
}

/** The files index.html lists as fetched only when a screen is opened. */
async function laterFiles(page) {
  const html = await (await page.request.get(`${BASE_URL}/`)).text();
  const found = html.match(/<script type="application\/json" id="later">([^<]*)<\/script>/);
  assert.ok(found, 'index.html lists the files screens fetch when opened');
  return JSON.parse(found[1]);
}

test("a young person's first visit to / fetches only the main wasm; Goals fetches its own file", async () => {
  const { context, page, problems } = await phone(browser());
  // Signing in first: the page is then reloaded, as a person coming back would open it.
  await signIn(page, ALEX);
  const later = await laterFiles(page);
  const goals = later.filter((path) => path.includes('split_goals'));
  assert.equal(goals.length, 1, `one file is Goals' own: ${later.join(', ')}`);

  const fresh = await context.newPage();
  fresh.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const fetched = recordWasm(fresh);
  await fresh.goto(`${BASE_URL}/`);
  await fresh.locator('nav.bottom-nav').waitFor();
  await fresh.getByRole('heading', { level: 1 }).first().waitFor();
  const main = fetched.filter((path) => /_bg\.wasm$/.test(path));
  assert.equal(main.length, 1, `the main wasm once: ${fetched.join(', ')}`);
  assert.deepEqual(
    fetched.filter((path) => later.includes(path)),
    [],
    'My Journey fetches no screen file',
  );

  const before = fetched.length;
  await fresh.getByRole('link', { name: 'Goals' }).first().click();
  await fresh.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  const opened = fetched.slice(before);
  assert.ok(opened.includes(goals[0]), `Goals fetched ${goals[0]}: ${opened.join(', ')}`);
  for (const path of opened) {
    assert.ok(later.includes(path), `Goals fetched only screen files: ${path}`);
    assert.ok(!/split_(?!goals)/.test(path), `Goals fetched no other screen's own file: ${path}`);
  }
  // Two files, each once: its own, and the one file of code the screens share
  // (xtask/src/merge_wasm.rs), not one file for each set of screens sharing something.
  const shared = later.filter((path) => /^\/young-shared-[0-9a-f]+\.wasm$/.test(path));
  assert.equal(shared.length, 1, `one file of shared code: ${later.join(', ')}`);
  assert.deepEqual([...opened].sort(), [goals[0], shared[0]].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

/** The screens' style sheet, as index.html names it (xtask/src/screens_style.rs). */
async function screensStyle(page) {
  const html = await (await page.request.get(`${BASE_URL}/`)).text();
  const found = html.match(/<script type="application\/json" id="screens-style">([^<]*)<\/script>/);
  assert.ok(found, 'index.html names the screens\' style sheet');
  return JSON.parse(found[1]);
}

/** How the first face to tap is laid out, as soon as it is drawn (screens.css: flex). */
async function faceLayout(page) {
  const face = page.locator('.face-choice').first();
  await face.waitFor();
  return face.evaluate((el) => getComputedStyle(el).display);
}

test("the screens' style sheet comes with the first screen fetched when opened, not with My Journey", async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  const style = await screensStyle(page);
  assert.match(style, /^\/screens-[0-9a-f]{16}\.css$/);
  assert.ok((await laterFiles(page)).includes(style), 'the service worker keeps it');

  const fresh = await context.newPage();
  fresh.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const styles = [];
  fresh.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.css')) styles.push(path);
  });
  await fresh.goto(`${BASE_URL}/`);
  await fresh.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.ok(styles.length > 0 && !styles.includes(style), `My Journey: ${styles.join(', ')}`);

  await fresh.getByRole('link', { name: 'Feedback' }).first().click();
  await fresh.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  // Drawn with its rules from the first moment: the faces to tap side by side.
  assert.equal(await faceLayout(fresh), 'flex');
  assert.equal(styles.filter((path) => path === style).length, 1, styles.join(', '));

  await fresh.getByRole('link', { name: 'Goals' }).first().click();
  await fresh.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  assert.equal(styles.filter((path) => path === style).length, 1, 'not fetched again');
  assert.equal(
    await fresh.evaluate((href) => document.querySelectorAll(`link[href="${href}"]`).length, style),
    1,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a screen whose style sheet cannot be fetched says so, and Try again opens it styled", async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  let blocked = true;
  await context.route(/\/screens-[0-9a-f]+\.css$/, (route) =>
    blocked ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.getByRole('link', { name: 'Feedback' }).first().click();
  const alert = page.getByRole('alert').filter({ hasText: "We couldn't show this right now" });
  await alert.waitFor();
  assert.equal(await page.locator('.face-choice').count(), 0, 'not drawn unstyled');
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  assert.equal(await faceLayout(page), 'flex');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test("a screen whose file cannot be fetched says so, and Try again opens it", async () => {
  // No service worker on this phone: it would answer from the files it keeps.
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  const later = await laterFiles(page);
  assert.ok(later.some((path) => path.includes('split_feedback')));
  let blocked = true;
  await context.route(/split_feedback[^/]*\.wasm$/, (route) =>
    blocked ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.getByRole('link', { name: 'Feedback' }).first().click();
  const alert = page.getByRole('alert').filter({ hasText: "We couldn't show this right now" });
  await alert.waitFor();
  // The rest of the app still works: My Journey opens, and Feedback still says why.
  await page.getByRole('link', { name: 'My Journey' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.getByRole('link', { name: 'Feedback' }).first().click();
  await alert.waitFor();
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  assert.equal(await alert.count(), 0);
  // Console errors too, but the blocked file's own.
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('with no signal, screens never opened before open from what the service worker kept', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  const later = await laterFiles(page);
  // The worker keeps every screen's file as it installs (it fetches them itself).
  await page.waitForFunction(async (paths) => {
    const cache = await caches.open('my-journey-app');
    const kept = await Promise.all(paths.map((path) => cache.match(path)));
    return kept.every(Boolean);
  }, later);
  // Files, and the page as "/": not the first screen's links to other screens, which
  // are the same page again.
  const keptPaths = await page.evaluate(async () => (await (await caches.open('my-journey-app')).keys())
    .map((request) => new URL(request.url).pathname));
  assert.deepEqual(keptPaths.filter((path) => ['/help', '/settings', '/sign-up'].includes(path)), [], keptPaths.join(' '));
  await context.setOffline(true);
  const fresh = await context.newPage();
  fresh.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await fresh.goto(`${BASE_URL}/`);
  await fresh.locator('nav.bottom-nav').waitFor();
  for (const [link, heading] of [['Goals', 'Goals'], ['Help', 'Help']]) {
    await fresh.getByRole('navigation').getByRole('link', { name: link }).first().click();
    // The heading is drawn by the screen's own code, so its file was there. (What the
    // screen asks the server for can't come, and it says so, as it always has.)
    await fresh.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
  // Opened by its address: the kept page, then the kept file.
  await fresh.goto(`${BASE_URL}/settings`);
  await fresh.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await context.setOffline(false);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test("My view's form is fetched the first time it is opened, says so if it cannot come, and takes the focus", async () => {
  // No service worker: it would answer from the files it keeps. A small phone.
  const { context, page, problems } = await phone(
    browser(),
    { width: 360, height: 640 },
    { serviceWorkers: 'block' },
  );
  await signIn(page, ALEX);
  const later = await laterFiles(page);
  const form = later.filter((path) => path.includes('split_view_form'));
  assert.equal(form.length, 1, `one file is the form's own: ${later.join(', ')}`);

  const fetched = recordWasm(page);
  await page.goto(`${BASE_URL}/`);
  const add = page.locator('#view-plan-add');
  await add.waitFor();
  assert.ok(!fetched.includes(form[0]), `My Journey does not fetch the form: ${fetched.join(', ')}`);

  let blocked = true;
  await context.route(/split_view_form[^/]*\.wasm$/, (route) =>
    blocked ? route.abort('internetdisconnected') : route.continue(),
  );
  await add.click();
  const alert = page.getByRole('alert').filter({ hasText: "We couldn't show this right now" });
  await alert.waitFor();
  // The rest of My Journey is still there and works.
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  const first = page.locator('#view-plan-agree');
  await first.waitFor();
  assert.ok(fetched.includes(form[0]), `the form's file was fetched: ${fetched.join(', ')}`);
  // Opened by a tap: the keyboard and screen reader are at its first choice.
  await page.waitForFunction(() => document.activeElement?.id === 'view-plan-agree');
  // ...and can see it: it is scrolled to above the bottom navigation, not left under it.
  const { focusBottom, navTop } = await page.evaluate(() => ({
    focusBottom: document.activeElement.getBoundingClientRect().bottom,
    navTop: document.querySelector('nav.bottom-nav').getBoundingClientRect().top,
  }));
  assert.ok(focusBottom <= navTop, `the first choice (bottom ${focusBottom}) is above the navigation (${navTop})`);
  assert.equal(await alert.count(), 0);
  // Cancel closes it, back to the button; opened again, it comes at once.
  await page.getByRole('button', { name: 'Cancel' }).first().click();
  await add.waitFor();
  await add.click();
  await first.waitFor();
  // The blocked file is logged as a request that could not be made; nothing else.
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
