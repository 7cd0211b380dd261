// Browser tests: index.html's early script asks who is signed in and, for a young person
// on "/", what My Journey shows (the journey, their latest safety flag, reviews and what
// has happened since they told us), while the app (the wasm) is still downloading; the
// app uses those answers instead of asking again (src/early.rs). So on a slow signal
// My Journey waits for the download, not for the download and then three round trips.
// A phone that reads Welsh asks for the Welsh words the same way, and a page opened at a
// screen fetched when opened (/feedback) fetches that screen's files the same way. Opened
// at Goals or Feedback, what that screen shows as it opens is asked for early too.
// "Who is signed in" is asked for before any of those.
// The wasm is held back here, as a slow phone would, to show the order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, apiPost, phone, realProblems, signIn, useBrowser,
} from './phone.mjs';

const browser = useBrowser();
const HOLD_MS = 1500;

/** A 360×640 phone with no service worker (so every request is seen), the main wasm held back. */
async function slowPhone(storageState) {
  const context = await browser().newContext({
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    serviceWorkers: 'block',
    storageState,
  });
  await context.route(/\/young-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    await route.continue();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401\b/.test(message.text())) problems.push(message.text());
  });
  // What was asked, in order, and when the main wasm had arrived.
  const asked = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/') || path.endsWith('_bg.wasm')) asked.push(`${request.method()} ${path}`);
  });
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.endsWith('_bg.wasm')) asked.push('wasm arrived');
  });
  return { context, page, problems, asked };
}

const count = (asked, pattern) => asked.filter((line) => pattern.test(line)).length;

/** Signs `who` in on a phone of their own, and gives what that phone keeps (the cookie). */
async function signedIn(who) {
  const { context, page } = await phone(browser(), { width: 360, height: 640 });
  await signIn(page, who);
  const state = await context.storageState();
  await context.close();
  return state;
}

test('a signed-in young person\'s journey is asked for while the app downloads, and once', async () => {
  // Sign in as Alex on one phone, then open My Journey afresh with that session.
  const { context, page, problems, asked } = await slowPhone(await signedIn(ALEX));
  await page.goto(`${BASE_URL}/`);
  const worker = page.getByRole('region', { name: 'Your worker' });
  await worker.getByText('Sam', { exact: false }).first().waitFor();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();

  const journey = /^GET \/api\/v1\/young-people\/[^/]+\/journey$/;
  const arrived = asked.indexOf('wasm arrived');
  assert.ok(arrived > 0, asked.join('\n'));
  // Until the app first writes (it tells the server when the young person has seen
  // something new in their plan, then reads the journey again, as it always has).
  const firstWrite = asked.findIndex((line) => line.startsWith('POST '));
  const opening = firstWrite === -1 ? [...asked] : asked.slice(0, firstWrite);
  for (const what of [/^GET \/api\/v1\/me$/, journey, /\/heard-back$/, /\/safety$/, /\/reviews$/]) {
    // Each asked for once, before the held-back wasm arrived: the app did not ask again.
    assert.equal(count(opening, what), 1, `${what}\n${asked.join('\n')}`);
    assert.ok(asked.findIndex((line) => what.test(line)) < arrived, `${what}\n${asked.join('\n')}`);
  }
  // The early answers are taken once: reading the journey again goes to the server.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  const journeys = count(asked, journey);
  const again = page.waitForRequest((request) => journey.test(`GET ${new URL(request.url()).pathname}`));
  await nav.getByRole('link', { name: 'My Journey' }).click();
  await again;
  await worker.getByText('Sam', { exact: false }).first().waitFor();
  assert.ok(count(asked, journey) > journeys, asked.join('\n'));
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('a young person this phone remembers has My Journey asked for beside "who is signed in", not after it', async () => {
  const { context, page, problems, asked } = await slowPhone(await signedIn(ALEX));
  // "Who is signed in" is slow to answer; what My Journey shows is asked for meanwhile.
  let answerMe;
  const meHeld = new Promise((resolve) => { answerMe = resolve; });
  await page.route('**/api/v1/me', async (route) => {
    await meHeld;
    await route.continue();
  });
  const journey = /^GET \/api\/v1\/young-people\/[^/]+\/journey$/;
  const journeyAsked = page.waitForRequest((request) => journey.test(`GET ${new URL(request.url()).pathname}`));
  await page.goto(`${BASE_URL}/`);
  await journeyAsked;
  assert.equal(count(asked, /^GET \/api\/v1\/me$/), 1, asked.join('\n'));
  answerMe();
  await page.getByRole('region', { name: 'Your worker' }).getByText('Sam', { exact: false }).first().waitFor();
  // Once each, all the same: the app took what was asked early.
  const firstWrite = asked.findIndex((line) => line.startsWith('POST '));
  const opening = firstWrite === -1 ? [...asked] : asked.slice(0, firstWrite);
  for (const what of [/^GET \/api\/v1\/me$/, journey, /\/heard-back$/, /\/safety$/, /\/reviews$/]) {
    assert.equal(count(opening, what), 1, `${what}\n${asked.join('\n')}`);
  }
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('signed out: one question about who is signed in, no journey, and the sign-in page', async () => {
  const { context, page, problems, asked } = await slowPhone(undefined);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(count(asked, /^GET \/api\/v1\/me$/), 1, asked.join('\n'));
  assert.equal(count(asked, /young-people/), 0, asked.join('\n'));
  assert.ok(asked.indexOf('GET /api/v1/me') < asked.indexOf('wasm arrived'), asked.join('\n'));
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('on another screen, only who is signed in and what the navigation counts are asked for early', async () => {
  const { context, page, problems, asked } = await slowPhone(await signedIn(ALEX));
  await page.goto(`${BASE_URL}/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  const arrived = asked.indexOf('wasm arrived');
  for (const what of [/^GET \/api\/v1\/me$/, /\/heard-back$/]) {
    assert.equal(count(asked, what), 1, `${what}\n${asked.join('\n')}`);
    assert.ok(asked.findIndex((line) => what.test(line)) < arrived, `${what}\n${asked.join('\n')}`);
  }
  assert.equal(count(asked, /\/(journey|safety|reviews)$/), 0, asked.join('\n'));
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('a phone that reads Welsh asks for the Welsh words while the app downloads, once', async () => {
  const { context, page, problems, asked } = await slowPhone({
    cookies: [],
    origins: [{ origin: BASE_URL, localStorage: [{ name: 'my-journey.language', value: '"cy"' }] }],
  });
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/words-cy-')) asked.push(`GET ${path}`);
  });
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  // (The first screen's sign-in page is in Welsh before the app is: wait for the app.)
  await page.locator('#first-screen').waitFor({ state: 'detached' });
  const words = /^GET \/words-cy-[0-9a-f]+\.json$/;
  assert.equal(count(asked, words), 1, asked.join('\n'));
  assert.ok(asked.findIndex((line) => words.test(line)) < asked.indexOf('wasm arrived'), asked.join('\n'));
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('opened straight at Feedback, its own files are fetched while the app downloads, once each', async () => {
  const { context, page, problems, asked } = await slowPhone(await signedIn(ALEX));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/(young-(split_|shared-)|screens-)/.test(path)) asked.push(`GET ${path}`);
  });
  // The files index.html lists for the screen (xtask/src/split.rs fills the list in).
  const html = await (await page.request.get(`${BASE_URL}/`)).text();
  const screens = JSON.parse(html.match(/<script type="application\/json" id="screens">([^<]*)<\/script>/)[1]);
  const files = screens.feedback ?? [];
  assert.ok(files.some((file) => file.includes('split_feedback')), JSON.stringify(screens));
  // And the screens' style sheet, which the screen waits for (xtask/src/screens_style.rs).
  assert.ok(files.some((file) => /^\/screens-[0-9a-f]+\.css$/.test(file)), JSON.stringify(screens));

  await page.goto(`${BASE_URL}/feedback`);
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.getByRole('group', { name: /listened to/ }).first().waitFor();
  const arrived = asked.indexOf('wasm arrived');
  assert.ok(arrived > 0, asked.join('\n'));
  for (const file of files) {
    // Asked for before the held-back main wasm arrived, and once: the app's own fetch of
    // it, once its code asks, takes the same answer.
    const lines = asked.filter((line) => line === `GET ${file}`);
    assert.equal(lines.length, 1, `${file}\n${asked.join('\n')}`);
    assert.ok(asked.indexOf(`GET ${file}`) < arrived, `${file}\n${asked.join('\n')}`);
  }
  assert.deepEqual(asked.filter((line) => /split_(?!feedback)/.test(line)), [], 'no other screen\'s own file');
  // "Who is signed in" first: the first screen and the app wait for it, and the screen's
  // files would otherwise take the browser's few connections ahead of it.
  const me = asked.indexOf('GET /api/v1/me');
  assert.ok(me >= 0 && files.every((file) => me < asked.indexOf(`GET ${file}`)), asked.join('\n'));
  // What the screen shows as it opens (what they said before, and their worker's name
  // for "who can see"): asked for before the wasm arrived, and not again.
  for (const what of [/^GET \/api\/v1\/young-people\/[^/]+\/feedback$/, /^GET \/api\/v1\/young-people\/[^/]+\/journey$/]) {
    assert.equal(count(asked, what), 1, `${what}\n${asked.join('\n')}`);
    assert.ok(asked.findIndex((line) => what.test(line)) < arrived, `${what}\n${asked.join('\n')}`);
  }
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('opened straight at Goals, their goals are asked for while the app downloads, once', async () => {
  const { context, page, problems, asked } = await slowPhone(await signedIn(ALEX));
  await page.goto(`${BASE_URL}/goals`);
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  // Drawn once the answer is in: the "add a goal" part under their goals.
  await page.locator('#add-title').waitFor();
  const arrived = asked.indexOf('wasm arrived');
  assert.ok(arrived > 0, asked.join('\n'));
  const goals = /^GET \/api\/v1\/young-people\/[^/]+\/goals$/;
  assert.equal(count(asked, goals), 1, asked.join('\n'));
  assert.ok(asked.findIndex((line) => goals.test(line)) < arrived, asked.join('\n'));
  assert.equal(count(asked, /\/(journey|safety|reviews|feedback)$/), 0, asked.join('\n'));
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('My Journey opens with nothing on it moving', async () => {
  // Someone new (so no other test has given them a safety flag whose card comes later):
  // Sam adds them and gets a code; they set up their account on their own phone.
  const name = `Kit${[...Date.now().toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('').slice(-4)}`;
  const staff = await phone(browser(), { width: 360, height: 640 });
  await signIn(staff.page, SAM);
  const added = await apiPost(staff.page, '/api/v1/young-people', { first_name: name });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const invite = await apiPost(staff.page, `/api/v1/young-people/${added.body.young_person_id}/invite`, {});
  assert.equal(invite.status, 201, JSON.stringify(invite.body));
  await staff.context.close();
  const own = await phone(browser(), { width: 360, height: 640 });
  await own.page.goto(`${BASE_URL}/help`);
  const made = await apiPost(own.page, '/api/v1/auth/sign-up', {
    invite_code: invite.body.code, username: name.toLowerCase(), password: 'a long pass phrase',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const state = await own.context.storageState();
  await own.context.close();

  // Every layout shift on the way to My Journey, on a phone whose signal is slow.
  const { context, page, problems } = await slowPhone(state);
  await context.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) {
        if (!shift.hadRecentInput) window.shifts.push(shift.sources.map((s) => s.node?.className ?? '?').join(', '));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.locator('nav.bottom-nav').waitFor();
  // Everything it asks for has come (nothing says "Getting…"), and a moment more.
  await page.waitForFunction(() => !document.querySelector('main [role="status"] .spinner, main .loading'));
  await page.waitForTimeout(1000);
  assert.deepEqual(await page.evaluate(() => window.shifts), []);
  // No plan written yet: the journey answers 404, which the page explains kindly.
  assert.deepEqual(realProblems(problems).filter((p) => !/status of 404\b/.test(p)), []);
  await context.close();
});
