// Browser tests: a young person's screens in Debian's Chromium at phone size (390×844,
// touch). `cargo xtask test` starts the server with the demo data and sets BASE_URL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth, expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const browser = useBrowser();

test('a young person signs in and reads their own plan on My Journey', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();

  // The plan the API gives Alex, read with Alex's own session.
  const me = await apiGet(page, '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.role, 'young_person');
  const api = await apiGet(page, `/api/v1/young-people/${me.body.young_person_id}/journey`);
  assert.equal(api.status, 200);
  const journey = api.body;

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

  // The current tab is marked for screen readers, and the account is one tap away.
  // (Its word: answers not yet looked at are counted beside it, see heard-back.test.mjs.)
  const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"] > span').first();
  assert.equal((await current.innerText()).trim(), 'My Journey');
  assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Account' }).isVisible());

  await page.screenshot({ path: `${SHOTS}/journey.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/journey-first-screen.png` });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('someone not signed in is sent to sign in, and Help stays open to them', async () => {
  const { context, page, problems } = await phone(browser());
  for (const path of ['/', '/goals', '/account', '/young-people/5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f']) {
    await page.goto(`${BASE_URL}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/sign-in', `${path} goes to sign in`);
  }
  // No navigation before signing in, and nothing of anyone's plan.
  assert.equal(await page.getByRole('navigation').count(), 0);
  assert.doesNotMatch(await page.locator('main').innerText(), /Hi Alex/);
  await page.screenshot({ path: `${SHOTS}/sign-in.png`, fullPage: true });
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Need help now?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  // How to complain is open to them too, but raising a concern needs an account.
  await page.getByRole('heading', { name: "It's OK to complain" }).waitFor();
  assert.equal(await page.getByRole('link', { name: "Tell us something's wrong" }).count(), 0);
  // Quick exit is there for them too, on Help.
  assert.ok(await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).isVisible());
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Go to sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the session has ended, the app kindly asks to sign in again', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('region', { name: 'Why you have a plan' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  // The session ends (as after a long time away); the next request finds out.
  await context.clearCookies();
  await nav.getByRole('link', { name: 'My Journey' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByText('You were signed out to keep your account safe.', { exact: false }).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Why you have a plan/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the bottom navigation reaches each tab, and marks the one you are on', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [tab, path] of [['Goals', '/goals'], ['Feedback', '/feedback'], ['Help', '/help']]) {
    await nav.getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { level: 1, name: tab }).waitFor();
    assert.equal(new URL(page.url()).pathname, path);
    if (tab === 'Goals') {
      await page.getByRole('heading', { level: 2, name: 'Working on it' }).waitFor();
    } else if (tab === 'Feedback') {
      await page.getByRole('group', { name: 'Overall, how was it?' }).waitFor();
    } else if (tab === 'Help') {
      // Help is built: how to complain, and a way to tell us something's wrong.
      await page.getByRole('heading', { name: "It's OK to complain" }).waitFor();
    }
    // Every tab is built: nothing says "coming soon" any more.
    assert.equal(await page.getByRole('heading', { name: 'Coming soon' }).count(), 0);
    assert.equal(
      (await nav.locator('[aria-current="page"] > span').first().innerText()).trim(), tab,
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
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
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
  const { context, page } = await phone(browser());
  let failNext = true;
  await page.route('**/api/v1/young-people/*/journey', async (route) => {
    if (failNext) {
      failNext = false;
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await signIn(page, ALEX);
  const alert = page.getByRole('alert');
  await alert.getByText("We couldn't connect just now.", { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/journey-offline.png` });
  await expectNoAxeViolations(page);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('region', { name: 'Why you have a plan' }).waitFor();
  await context.close();
});

test('tap targets are at least 44 by 44 pixels', async () => {
  const { context, page } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('region', { name: 'Your worker' }).waitFor();
  await expectBigTapTargets(page, 7);
  await page.getByRole('banner').getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await expectBigTapTargets(page, 7);
  await context.close();
});

test('on a small phone (360×640) nothing spills off the side of the screen', async () => {
  const { context, page } = await phone(browser(), { width: 360, height: 640 });
  for (const path of ['/sign-in', '/sign-up']) {
    await page.goto(`${BASE_URL}${path}`);
    await page.locator('main form').waitFor();
    await expectFitsWidth(page, 360, path);
  }
  await page.screenshot({ path: `${SHOTS}/sign-up-360.png` });
  await signIn(page, ALEX);
  for (const path of ['/', '/goals', '/feedback', '/help', '/account']) {
    await page.goto(`${BASE_URL}${path}`);
    // (The first screen's headings come first and wait hidden; the screen's own is the
    // first shown once the app is here, as in a11y.test.mjs.)
    await page.locator('main h1').first().waitFor();
    if (path === '/') await page.getByRole('region', { name: 'The steps' }).waitFor();
    await expectFitsWidth(page, 360, path);
  }
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('region', { name: 'Your worker' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/journey-360.png` });
  await context.close();
});

test('just before a meeting, My Journey offers a check-in under its buttons, which never move', async () => {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  await signIn(page, ALEX);
  const me = (await apiGet(page, '/api/v1/me')).body;
  const journeyAddress = `/api/v1/young-people/${me.young_person_id}/journey`;
  const meeting = (await apiGet(page, journeyAddress)).body.worker.next_meeting;
  // The phone's clock says it is the day before the meeting, at noon.
  const dayBefore = new Date(`${meeting}T12:00:00`);
  dayBefore.setDate(dayBefore.getDate() - 1);
  await page.clock.setFixedTime(dayBefore);

  // The journey, which says when the meeting is, comes after the page is drawn (a slow
  // signal): until then the card says a check-in can be done any time.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(`**${journeyAddress}`, async (route) => { await held; await route.continue(); });
  await page.goto(`${BASE_URL}/`);
  const card = page.getByRole('region', { name: 'How are you doing?' });
  const notSafe = card.getByRole('link', { name: "I don't feel safe" });
  await notSafe.waitFor();
  await card.getByText('Tell us how you are, any time. You can skip it.').waitFor();
  // The app's card, not the first screen's (the same words, in the same place, until the
  // app is on the page: src/first_screen.rs).
  await page.locator('#first-screen').waitFor({ state: 'detached' });
  const before = await notSafe.boundingBox();
  release();
  await card.getByText('You see Sam tomorrow. Would you like to say how you are first? It can help you both.').waitFor();
  assert.deepEqual(await notSafe.boundingBox(), before, '"I don\'t feel safe" moved when the journey came');
  await card.getByRole('link', { name: 'Check in' }).waitFor();
  await expectFitsWidth(page, 360, 'the check-in card before a meeting');
  await card.screenshot({ path: `${SHOTS}/journey-check-in-before-meeting.png` });
  assert.deepEqual(problems, []);
  await context.close();
});
