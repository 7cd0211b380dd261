// Browser tests at 360×640: "I don't feel safe" and a check-in sent with no signal are
// never lost. The page says plainly that the flag has NOT been sent yet, with 999 and
// Childline; the flag waits on the phone and goes by itself once the phone can reach the
// server: through the service worker's Background Sync with the app closed, or when the app
// opens again, or at once if the page is still open. Alex is then told it has gone.
// Signing out with an unsent flag asks first and keeps it. Every flag raised here is
// closed here (as Sam), so other test files start clean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, apiPost, expectFitsWidth, expectNoAxeViolations, launchBrowser,
  phone, realProblems, signIn, waitForServiceWorker,
  couldntConnect, hangFirstAnswer,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const SMALL = { width: 360, height: 640 };
const RUN = Date.now();
const CLOSED_WORDS = `On the bus with no signal, scared of going home (${RUN}).`;
const OPEN_WORDS = `In the park, phone says no signal (${RUN}).`;
const SIGN_OUT_WORDS = `Server down, still not safe (${RUN}).`;
const CHECK_IN_WORDS = `Checked in on the train, no signal (${RUN}).`;
const LEFT_WORDS = `Sent it, then went back before it said anything (${RUN}).`;
const EXIT_WORDS = `Pressed Quick exit straight after (${RUN}).`;
const CLOSED_APP_WORDS = `Closed the app before it said anything (${RUN}).`;
const HUNG_WORDS = `One bar of signal, and it just kept saying sending (${RUN}).`;

let browser;
let sam;

before(async () => {
  browser = await launchBrowser();
  sam = await phone(browser);
  await signIn(sam.page, SAM);
});

after(async () => {
  // Whatever happened above, leave no flag open for the other test files.
  if (sam) {
    await closeOpenFlags();
    await sam.context.close();
  }
  await browser?.close();
});

/** Sam's open safety flags, as the API gives them. */
async function openFlags() {
  const { status, body } = await apiGet(sam.page, '/api/v1/safety');
  assert.equal(status, 200);
  return body;
}

/** Waits (polling as Sam, nobody tapping anything) until a flag with these words is open. */
async function flagReachesSam(words) {
  for (let i = 0; i < 100; i++) {
    const found = (await openFlags()).filter((f) => f.words === words);
    if (found.length > 0) return found;
    await sam.page.waitForTimeout(300);
  }
  assert.fail(`no flag with "${words}" reached Sam`);
}

async function closeOpenFlags() {
  for (const flag of await openFlags()) {
    const { status } = await apiPost(sam.page, `/api/v1/safety/${flag.id}/actions`, {
      words: 'Phoned Alex; they are safe with their aunt. (Test clean-up.)',
    });
    assert.equal(status, 200);
  }
  assert.deepEqual(await openFlags(), []);
}

/** The service worker's copies of what waits to send, by path. */
async function workerCopies(page) {
  return page.evaluate(async () => {
    const cache = await caches.open('my-journey-outbox');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
}

async function keptKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journey.')));
}

/** Opens "I don't feel safe" and waits for the worker's name. */
async function sayNotSafe(page) {
  await page.goto(`${BASE_URL}/not-safe`);
  const main = page.locator('main');
  await main.locator('.who-can-see', { hasText: 'Sam' }).waitFor();
  return main;
}

async function tellThemNow(page, words) {
  const main = page.locator('main');
  await main.getByLabel('Want to say more? (you can leave this empty)').fill(words);
  await main.getByRole('button', { name: 'Tell them now' }).click();
}

/** The plain "not sent yet" card, first on the page, with what to do now. */
async function expectNotSentCard(page) {
  const main = page.locator('main');
  const card = main.getByRole('alert').filter({ hasText: 'This has NOT been sent yet' });
  await card.getByRole('heading', { name: 'This has NOT been sent yet' }).waitFor();
  await card.getByText('Nobody has been told yet.').waitFor();
  await card.getByText('If you are in danger now, call 999.').waitFor();
  assert.equal(await card.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  await card.getByText('call Childline free on 0800 1111').waitFor();
  assert.equal(
    await card.getByRole('link', { name: 'Call Childline: 0800 1111' }).getAttribute('href'),
    'tel:08001111',
  );
  // Nothing else says "told".
  assert.equal(await main.getByRole('heading', { name: "We've told them" }).count(), 0);
  // First thing under the page's heading.
  const cardBox = await card.boundingBox();
  assert.ok(cardBox.y < 640, 'the card is on the first screen');
  return card;
}

async function howStaffHear(page) {
  const email = (await apiGet(page, '/api/v1/health')).body.safety_email === 'on';
  return email ? 'in the app and get an email' : 'in the app';
}

test('with no signal, the flag is NOT sent yet; with the app closed, Background Sync sends it and Alex is told', async () => {
  const { context, page, problems } = await phone(browser, SMALL);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  const how = await howStaffHear(page);
  await sayNotSafe(page);

  await context.setOffline(true);
  await tellThemNow(page, CLOSED_WORDS);
  await expectNotSentCard(page);
  await expectFitsWidth(page, 360, 'the not-sent card');
  await page.screenshot({ path: `${SHOTS}/offline-safety-not-sent-360.png` });
  await expectNoAxeViolations(page, 'the not-sent card');
  // Kept on the phone, and a copy the service worker can read.
  assert.ok((await keptKeys(page)).includes('journey.safety.alex'));
  await page.waitForFunction(async () => {
    const cache = await caches.open('my-journey-outbox');
    return (await cache.keys()).some((r) => new URL(r.url).pathname.startsWith('/outbox/kept/'));
  });
  // Another screen says it too, in red, with the way back to what to do.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Journey' }).click();
  await page.getByRole('alert').filter({ hasText: '“I don\'t feel safe” has NOT been sent yet.' }).waitFor();
  assert.equal(await openFlags().then((f) => f.filter((x) => x.words === CLOSED_WORDS).length), 0);

  // The app is closed. The signal comes back; the browser wakes the service worker for
  // its Background Sync (done here through DevTools, as Chromium does when it sees the
  // network) and nobody taps anything.
  await page.close();
  await context.setOffline(false);
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registrations = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(BASE_URL) && !r.isDeleted);
      if (ours) resolve(ours);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registration = await registrations;
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: new URL(BASE_URL).origin,
    registrationId: registration.registrationId,
    tag: 'journey-outbox',
    lastChance: false,
  });
  const [flag] = await flagReachesSam(CLOSED_WORDS);
  assert.equal(flag.first_name, 'Alex');
  await blank.close();

  // Alex opens the app again: told that it has gone, and how Sam and their manager hear.
  const again = await context.newPage();
  again.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await again.goto(`${BASE_URL}/`);
  const gone = again.getByRole('status').filter({ hasText: 'Sent: you told us you don\'t feel safe' });
  await gone.getByText(
    `Your worker Sam and their manager have been told that you don't feel safe. They will see it ${how}.`,
    { exact: true },
  ).waitFor();
  assert.equal(await again.locator('.not-sent-banner').count(), 0);
  await expectFitsWidth(again, 360, 'the sent notice');
  await again.screenshot({ path: `${SHOTS}/offline-safety-told-360.png` });
  await expectNoAxeViolations(again, 'the sent notice');
  await gone.getByRole('button', { name: 'OK' }).click();
  await gone.waitFor({ state: 'detached' });
  // Nothing of it is left on the phone, and it was raised once.
  assert.ok(!(await keptKeys(again)).includes('journey.safety.alex'));
  assert.deepEqual(await workerCopies(again), []);
  assert.equal((await openFlags()).filter((f) => f.words === CLOSED_WORDS).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
  await closeOpenFlags();
});

test('a check-in and a flag sent with no signal go by themselves when the signal is back, and the open page says so', async () => {
  const { context, page, problems } = await phone(browser, SMALL);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  const how = await howStaffHear(page);
  await page.goto(`${BASE_URL}/how-im-doing`);
  const main = page.locator('main');
  await main.getByRole('button', { name: 'Send' }).waitFor();

  await context.setOffline(true);
  await main.getByRole('radio', { name: 'Not great' }).check();
  await main.getByLabel('Want to say more? (you can leave this empty)').fill(CHECK_IN_WORDS);
  await main.getByRole('button', { name: 'Send' }).click();
  await main.getByText("Thank you. It's saved on this phone.", { exact: false }).waitFor();
  await main.getByRole('link', { name: "I don't feel safe" }).first().click();
  await main.locator('.who-can-see', { hasText: 'Sam' }).waitFor();
  await tellThemNow(page, OPEN_WORDS);
  await expectNotSentCard(page);
  assert.equal(await page.locator('#outbox summary').innerText(), '2 things waiting to send');

  // The signal comes back with the page open: sent by itself, safety flag first, and the
  // page changes to say so.
  await context.setOffline(false);
  await main.getByRole('heading', { name: "We've told them" }).waitFor({ timeout: 30_000 });
  await main.getByText(
    `Your worker Sam and their manager have been told that you don't feel safe. They will see it ${how}.`,
    { exact: true },
  ).waitFor();
  assert.ok(await main.getByRole('link', { name: 'Call 999' }).isVisible());
  await page.screenshot({ path: `${SHOTS}/offline-safety-told-on-page-360.png` });
  await flagReachesSam(OPEN_WORDS);
  await page.locator('#outbox').waitFor({ state: 'detached', timeout: 30_000 });
  const checkIns = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/check-ins`)).body;
  assert.equal(checkIns.filter((c) => c.words === CHECK_IN_WORDS && c.mood === 'low').length, 1);
  assert.equal((await openFlags()).filter((f) => f.words === OPEN_WORDS).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
  await closeOpenFlags();
});

/**
 * Holds Alex's "I don't feel safe" on its way (a signal so bad nothing comes back) until
 * `cut()`, which then loses it as a dropped signal would. Other requests go as usual.
 */
async function holdTheFlag(page) {
  let cut;
  const lost = new Promise((resolve) => { cut = resolve; });
  let aborted;
  const gone = new Promise((resolve) => { aborted = resolve; });
  let seen = 0;
  await page.route(/\/api\/v1\/young-people\/[^/]+\/safety$/, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    seen += 1;
    await lost;
    // (Already cancelled if the page has gone.)
    await route.abort('internetdisconnected').catch(() => {});
    aborted();
  });
  return {
    cut: async () => {
      cut();
      await gone;
    },
    seen: () => seen,
  };
}

test('an answer that never comes: Alex is soon told it has NOT been sent yet, with 999, and it goes by itself', async () => {
  // No service worker, so what sends it again is the page (the worker's Background Sync
  // would send it at once, past this test's hold on the page's requests).
  const { page, problems } = await phone(browser, SMALL, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  const how = await howStaffHear(page);
  const main = await sayNotSafe(page);
  // The first try is never answered (a signal that hangs: the browser itself would wait
  // minutes); the tries after it go.
  let tries = 0;
  await page.route(/\/api\/v1\/young-people\/[^/]+\/safety$/, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    tries += 1;
    if (tries > 1) return route.continue();
  });
  await tellThemNow(page, HUNG_WORDS);
  await main.getByRole('button', { name: 'Sending…' }).waitFor();
  // Given up on after 15 seconds: the plain card, with 999 and Childline, not "Sending…".
  await expectNotSentCard(page);
  assert.equal(tries, 1);
  await page.screenshot({ path: `${SHOTS}/offline-safety-hung-360.png` });
  // Then sent again by itself, once, and the page says so.
  await flagReachesSam(HUNG_WORDS);
  assert.equal(tries, 2);
  await main.getByRole('heading', { name: "We've told them" }).waitFor({ timeout: 30_000 });
  await main.getByText(
    `Your worker Sam and their manager have been told that you don't feel safe. They will see it ${how}.`,
    { exact: true },
  ).waitFor();
  assert.equal((await openFlags()).filter((f) => f.words === HUNG_WORDS).length, 1);
  await page.unroute(/\/api\/v1\/young-people\/[^/]+\/safety$/);
  assert.deepEqual(realProblems(problems), []);
  await closeOpenFlags();
});

test('leaving the page while "I don\'t feel safe" is on its way does not lose it: it waits, then goes by itself', async () => {
  const { page, problems } = await phone(browser, SMALL);
  await signIn(page, ALEX);
  const main = await sayNotSafe(page);
  const held = await holdTheFlag(page);
  await tellThemNow(page, LEFT_WORDS);
  await main.getByRole('button', { name: 'Sending…' }).waitFor();
  assert.equal(held.seen(), 1);
  // Nothing came back yet; Alex goes to My Journey, and then the signal drops.
  await page.locator('nav').getByRole('link', { name: 'My Journey' }).click();
  await main.getByRole('heading', { name: 'My Journey' }).waitFor();
  await held.cut();
  await page.unroute(/\/api\/v1\/young-people\/[^/]+\/safety$/);
  // It reaches Sam by itself, once, and Alex is told so.
  await flagReachesSam(LEFT_WORDS);
  await page.getByRole('heading', { name: "Sent: you told us you don't feel safe" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  assert.equal((await openFlags()).filter((f) => f.words === LEFT_WORDS).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await closeOpenFlags();
});

test('Quick exit while "I don\'t feel safe" is on its way does not lose it: it goes when the app is opened again', async () => {
  const { context, page } = await phone(browser, SMALL);
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  await signIn(page, ALEX);
  const main = await sayNotSafe(page);
  const held = await holdTheFlag(page);
  await tellThemNow(page, EXIT_WORDS);
  await main.getByRole('button', { name: 'Sending…' }).waitFor();
  // Quick exit: the app is gone at once, with the flag still on its way.
  await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('https://www.bbc.co.uk/**');
  await held.cut();
  await page.unroute(/\/api\/v1\/young-people\/[^/]+\/safety$/);
  // However it goes (the service worker's copy, or the app opened again), it reaches Sam.
  await page.goto(`${BASE_URL}/`);
  await flagReachesSam(EXIT_WORDS);
  await page.waitForTimeout(1000);
  assert.equal((await openFlags()).filter((f) => f.words === EXIT_WORDS).length, 1);
  await context.close();
  await closeOpenFlags();
});

test('closing the app while "I don\'t feel safe" is on its way does not lose it: it goes by itself', async () => {
  const { context, page } = await phone(browser, SMALL);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  await sayNotSafe(page);
  const main = page.locator('main');
  await holdTheFlag(page);
  await tellThemNow(page, CLOSED_APP_WORDS);
  await main.getByRole('button', { name: 'Sending…' }).waitFor();
  // The phone closes the app (swiped away, the battery died) with nothing come back.
  await page.close();
  // It reaches Sam by itself (the service worker's copy), or when the app opens again.
  const again = await context.newPage();
  await again.goto(`${BASE_URL}/`);
  await flagReachesSam(CLOSED_APP_WORDS);
  await again.waitForTimeout(1000);
  assert.equal((await openFlags()).filter((f) => f.words === CLOSED_APP_WORDS).length, 1);
  await context.close();
  await closeOpenFlags();
});

test('with no Background Sync, the flag goes the next time the app opens', async () => {
  // No service worker at all (as in a browser without one), so only the app can send it.
  const context = await browser.newContext({
    viewport: SMALL, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await signIn(page, ALEX);
  await sayNotSafe(page);
  // The server cannot take it just now (5xx): the same as no signal.
  await page.route('**/api/v1/young-people/*/safety', (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 503, body: '' }) : route.continue(),
  );
  await tellThemNow(page, SIGN_OUT_WORDS);
  const card = await expectNotSentCard(page);
  // This browser cannot send with the app closed, and the card says what to do instead.
  await card.getByText('If you close the app, open it again when you have signal.').waitFor();

  // "This phone is shared" keeps it until it is sent.
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByLabel("This phone is shared: don't keep anything on it").check();
  assert.deepEqual((await keptKeys(page)).sort(), ['journey.safety.alex', 'journey.shared-phone']);

  // Signing out asks first, kindly, and "stay" stays.
  const signOut = page.getByRole('region', { name: 'Signing out' });
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  const ask = signOut.getByRole('alert');
  await ask.getByRole('heading', { name: 'Before you sign out' }).waitFor();
  await ask.getByText('it has not been sent yet', { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/offline-safety-sign-out-ask-360.png`, fullPage: true });
  await expectNoAxeViolations(page, 'the sign-out question');
  await ask.getByRole('button', { name: 'Stay signed in' }).click();
  await ask.waitFor({ state: 'detached' });
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await signOut.getByRole('button', { name: 'Sign out anyway' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  // Kept, though everything else went.
  assert.deepEqual((await keptKeys(page)).sort(), ['journey.safety.alex', 'journey.shared-phone']);
  assert.equal((await openFlags()).filter((f) => f.words === SIGN_OUT_WORDS).length, 0);

  // The server is back; Alex opens the app and signs in: it goes, and Alex is told.
  await page.unroute('**/api/v1/young-people/*/safety');
  await signIn(page, ALEX);
  await page.getByRole('status').filter({ hasText: 'Sent: you told us you don\'t feel safe' }).waitFor();
  await flagReachesSam(SIGN_OUT_WORDS);
  await page.waitForFunction(() => !localStorage.getItem('journey.safety.alex'));
  assert.deepEqual(await keptKeys(page), ['journey.shared-phone']);
  await context.close();
  await closeOpenFlags();
});

test('what an earlier version of the app kept waiting is still listed and sent after an update', async () => {
  // Written here exactly as the app has always kept them (`{"kind": …, "body": …}` in
  // localStorage), as if a phone had them waiting when the app was updated.
  const { context, page, problems } = await phone(browser, SMALL);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  const flagId = `upgrade-flag-${RUN}`;
  const checkInId = `upgrade-check-in-${RUN}`;
  const newsId = `upgrade-news-${RUN}`;
  const flagWords = `Kept from before the update, not safe (${RUN}).`;
  const checkInWords = `Kept from before the update, a check-in (${RUN}).`;
  const newsWords = `Kept from before the update, good news (${RUN}).`;
  await page.evaluate(({ id, flagId, checkInId, newsId, flagWords, checkInWords, newsWords }) => {
    const now = Date.now();
    const waiting = (kind, body, ago) => ({
      young_person_id: id, queued_at: now - ago, sending: { kind, body }, problem: null,
    });
    localStorage.setItem('journey.safety.alex', JSON.stringify({
      saved_at: now - 60_000,
      value: [waiting('safety_flag', { client_id: flagId, words: flagWords }, 60_000)],
    }));
    localStorage.setItem('journey.outbox.alex', JSON.stringify({
      saved_at: now - 30_000,
      value: [
        waiting('check_in', { client_id: checkInId, mood: 'okay', words: checkInWords }, 50_000),
        waiting('good_news', { client_id: newsId, about: 'school', words: newsWords }, 40_000),
        waiting('good_news', { client_id: `${newsId}-2`, about: 'home', words: `${newsWords} 2` }, 35_000),
      ],
    }));
  }, { id: ALEX_ID, flagId, checkInId, newsId, flagWords, checkInWords, newsWords });
  // With no signal (so neither the app nor the service worker can send them yet), the
  // updated app opens.
  await context.setOffline(true);
  await page.reload();

  // Listed, with the red line for the flag.
  const outbox = page.locator('#outbox');
  assert.equal(await outbox.locator('summary').innerText(), '4 things waiting to send');
  await page.locator('.not-sent-banner').waitFor();
  await outbox.locator('summary').click();
  const items = outbox.locator('.outbox-list li');
  assert.deepEqual(
    await items.locator('strong').allInnerTexts(),
    ['“I don\'t feel safe”', 'How you are (a check-in)', 'Your good news', 'Your good news'],
  );
  // One can be deleted; the rest are kept, and the service worker is given its copies:
  // where to send each, with the same body.
  await items.nth(3).getByRole('button', { name: 'Delete' }).click();
  await outbox.locator('summary', { hasText: '3 things waiting to send' }).waitFor();
  const readCopies = () => page.evaluate(async () => {
    const cache = await caches.open('my-journey-outbox');
    const all = [];
    for (const request of await cache.keys()) all.push(await (await cache.match(request)).json());
    return all.sort((a, b) => a.queued_at - b.queued_at);
  });
  let copies = await readCopies();
  for (let i = 0; i < 50 && copies.length < 2; i++) {
    await page.waitForTimeout(200);
    copies = await readCopies();
  }
  assert.deepEqual(copies.map(({ kind, url, body, client_id }) => ({ kind, url, body, client_id })), [
    {
      kind: 'safety_flag', url: `/api/v1/young-people/${ALEX_ID}/safety`,
      body: { client_id: flagId, words: flagWords }, client_id: flagId,
    },
    {
      kind: 'check_in', url: `/api/v1/young-people/${ALEX_ID}/check-ins`,
      body: { client_id: checkInId, mood: 'okay', words: checkInWords }, client_id: checkInId,
    },
  ]);

  // The signal is back: all three go by themselves, each once, and nothing is left.
  await context.setOffline(false);
  await outbox.waitFor({ state: 'detached', timeout: 30_000 });
  const [flag] = await flagReachesSam(flagWords);
  assert.equal(flag.first_name, 'Alex');
  const checkIns = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/check-ins`)).body;
  assert.equal(checkIns.filter((c) => c.words === checkInWords && c.mood === 'okay').length, 1);
  const news = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/good-news`)).body;
  assert.equal(news.filter((n) => n.words === newsWords && n.about === 'school').length, 1);
  assert.equal(news.filter((n) => n.words === `${newsWords} 2`).length, 0);
  await page.waitForFunction(() => !localStorage.getItem('journey.safety.alex')
    && !localStorage.getItem('journey.outbox.alex'));
  assert.equal((await openFlags()).filter((f) => f.words === flagWords).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
  await closeOpenFlags();

  // Sam's reply to that news, kept the same way by an earlier version (a reply keeps
  // what it replies to beside it), goes when his app opens.
  const [sent] = news.filter((n) => n.words === newsWords);
  const replyWords = `A reply kept from before the update (${RUN}).`;
  await sam.page.evaluate(({ id, newsId, replyWords, clientId }) => {
    const now = Date.now();
    localStorage.setItem('journey.outbox.sam', JSON.stringify({
      saved_at: now,
      value: [{
        young_person_id: id,
        queued_at: now,
        sending: { kind: 'good_news_reply', body: { news_id: newsId, reply: { words: replyWords, client_id: clientId } } },
        problem: null,
      }],
    }));
  }, { id: ALEX_ID, newsId: sent.id, replyWords, clientId: `upgrade-reply-${RUN}` });
  await sam.page.goto(`${BASE_URL}/staff/`);
  let replies = [];
  for (let i = 0; i < 50 && replies.length === 0; i++) {
    await sam.page.waitForTimeout(300);
    const all = (await apiGet(sam.page, `/api/v1/young-people/${ALEX_ID}/good-news`)).body;
    replies = all.find((n) => n.id === sent.id).replies.filter((r) => r.words === replyWords);
  }
  assert.equal(replies.length, 1);
  await sam.page.waitForFunction(() => !localStorage.getItem('journey.outbox.sam'));
});

test('Sam records what they did on a signal that hangs: after 15 seconds "We couldn\'t connect", what was typed stays, and Save again records it once', async () => {
  const young = await phone(browser, SMALL);
  await signIn(young.page, ALEX);
  const words = `Sam's signal hangs while acting on this (${RUN}).`;
  const raised = await apiPost(young.page, `/api/v1/young-people/${ALEX_ID}/safety`, { client_id: `hung-act-${RUN}`, words });
  assert.equal(raised.status, 201);

  const worker = await phone(browser, SMALL);
  // The signal has gone quiet: no server push either (it never connects), so the card
  // stays on the screen.
  await worker.page.route('**/api/v1/events', () => {});
  await signIn(worker.page, SAM);
  await worker.page.goto(`${BASE_URL}/staff/safety`);
  const card = worker.page.locator('main article.safety-flag', { hasText: words });
  await card.waitFor();
  const note = `Phoned Alex from the car park (${RUN}).`;
  await card.getByLabel('What did you do?').fill(note);
  // The first try reaches the server, but its answer never comes back.
  const tries = await hangFirstAnswer(worker.page, '**/api/v1/safety/*/actions');
  await card.getByRole('button', { name: 'Save and close the flag' }).click();
  await couldntConnect(card);
  assert.equal(tries(), 1);
  // Said as it is: not saved (not "this needs a few words", when it had them).
  await card.getByRole('heading', { name: 'This has not been saved yet' }).waitFor();
  assert.equal(await card.getByLabel('What did you do?').inputValue(), note);
  await card.scrollIntoViewIfNeeded();
  await worker.page.screenshot({ path: `${SHOTS}/offline-safety-action-hung.png` });
  await card.getByRole('button', { name: 'Save and close the flag' }).click();
  await worker.page.getByText("Saved. Alex's flag is closed, and what you did is recorded.").waitFor();
  assert.equal(tries(), 2);
  // Alex hears back once.
  const flags = (await apiGet(young.page, `/api/v1/young-people/${ALEX_ID}/safety`)).body;
  const flag = flags.find((f) => f.id === raised.body.id);
  assert.equal(flag.open, false);
  assert.equal(flag.actions.length, 1);
  assert.deepEqual(realProblems(worker.problems), []);
  await worker.context.close();
  await young.context.close();
});
