// Browser tests: the first screen in index.html, painted before the app (the wasm) has
// loaded. With JavaScript off it is all there is: the app's name, Quick exit (a plain
// link that leaves) and 999. With JavaScript on it speaks the language and wears the look
// this phone chose, its Quick exit leaves as the app's does (replacing the page, a
// half-written concern gone, Escape twice too), and once the app is drawn nothing of it
// is left: one top bar, with Quick exit in the same place. The wasm is held back (the
// service worker blocked, so every request is seen) to keep the first screen in view.
// Nothing here is saved.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import {
  ALEX, AXE_TAGS, BASE_URL, SHOTS, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, signIn, useBrowser,
} from './phone.mjs';

const SMALL = { width: 360, height: 640 };
// Where the app's Quick exit goes (src/components/nav.rs, QUICK_EXIT_URL).
const NEUTRAL = 'https://www.bbc.co.uk/weather';

const browser = useBrowser();

/**
 * A 360×640 phone with no service worker (so the test sees, and can hold back, every
 * request), the neutral site standing in for the real one, and a list of problems.
 */
async function smallPhone(options = {}) {
  const context = await browser().newContext({
    viewport: SMALL,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    serviceWorkers: 'block',
    ...options,
  });
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 401 from GET /api/v1/me is how the app learns nobody is signed in yet.
    if (message.type() === 'error' && !/status of 401\b/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return { context, page, problems };
}

/** Holds the app's wasm back until `release()`, so the first screen stays. */
async function holdTheApp(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return release;
}

/**
 * From the page's start: each largest-contentful-paint the browser tells of
 * (`window.__seen.largest`, their times) and when the first screen went (`gone`).
 */
async function watchPaints(page) {
  await page.addInitScript(() => {
    window.__seen = { largest: [], was: false, gone: null };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__seen.largest.push(entry.startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new MutationObserver(() => {
      const there = document.getElementById('first-screen') !== null;
      if (there) window.__seen.was = true;
      else if (window.__seen.was && window.__seen.gone === null) window.__seen.gone = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
}

const firstScreen = (page) => page.locator('#first-screen');
const visibleText = (page) => page.locator('body').innerText();

/** Every string in a words file (crates/core/src/i18n/en.rs or cy.rs), as shown. */
function wordsOf(file) {
  const source = readFileSync(new URL(`../../crates/core/src/i18n/${file}`, import.meta.url), 'utf8');
  return [...source.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, text]) => text
    .replace(/\\u\{([0-9a-f]+)\}/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\(.)/g, '$1')
    .replaceAll('{phone}', '999'));
}

test('with JavaScript off: the name, 999 and a Quick exit link that leaves', async () => {
  const { context, page } = await smallPhone({ javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/`);
  const banner = page.getByRole('banner');
  const exit = banner.getByRole('link', { name: 'Quick exit', exact: true });
  assert.ok(await exit.isVisible());
  assert.equal(await exit.getAttribute('href'), NEUTRAL);
  assert.ok(await page.getByRole('main').getByRole('heading', { level: 1, name: 'My Journey' }).isVisible());
  // (Playwright's getByText passes over <noscript>, as if JavaScript were on.)
  assert.ok(await page.getByRole('paragraph')
    .filter({ hasText: 'My Journey needs JavaScript to be turned on in your browser.' }).isVisible());
  assert.ok(await page.getByText('If you are in danger now, call 999. It is free, from any phone.').isVisible());
  assert.equal(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  // Nothing is opening, and no Welsh is shown alongside the English.
  assert.doesNotMatch(await visibleText(page), /Opening|Gadael|perygl/);
  assert.equal(await page.getByRole('banner').count(), 1);
  assert.equal(await page.getByRole('main').count(), 1);
  await expectBigTapTargets(page, 2);
  await expectFitsWidth(page, SMALL.width, 'the first screen with JavaScript off');
  await page.screenshot({ path: `${SHOTS}/first-screen-no-js.png` });
  // axe-core itself needs JavaScript in the page, so it checks the same screen below with
  // JavaScript on (before the app loads).

  await exit.click();
  await page.waitForURL(NEUTRAL);
  assert.equal(await page.title(), 'Weather');
  await context.close();
});

test('before the app loads: the first screen, then the app in its place, Quick exit where it was', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/`);
  const exit = firstScreen(page).getByRole('banner').getByRole('link', { name: 'Quick exit', exact: true });
  await exit.waitFor();
  assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
  assert.equal(
    await exit.evaluate((link) => document.getElementById(link.getAttribute('aria-describedby')).innerText),
    'Leaves this app straight away and opens the BBC weather page. You can also press Escape twice.',
  );
  assert.ok(await page.getByRole('status').getByText('Opening My Journey…').isVisible());
  assert.ok(await page.getByText('If you are in danger now, call 999. It is free, from any phone.').isVisible());
  assert.doesNotMatch(await visibleText(page), /Gadael|perygl|JavaScript/);
  await expectBigTapTargets(page, 2);
  await expectFitsWidth(page, SMALL.width, 'the first screen');
  await page.screenshot({ path: `${SHOTS}/first-screen.png` });
  // Like the app's own "Opening…", it has no heading yet: the page's heading comes with
  // the screen that opens (and other tests wait for that heading as the sign it has).
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS)
    .disableRules(['page-has-heading-one']).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], 'axe-core on the first screen');
  const before = await exit.boundingBox();

  release();
  const appExit = page.getByRole('banner').getByRole('button', { name: 'Quick exit', exact: true });
  await appExit.waitFor();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(await firstScreen(page).count(), 0, 'nothing of the first screen is left');
  assert.equal(await page.getByRole('banner').count(), 1);
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.locator('.top-bar').count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Quick exit' }).count(), 0);
  assert.doesNotMatch(await visibleText(page), /Opening My Journey/);
  // Quick exit does not move when the app takes over.
  const after = await appExit.boundingBox();
  for (const side of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(after[side] - before[side]) <= 1, `Quick exit ${side}: ${before[side]} then ${after[side]}`);
  }
  await page.screenshot({ path: `${SHOTS}/first-screen-then-app.png` });
  await expectNoAxeViolations(page, 'My Journey after the first screen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('before the app loads, Quick exit leaves as the app\'s does: in place of the page, a concern draft gone', async () => {
  const { context, page, problems } = await smallPhone();
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  // A half-written concern and a half-written feedback, as the app keeps them.
  await page.evaluate(() => {
    const kept = (value) => JSON.stringify({ saved_at: Date.now(), value });
    localStorage.setItem('journey.draft.alex.concern', kept({ words: 'about the house' }));
    localStorage.setItem('journey.draft.alex.feedback', kept({ comment: 'fine' }));
  });
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/help`);
  const exit = firstScreen(page).getByRole('link', { name: 'Quick exit', exact: true });
  await exit.waitFor();
  const history = await page.evaluate(() => history.length);
  await exit.click();
  await page.waitForURL(NEUTRAL);
  // This page was replaced, not added to, so Back does not come back to it.
  assert.equal(await page.evaluate(() => history.length), history);

  await page.goto(`${BASE_URL}/help`);
  await exit.waitFor();
  assert.deepEqual(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journey.draft.'))),
    ['journey.draft.alex.feedback'],
    'only the concern went',
  );
  // Escape twice, as in the app.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL);
  release();
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Cymraeg, chosen on this phone before: the first screen is in Welsh before the app loads', async () => {
  const { context, page, problems } = await smallPhone();
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/`);
  const exit = firstScreen(page).getByRole('link', { name: 'Gadael nawr', exact: true });
  await exit.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.equal(
    await exit.evaluate((link) => document.getElementById(link.getAttribute('aria-describedby')).innerText),
    "Mae'n cau'r ap hwn ar unwaith ac yn agor tudalen tywydd y BBC. Gelli di hefyd bwyso Escape ddwywaith.",
  );
  assert.ok(await page.getByText('Yn agor My Journey…').isVisible());
  assert.ok(await page.getByText('Os wyt ti mewn perygl nawr, ffonia 999. Mae am ddim, o unrhyw ffôn.').isVisible());
  assert.equal(await page.getByRole('link', { name: 'Ffonio 999' }).getAttribute('href'), 'tel:999');
  assert.doesNotMatch(await visibleText(page), /Quick exit|Opening|danger|Call/);
  await expectFitsWidth(page, SMALL.width, 'the first screen in Welsh');
  await page.screenshot({ path: `${SHOTS}/first-screen-cy.png` });
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS)
    .disableRules(['page-has-heading-one']).analyze();
  assert.deepEqual(results.violations.map((v) => v.id), [], 'axe-core on the first screen in Welsh');

  release();
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  assert.equal(await firstScreen(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the larger text and high contrast chosen on this phone are on the first screen too', async () => {
  const { context, page, problems } = await smallPhone();
  await context.addInitScript(() => localStorage.setItem(
    'my-journey.settings', JSON.stringify({ text: 'largest', font: 'easier', contrast: 'high' })));
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/`);
  const exit = firstScreen(page).getByRole('link', { name: 'Quick exit', exact: true });
  await exit.waitFor();
  assert.deepEqual(
    await page.evaluate(() => ({ ...document.documentElement.dataset })),
    { text: 'largest', font: 'easier', contrast: 'high' },
  );
  await expectBigTapTargets(page, 2);
  await expectFitsWidth(page, SMALL.width, 'the first screen with the largest text');
  await page.screenshot({ path: `${SHOTS}/first-screen-largest.png` });
  release();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await firstScreen(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first screen\'s words are the app\'s own, in English and in Welsh', async () => {
  const { context, page } = await smallPhone({ javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/`);
  for (const [lang, file] of [['en-GB', 'en.rs'], ['cy', 'cy.rs']]) {
    const words = new Set(wordsOf(file));
    // (The language switch names each language in itself: "Cymraeg", "English".)
    const shown = await firstScreen(page).locator(`[lang="${lang}"]:not(.language-switch *)`).allTextContents();
    assert.ok(shown.length >= 5, `${shown.length} ${lang} phrases`);
    for (const phrase of shown) assert.ok(words.has(phrase), `"${phrase}" is not in ${file}`);
  }
  await context.close();
});

test('on /sign-in before the app loads: the sign-in form to type in, and pressing "Sign in" there signs in once the app is here', async () => {
  const { context, page, problems } = await smallPhone();
  const signIns = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/auth/sign-in') signIns.push(request);
  });
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/sign-in`);
  const screen = firstScreen(page);
  await screen.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
  assert.ok(await screen.getByText('Sign in to see your plan and the people who help you.').isVisible());
  // The sign-in page, not "Opening…"; 999 still there below it; no Welsh beside the English.
  assert.ok(!(await screen.getByRole('status').isVisible()));
  assert.ok(await screen.getByRole('link', { name: 'Call 999' }).isVisible());
  assert.doesNotMatch(await visibleText(page), /Opening|Mewngofnodi|Signing you in/);
  await expectBigTapTargets(page, 6);
  await expectFitsWidth(page, SMALL.width, 'the first screen on /sign-in');
  await expectNoAxeViolations(page, 'the first screen on /sign-in');
  await page.screenshot({ path: `${SHOTS}/first-screen-sign-in.png` });

  // (Each label holds both languages, one hidden: Playwright's getByLabel reads them
  // both, a screen reader only the one shown, so these find the boxes by their role.)
  await screen.getByRole('textbox', { name: 'Username', exact: true }).fill(ALEX.username);
  await screen.locator('input[type=password]').fill(ALEX.password);
  await screen.getByRole('button', { name: 'Sign in' }).click();
  await screen.getByRole('button', { name: 'Signing you in…' }).waitFor();
  assert.equal(signIns.length, 0, 'nothing is sent before the app is here');
  await page.screenshot({ path: `${SHOTS}/first-screen-sign-in-sent.png` });

  release();
  // The app sends it, once, and Alex is on My Journey.
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(signIns.length, 1);
  assert.deepEqual(JSON.parse(signIns[0].postData()), { username: ALEX.username, password: ALEX.password });
  assert.equal(await firstScreen(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /sign-in with the app here at once: the first screen is painted and timed before the app takes its place, and stays the largest paint', async () => {
  // Nothing held back: the app arrives in a moment, as on a fast connection. The browser
  // times a paint a little after it shows it; the app waits for that (first_screen::
  // painted) before it takes the first screen away. Before, it could take it away in
  // between, and the browser then counted the app's own sign-in page, painted later, as
  // the page's largest paint.
  const { context, page, problems } = await smallPhone();
  await watchPaints(page);
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.waitForFunction(() => window.__seen.gone !== null);
  assert.equal(await firstScreen(page).count(), 0);
  // Time for the browser to tell of any later paint.
  await page.waitForTimeout(500);
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.largest.length > 0, 'the browser told of a largest paint');
  assert.ok(seen.largest[0] < seen.gone,
    `the first screen was timed (${seen.largest[0]} ms) before it went (${seen.gone} ms)`);
  // The app's sign-in page is the same size, so the first screen's stays the largest.
  assert.ok(seen.largest.every((time) => time < seen.gone),
    `no later paint counted as larger: ${JSON.stringify(seen)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /, /feedback and /goals, for a young person who is signed in: the screen\'s heading and first words before the app, then the app\'s in the same place', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  const release = await holdTheApp(page);
  const screens = [
    ['/', 'My Journey', 'Tell us how you are, any time. You can skip it.'],
    ['/feedback', 'Feedback', 'How was your session? Tap a face for each question. You can skip any of them.'],
    ['/goals', 'Goals', 'The things you want to work on, in your own words.'],
  ];
  const before = {};
  for (const [path, heading, lead] of screens) {
    await page.goto(`${BASE_URL}${path}`);
    const screen = firstScreen(page);
    await screen.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
    // Only this screen's words: not the other screen's, not the sign-in page; still
    // opening, with Quick exit and 999.
    assert.equal(await screen.getByRole('heading', { level: 1 }).count(), 1);
    assert.ok(await screen.getByText(lead, { exact: true }).isVisible());
    assert.ok(await screen.getByRole('status').getByText('Opening My Journey…').isVisible());
    assert.ok(await screen.getByRole('banner').getByRole('link', { name: 'Quick exit', exact: true }).isVisible());
    assert.ok(await screen.getByRole('link', { name: 'Call 999' }).isVisible());
    assert.doesNotMatch(await visibleText(page), /Sign in|Username|Adborth|Nodau|Siwrnai/);
    await expectFitsWidth(page, SMALL.width, `the first screen on ${path}`);
    await expectNoAxeViolations(page, `the first screen on ${path}`);
    await expectBigTapTargets(page);
    await page.screenshot({ path: `${SHOTS}/first-screen${path === '/' ? '-journey' : path.replace('/', '-')}.png` });
    before[path] = await screen.locator('p', { hasText: lead }).boundingBox();
  }
  // On My Journey, "Check in" and "I don't feel safe" already, where the app puts them.
  const journeyButtons = async (scope) => Promise.all(["Check in", "I don't feel safe"]
    .map((name) => scope.getByRole('link', { name, exact: true }).boundingBox()));
  await page.goto(`${BASE_URL}/`);
  await firstScreen(page).getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  const buttonsBefore = await journeyButtons(firstScreen(page));
  assert.equal(await firstScreen(page).getByRole('link', { name: "I don't feel safe" }).getAttribute('href'), '/not-safe');
  assert.equal(await firstScreen(page).getByRole('link', { name: 'Check in' }).getAttribute('href'), '/how-im-doing');
  await page.goto(`${BASE_URL}/goals`);
  await firstScreen(page).getByRole('heading', { level: 1, name: 'Goals' }).waitFor();

  // The app, at Goals: its heading and first words where the first screen had them.
  release();
  await page.locator('#add-title').waitFor();
  assert.equal(await firstScreen(page).count(), 0);
  const main = page.getByRole('main');
  const sameBox = (what, was, now) => {
    for (const side of ['x', 'y', 'width', 'height']) {
      assert.ok(Math.abs(now[side] - was[side]) <= 1, `${what}, ${side}: ${was[side]} then ${now[side]}`);
    }
  };
  const same = async (path, lead) =>
    sameBox(`${path}'s first words`, before[path], await main.locator('p', { hasText: lead }).boundingBox());
  await same('/goals', screens[2][2]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('group', { name: 'Did you feel listened to?' }).waitFor();
  await same('/feedback', screens[1][2]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Journey' }).click();
  await main.getByRole('heading', { level: 2, name: 'How are you doing?' }).waitFor();
  await same('/', screens[0][2]);
  const buttonsAfter = await journeyButtons(main);
  buttonsBefore.forEach((was, i) => sameBox(`My Journey's button ${i + 1}`, was, buttonsAfter[i]));

  // Nobody remembered on this phone (its storage cleared), but still signed in: the
  // heading comes with the first frame if the server has said who is signed in by then
  // (here the style sheet, which the first frame waits for, is held until it has), still
  // before the app.
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const remembered = await page.evaluate(() => localStorage.getItem('journey.me'));
  await page.evaluate(() => localStorage.removeItem('journey.me'));
  let held = await holdTheApp(page);
  let meIn;
  const meAnswered = new Promise((resolve) => { meIn = resolve; });
  await page.route('**/api/v1/me', async (route) => {
    await route.fulfill({ response: await route.fetch() });
    meIn();
  });
  await page.route('**/*.css', async (route) => {
    await meAnswered;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  await page.goto(`${BASE_URL}/feedback`);
  await firstScreen(page).getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'nothing moved');
  held();
  await page.getByRole('group', { name: 'Did you feel listened to?' }).waitFor();
  await page.unroute('**/*.css');
  await page.unroute('**/api/v1/me');

  // The server's answer after the first frame (on /, /feedback and /goals): the heading
  // never comes, so "Opening…" and the 999 line never move down under someone reading
  // them; the app then opens at the screen as usual.
  for (const [path, heading] of screens) {
    // (The app remembers whoever it opened for; forgotten again each time.)
    await page.evaluate(() => localStorage.removeItem('journey.me'));
    held = await holdTheApp(page);
    await page.route('**/api/v1/me', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    const late = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/me');
    await page.goto(`${BASE_URL}${path}`);
    await late;
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.first), undefined, path);
    assert.equal(await firstScreen(page).getByRole('heading').count(), 0, path);
    assert.ok(await firstScreen(page).getByRole('status').getByText('Opening My Journey…').isVisible(), path);
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], `nothing moved on ${path}`);
    held();
    await page.getByRole('main').getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.unroute('**/api/v1/me');
  }

  // Remembered, but no longer signed in (the session ended): the heading goes once the
  // server says so, and nothing but "Opening…" is left before the sign-in page.
  await context.clearCookies();
  await page.evaluate((kept) => localStorage.setItem('journey.me', kept), remembered);
  held = await holdTheApp(page);
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/me');
  await page.goto(`${BASE_URL}/feedback`);
  assert.equal((await answered).status(), 401);
  await page.waitForFunction(() => !document.documentElement.dataset.first);
  assert.equal(await firstScreen(page).getByRole('heading').count(), 0);
  assert.ok(await firstScreen(page).getByRole('status').getByText('Opening My Journey…').isVisible());
  held();
  await page.getByRole('main').getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  // Nobody signed in and nobody remembered: never a screen's heading.
  await page.evaluate(() => localStorage.removeItem('journey.me'));
  held = await holdTheApp(page);
  const nobody = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/me');
  await page.goto(`${BASE_URL}/goals`);
  assert.equal((await nobody).status(), 401);
  await firstScreen(page).getByRole('status').getByText('Opening My Journey…').waitFor();
  assert.equal(await firstScreen(page).getByRole('heading').count(), 0);
  held();
  await page.getByRole('main').getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /feedback with the app here at once, for a young person who is signed in: the first screen\'s words are timed first and stay the largest paint', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  await watchPaints(page);
  await page.goto(`${BASE_URL}/feedback`);
  await page.getByRole('group', { name: 'Did you feel listened to?' }).waitFor();
  await page.waitForFunction(() => window.__seen.gone !== null);
  // Time for the browser to tell of any later paint.
  await page.waitForTimeout(500);
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.largest.length > 0, 'the browser told of a largest paint');
  // Nothing the app draws in view (the form, the faces) is larger than the first words
  // the first screen showed, which the app shows again at the same size.
  assert.ok(seen.largest.every((time) => time < seen.gone),
    `no later paint counted as larger: ${JSON.stringify(seen)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on / before the app loads: "I don\'t feel safe" on the first screen opens the app at that screen, with nothing sent yet', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  const release = await holdTheApp(page);
  const pages = [];
  const flags = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest()) pages.push(request.url());
    if (request.method() === 'POST' && /^\/api\/v1\/young-people\/[^/]+\/safety$/.test(new URL(request.url()).pathname)) flags.push(request.url());
  });
  await page.goto(`${BASE_URL}/`);
  const screen = firstScreen(page);
  await screen.getByRole('link', { name: "I don't feel safe", exact: true }).click();
  // The same page, not loaded again (the app's download carries on), at the screen's
  // address; the first words go, "Opening…", Quick exit and 999 stay.
  assert.equal(new URL(page.url()).pathname, '/not-safe');
  assert.equal(pages.length, 1, `one page load: ${pages}`);
  assert.equal(await screen.getByRole('heading').count(), 0);
  assert.ok(await screen.getByRole('status').getByText('Opening My Journey…').isVisible());
  // The keyboard (and a screen reader) goes to "Opening My Journey…", not lost with the card.
  assert.equal(await page.evaluate(() => document.activeElement.className), 'loading');
  assert.ok(await screen.getByRole('link', { name: 'Call 999' }).isVisible());
  assert.ok(await screen.getByRole('banner').getByRole('link', { name: 'Quick exit', exact: true }).isVisible());
  await page.screenshot({ path: `${SHOTS}/first-screen-not-safe-tapped.png` });
  // The app opens at "I don't feel safe", which says who will be told before anything goes.
  release();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: "I don't feel safe" }).waitFor();
  await main.getByRole('button', { name: 'Tell them now' }).waitFor();
  assert.equal(await firstScreen(page).count(), 0);
  // The keyboard goes on from "Opening…" (gone with the first screen) to the screen's heading.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "I don't feel safe");
  assert.equal(pages.length, 1);
  assert.deepEqual(flags, [], 'nothing is sent by the tap alone');
  // Back goes to My Journey.
  await page.goBack();
  await main.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on / as the app is drawn: the first screen stays, and answers a tap, until the app is on the page in one piece', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  // The app draws itself off the page a part a task (src/first_screen.rs, mount), the
  // next part asked for with a message the page sends itself (components/soon.rs); here
  // each such message takes 400 ms, as each task would on a very slow phone.
  await page.addInitScript(() => {
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (...args) {
      setTimeout(() => post.apply(this, args), 400);
    };
  });
  // The outbox asks whether staff are emailed about safety flags as the app is made.
  const started = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/health');
  await page.goto(`${BASE_URL}/`);
  await started;
  const screen = firstScreen(page);
  assert.ok(await screen.isVisible(), 'the first screen stays while the app is drawn');
  assert.equal(await page.locator('.frame').count(), 0, 'nothing of the app is on the page yet');
  assert.ok(await screen.getByRole('banner').getByRole('link', { name: 'Quick exit', exact: true }).isVisible());
  // A tap on the first screen meanwhile is followed: the app opens at that screen.
  await screen.getByRole('link', { name: "I don't feel safe", exact: true }).click();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: "I don't feel safe" }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/not-safe');
  assert.equal(await firstScreen(page).count(), 0);
  assert.equal(await page.locator('main').count(), 1, 'one main: the app\'s');
  assert.equal(await page.getByRole('banner').count(), 1, 'one top bar: the app\'s');
  // The link tapped goes with the first screen; the keyboard goes to the screen's heading.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.deepEqual(problems, []);
  await context.close();
});

// Two presses of Escape within a second leave (src/components/nav.rs). The phone's clock
// stands still in these two tests, so any two presses are "within a second" however long
// the app takes to take over, and only how the presses are counted decides.

test('on / as the app is drawn: Escape once on the first screen stays, and once more in the app leaves', async () => {
  const { context, page, problems } = await smallPhone();
  await signIn(page, ALEX);
  await page.clock.setFixedTime(new Date());
  // Each task of the app's first draw takes 400 ms (as in the test above), and the page
  // tells when the app's Quick exit starts listening for Escape, still off the page.
  await page.addInitScript(() => {
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (...args) {
      setTimeout(() => post.apply(this, args), 400);
    };
    const listen = window.addEventListener;
    window.addEventListener = function (type, ...rest) {
      if (type === 'keydown') window.__listening = true;
      return listen.call(this, type, ...rest);
    };
  });
  await page.goto(`${BASE_URL}/`);
  await page.waitForFunction(() => window.__listening === true);
  assert.ok(await firstScreen(page).isVisible(), 'the first screen is still there');
  // One press, heard by the first screen and by the app drawn off the page: it counts once.
  await page.keyboard.press('Escape');
  await firstScreen(page).waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).pathname, '/', 'one press did not leave');
  await page.getByRole('main').getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  // The second press, now in the app, leaves.
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /sign-in: Escape once on the first screen and once in the app leaves', async () => {
  const { context, page, problems } = await smallPhone();
  await page.clock.setFixedTime(new Date());
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/sign-in`);
  await firstScreen(page).getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.keyboard.press('Escape');
  release();
  await firstScreen(page).waitFor({ state: 'detached' });
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'one press did not leave');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /sign-in: Cymraeg tapped after the app has started, before it takes over, opens the app in Welsh', async () => {
  const { context, page, problems } = await smallPhone();
  // The app has read the language, its words and who is signed in when it waits for the
  // first screen's paint (window.__painted, src/first_screen.rs: painted); here that
  // wait lasts until the test says, and the page tells when the app (its wasm) asks.
  await page.addInitScript(() => {
    let painted;
    let open;
    const gate = new Promise((resolve) => { open = resolve; });
    window.__open = open;
    Object.defineProperty(window, '__painted', {
      configurable: true,
      set(value) { painted = value; },
      get() {
        if (/wasm-function/.test(new Error().stack)) {
          window.__asked = true;
          return Promise.all([painted, gate]);
        }
        return painted;
      },
    });
  });
  await page.goto(`${BASE_URL}/sign-in`);
  await page.waitForFunction(() => window.__asked === true);
  const screen = firstScreen(page);
  assert.ok(await screen.isVisible(), 'the first screen is still there');
  await screen.getByRole('button', { name: 'Cymraeg' }).click();
  await screen.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  await page.evaluate(() => window.__open());
  await firstScreen(page).waitFor({ state: 'detached' });
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  assert.ok(await main.getByRole('button', { name: 'Mewngofnodi' }).isVisible());
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.doesNotMatch(await visibleText(page), /Sign in|Username/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on /sign-in before the app loads: what was typed, the keyboard and the language stay when the app takes over', async () => {
  const { context, page, problems } = await smallPhone();
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/sign-in`);
  const screen = firstScreen(page);
  // The language switch works already: Welsh, remembered for the app.
  await screen.getByRole('button', { name: 'Cymraeg' }).click();
  await screen.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  assert.equal(await page.evaluate(() => localStorage.getItem('my-journey.language')), '"cy"');
  assert.doesNotMatch(await visibleText(page), /Sign in|Username|Cymraeg/);
  await expectNoAxeViolations(page, 'the first screen on /sign-in in Welsh');
  await page.screenshot({ path: `${SHOTS}/first-screen-sign-in-cy.png` });
  await screen.locator('input[type=password]').fill('half a pass');
  const typing = screen.getByRole('textbox', { name: 'Enw defnyddiwr', exact: true });
  await typing.fill('ale');
  await typing.focus();

  release();
  await firstScreen(page).waitFor({ state: 'detached' });
  const main = page.getByRole('main');
  await main.getByRole('button', { name: 'Mewngofnodi' }).waitFor();
  const username = main.getByLabel('Enw defnyddiwr', { exact: true });
  assert.equal(await username.inputValue(), 'ale');
  assert.equal(await main.getByLabel('Cyfrinair', { exact: true }).inputValue(), 'half a pass');
  // Still typing in the same field, at the end of what is there.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
  await page.keyboard.type('x');
  assert.equal(await username.inputValue(), 'alex');
  // Nothing was sent: "Sign in" was not pressed.
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.deepEqual(problems, []);
  await context.close();
});

test('if the app cannot be fetched as it opens, the first screen says so kindly, and Try again opens it', async () => {
  const { context, page, problems } = await smallPhone();
  let blocked = true;
  await page.route(/\/young-[0-9a-f]+_bg\.wasm$/, (route) => (blocked
    ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(`${BASE_URL}/sign-in`);
  const screen = firstScreen(page);
  const alert = screen.getByRole('alert');
  await alert.getByRole('heading', { name: "We couldn't show this right now" }).waitFor();
  await alert.getByText("We couldn't connect just now. Check your signal or Wi-Fi, then try again.").waitFor();
  // Nothing says it is opening; Quick exit and 999 are still there.
  assert.doesNotMatch(await visibleText(page), /Opening|Signing you in/);
  assert.ok(await screen.getByRole('banner').getByRole('link', { name: 'Quick exit', exact: true }).isVisible());
  assert.ok(await screen.getByRole('link', { name: 'Call 999' }).isVisible());
  await expectBigTapTargets(page, 3);
  await expectNoAxeViolations(page, 'the first screen when the app could not be fetched');
  await page.screenshot({ path: `${SHOTS}/first-screen-failed.png` });

  // The signal is back: Try again opens the app.
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await firstScreen(page).waitFor({ state: 'detached' });
  await page.getByRole('main').getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p)), []);
  await context.close();
});

test('on /sign-in before the app loads: a wrong password pressed there gets the app\'s usual kind answer', async () => {
  const { context, page, problems } = await smallPhone();
  const release = await holdTheApp(page);
  await page.goto(`${BASE_URL}/sign-in`);
  const screen = firstScreen(page);
  await screen.getByRole('textbox', { name: 'Username', exact: true }).fill(ALEX.username);
  await screen.locator('input[type=password]').fill('not the password');
  await screen.getByRole('button', { name: 'Sign in' }).click();
  release();
  await firstScreen(page).waitFor({ state: 'detached' });
  const main = page.getByRole('main');
  await main.getByRole('heading', { name: "We couldn't sign you in" }).waitFor();
  assert.equal(await main.getByLabel('Username', { exact: true }).inputValue(), ALEX.username);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.deepEqual(problems, []);
  await context.close();
});
