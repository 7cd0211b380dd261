// Browser tests: accessibility. axe-core (WCAG 2.0, 2.1 and 2.2 at A and AA, and its best
// practice) on every screen, for each role and signed out; again with larger text, the
// easier-to-read font and high contrast, and in Welsh; the settings page itself; the
// keyboard alone through the navigation, the 0 to 10 scale and the feedback faces; the
// names screen readers hear.
//
// Runs first (alphabetically) and only looks: it sends nothing, so the other test files
// find the demo data as the server made it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, MORGAN, SAM, SHOTS, expectBigTapTargets, expectCardsApart, expectFitsWidth,
  expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const SETTINGS_KEY = 'my-journey.settings';
const SMALL = { width: 360, height: 640 };

const browser = useBrowser();

/** Opens a screen and waits until its heading is there and nothing is still loading. */
async function open(page, path) {
  await page.goto(`${BASE_URL}${path}`);
  await settle(page);
}

async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main .loading').length === 0);
}

/** Every screen in `paths`, checked by axe, with a screenshot of each. */
async function checkScreens(page, paths, label) {
  for (const path of paths) {
    await open(page, path);
    await expectNoAxeViolations(page, `${label} ${path}`);
    await expectCardsApart(page, `${label} ${path}`);
    const name = `${label}${path.replaceAll('/', '-').replace(/-[0-9a-f-]{36}/, '-alex')}`;
    await page.screenshot({ path: `${SHOTS}/a11y-${name.replace(/-$/, '')}.png` });
  }
}

/** Chooses settings before the app starts, as a phone that had them remembered would. */
async function remember(context, settings) {
  await context.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    [SETTINGS_KEY, JSON.stringify(settings)],
  );
}

const YOUNG_PERSON_SCREENS = [
  '/', '/goals', '/feedback', '/help', '/help/tell-us', '/help/your-concerns', '/how-im-doing',
  '/not-safe', '/account', '/settings', '/no-such-page',
];
// The staff app, under /staff/.
const WORKER_SCREENS = [
  '/staff/', `/staff/young-people/${ALEX_ID}`, `/staff/young-people/${ALEX_ID}/plan`,
  `/staff/young-people/${ALEX_ID}/goals`, `/staff/young-people/${ALEX_ID}/feedback`, '/staff/safety',
  '/staff/help', '/staff/account', '/staff/settings', '/staff/no-such-page',
];
const MANAGER_SCREENS = ['/staff/', '/staff/concerns', '/staff/safety', '/staff/help', '/staff/account'];
const SIGNED_OUT_SCREENS = ['/sign-in', '/sign-up', '/help', '/settings'];

test('axe finds nothing on any of a young person\'s screens', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await checkScreens(page, YOUNG_PERSON_SCREENS, 'young-person');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds nothing on any of a worker\'s screens', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, SAM);
  await checkScreens(page, WORKER_SCREENS, 'worker');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds nothing on any of a manager\'s screens', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, MORGAN);
  await checkScreens(page, MANAGER_SCREENS, 'manager');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds nothing on the screens anyone can open signed out', async () => {
  const { context, page, problems } = await phone(browser());
  await checkScreens(page, SIGNED_OUT_SCREENS, 'signed-out');
  assert.deepEqual(problems, []);
  await context.close();
});

test('settings: text size, font and contrast change at once, are remembered, and survive signing out', async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  const fonts = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/fonts/')) fonts.push(request.url());
  });
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/account`);
  await page.getByRole('link', { name: /^Settings/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  const html = page.locator('html');

  // Proper radio groups, each named by its question.
  const textSize = page.getByRole('group', { name: 'Text size' });
  const font = page.getByRole('group', { name: 'Font' });
  const colours = page.getByRole('group', { name: 'Colours' });
  const language = page.getByRole('group', { name: 'Language' });
  assert.ok(await textSize.getByRole('radio', { name: 'Normal' }).isChecked());
  assert.ok(await font.getByRole('radio', { name: /^The usual font/ }).isChecked());
  assert.ok(await colours.getByRole('radio', { name: /^Usual colours/ }).isChecked());
  assert.ok(await language.getByRole('radio', { name: 'English' }).isChecked());
  await expectBigTapTargets(page, 9);

  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normalSize = await rootSize();

  await textSize.getByRole('radio', { name: 'Largest' }).check();
  assert.equal(await html.getAttribute('data-text'), 'largest');
  assert.ok((await rootSize()) >= normalSize * 1.4, 'the largest text is at least 40% bigger');

  // The font costs nothing until someone chooses it.
  assert.deepEqual(fonts, []);
  await font.getByRole('radio', { name: /easier/ }).check();
  assert.equal(await html.getAttribute('data-font'), 'easier');
  // The bundled font arrives and is used; nothing comes from anywhere else.
  await page.waitForFunction(() => document.fonts.check('16px Lexend'));
  assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /^"?Lexend/);
  assert.ok(fonts.some((url) => url.endsWith('/fonts/lexend-latin-400-normal.woff2')), fonts.join());

  await colours.getByRole('radio', { name: /^High contrast/ }).check();
  assert.equal(await html.getAttribute('data-contrast'), 'high');
  const ink = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.equal(ink, 'rgb(0, 0, 0)');

  await expectFitsWidth(page, SMALL.width, 'settings with the largest text');
  await expectNoAxeViolations(page, 'settings with every setting on');
  await page.screenshot({ path: `${SHOTS}/a11y-settings-all-on-360.png`, fullPage: true });

  // Remembered on this phone, and still there after a reload.
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY));
  assert.deepEqual(stored, { text: 'largest', font: 'easier', contrast: 'high' });
  await page.reload();
  await settle(page);
  assert.equal(await html.getAttribute('data-text'), 'largest');
  assert.ok(await page.getByRole('group', { name: 'Text size' }).getByRole('radio', { name: 'Largest' }).isChecked());

  // Signing out forgets personal things, not how the app looks.
  await page.goto(`${BASE_URL}/account`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForFunction(() => window.location.pathname === '/sign-in');
  assert.equal(await html.getAttribute('data-contrast'), 'high');
  assert.ok(await page.evaluate((key) => localStorage.getItem(key), SETTINGS_KEY));

  // Settings are there signed out too, from the sign-in page.
  await page.getByRole('link', { name: /^Settings/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByRole('group', { name: 'Text size' }).getByRole('radio', { name: 'Normal' }).check();
  assert.equal(await html.getAttribute('data-text'), 'normal');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a phone set to "more contrast" gets high contrast until Settings says otherwise', async () => {
  const { context, page, problems } = await phone(browser());
  await page.emulateMedia({ contrast: 'more' });
  await open(page, '/settings');
  const html = page.locator('html');
  assert.equal(await html.getAttribute('data-contrast'), 'high');
  const colours = page.getByRole('group', { name: 'Colours' });
  assert.ok(await colours.getByRole('radio', { name: /^High contrast/ }).isChecked());
  await colours.getByRole('radio', { name: /^Usual colours/ }).check();
  assert.equal(await html.getAttribute('data-contrast'), 'normal');
  await page.reload();
  await settle(page);
  assert.equal(await html.getAttribute('data-contrast'), 'normal');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with larger text, the easier font and high contrast, screens still fit a small phone and pass axe', async () => {
  for (const text of ['larger', 'largest']) {
    const { context, page, problems } = await phone(browser(), SMALL);
    await remember(context, { text, font: 'easier', contrast: 'high' });
    await signIn(page, ALEX);
    for (const path of ['/', '/goals', '/feedback', '/help', '/how-im-doing', '/account', '/settings']) {
      await open(page, path);
      assert.equal(await page.locator('html').getAttribute('data-text'), text);
      await expectFitsWidth(page, SMALL.width, `${path} with ${text} text`);
      await expectNoAxeViolations(page, `${path} with ${text} text, easier font, high contrast`);
      if (text === 'largest') {
        const name = path === '/' ? 'home' : path.slice(1);
        await page.screenshot({ path: `${SHOTS}/a11y-largest-${name}-360.png` });
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
  const { context, page, problems } = await phone(browser(), SMALL);
  await remember(context, { text: 'largest', font: 'easier', contrast: 'high' });
  await signIn(page, SAM);
  for (const path of ['/staff/', `/staff/young-people/${ALEX_ID}`, `/staff/young-people/${ALEX_ID}/plan`]) {
    await open(page, path);
    await expectFitsWidth(page, SMALL.width, `worker ${path} with the largest text`);
    await expectNoAxeViolations(page, `worker ${path} with the largest text`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Welsh: the young person\'s screens and the settings page pass axe', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.evaluate(() => localStorage.setItem('my-journey.language', JSON.stringify('cy')));
  for (const path of ['/', '/goals', '/help', '/settings']) {
    await open(page, path);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    await expectNoAxeViolations(page, `${path} in Welsh`);
  }
  await page.screenshot({ path: `${SHOTS}/a11y-settings-cy.png`, fullPage: true });
  // The settings page speaks Welsh; choosing English there changes the app at once.
  await page.getByRole('heading', { level: 1, name: 'Gosodiadau' }).waitFor();
  await page.getByRole('group', { name: 'Iaith' }).getByRole('radio', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');
  // The choice keeps the keyboard's place.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('value')), 'en');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tap on a link: a screen reader starts at the new screen\'s heading, with no ring drawn for a tap', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await settle(page);
  const focused = () => page.evaluate(() => ({
    tag: document.activeElement?.tagName,
    text: document.activeElement?.textContent.trim(),
    ring: document.activeElement?.matches(':focus-visible'),
  }));
  // Help, from the bottom navigation (Help's file is fetched as it is opened).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Help' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 });
  const help = await focused();
  assert.equal(help.text, await page.locator('main h1').textContent());
  assert.equal(help.ring, false, 'no focus ring drawn after a tap');
  // A link inside the screen: Tell us.
  await page.getByRole('main').getByRole('link', { name: /tell us/i }).first().click();
  await page.waitForURL(/\/help\/tell-us$/);
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1'
    && document.activeElement.closest('main') !== null, null, { timeout: 5000 });
  // Back and Forward too.
  await page.goBack();
  await page.waitForFunction((text) => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.trim() === text, help.text, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone: bottom navigation, the 0 to 10 scale, the feedback faces, quick exit', async () => {
  const { context, page, problems } = await phone(browser());
  // A goal Alex rated twice, only on this phone, so there is a chart to hear (nothing is sent).
  await page.route('**/api/v1/young-people/*/goals', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    const json = await response.json();
    json.goals.unshift({
      id: '0a11c0de-0000-4000-8000-000000000000', words: 'Go to football every week',
      what_will_help: null, agreed_by: 'young_person', set_on: '2026-10-01',
      status: 'working_on_it', closed_reason: null, typed_by: 'Alex', earlier_words: [],
      ratings: [{ on: '2026-10-01', rating: 2 }, { on: '2026-10-15', rating: 6 }],
    });
    return route.fulfill({ response, json });
  });
  await signIn(page, ALEX);
  await settle(page);

  // Screen readers hear a named navigation, with the screen they are on marked.
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'My Journey' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Goals' }).getAttribute('aria-current'), null);

  // Tab until Goals in the bottom navigation has the focus, then Enter.
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return { text: el?.innerText?.trim() ?? '', inNav: !!el?.closest('nav.bottom-nav'), tag: el?.tagName };
  });
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    const now = await focused();
    found = now.inNav && now.text === 'Goals';
  }
  assert.ok(found, 'Tab reaches Goals in the bottom navigation');
  // The focus can be seen.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // Shift+Tab goes back to My Journey, Tab forward again.
  await page.keyboard.press('Shift+Tab');
  // (Its first line: answers not yet looked at are counted beside it, "1, 1 new answer".)
  assert.equal((await focused()).text.split('\n')[0], 'My Journey');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.location.pathname === '/goals');
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Goals' }).getAttribute('aria-current'), 'page');
  // The keyboard and a screen reader start at the new screen's heading, as on a new page
  // (not left on the link), and the focus can be seen there.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.trim() === 'Goals', null, { timeout: 5000 });
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none');
  // Back: My Journey's heading.
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1'
    && document.activeElement.textContent.trim() === 'My Journey', null, { timeout: 5000 });
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();

  // A progress chart is a picture with its story in words for screen readers.
  const chart = page.getByRole('img', { name: 'From 2 to 6 over 2 sessions.' });
  await chart.waitFor();
  assert.equal(await chart.evaluate((el) => el.tagName), 'svg');

  // The 0 to 10 scale: a radio group; arrow keys move along it, each number has a name.
  await page.getByRole('button', { name: 'Rate my goals' }).focus();
  await page.keyboard.press('Enter');
  const scale = page.locator('fieldset.rating').first();
  await scale.waitFor();
  assert.equal(await scale.getByRole('radio').count(), 12);
  assert.equal(await scale.getByRole('radio', { name: /^0\s?, Not close at all$/ }).count(), 1);
  assert.equal(await scale.getByRole('radio', { name: /^10\s?, I got there$/ }).count(), 1);
  assert.equal(await scale.getByRole('radio', { name: '3', exact: true }).count(), 1);
  const point = (n) => scale.locator(`input[value="${n}"]`);
  await point(0).focus();
  await page.keyboard.press('Space');
  assert.ok(await point(0).isChecked());
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.ok(await point(2).isChecked());
  await page.keyboard.press('ArrowLeft');
  assert.ok(await point(1).isChecked());

  // The feedback faces: a radio group per question; arrow keys choose, each face named.
  await open(page, '/feedback');
  const faces = page.getByRole('group', { name: 'Did you feel listened to?' });
  await faces.waitFor();
  const radios = faces.getByRole('radio');
  const count = await radios.count();
  assert.ok(count >= 5, `${count} faces`);
  assert.equal(await faces.getByRole('radio', { name: '5 of 5: Yes, a lot' }).count(), 1);
  await radios.first().focus();
  await page.keyboard.press('Space');
  assert.ok(await radios.first().isChecked());
  await page.keyboard.press('ArrowRight');
  assert.ok(await radios.nth(1).isChecked());

  // "How are you today?": faces with words, the same way.
  await open(page, '/how-im-doing');
  const moods = page.getByRole('group', { name: 'How are you today?' });
  await moods.getByRole('radio', { name: 'OK', exact: true }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.ok(await moods.getByRole('radio', { name: 'Good', exact: true }).isChecked());

  // Quick exit is the first thing the keyboard reaches on a young person's screen.
  await open(page, '/');
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const first = await focused();
  if (first.text !== 'Quick exit') {
    // A "skip to content" link may come first; quick exit follows it.
    await page.keyboard.press('Tab');
  }
  assert.equal((await focused()).text, 'Quick exit');
  assert.deepEqual(problems, []);
  await context.close();
});
