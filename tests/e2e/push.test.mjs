// Browser tests: staff are told by server push. Sam's and Morgan's screens are open, with
// the clock stopped so the 60-second fallback poll never runs: a banner can only come by
// push. Alex raises a flag on a third phone; both banners show by themselves (the seconds
// are printed, not asserted). Sam records what they did; Morgan's banner goes by itself.
// The stream closes at sign-out and opens again at sign-in, and a session ended elsewhere
// stops it and sends the screen to sign-in. Every flag raised here is closed here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, MORGAN, SAM, SHOTS, apiGet, apiPost, phone, signIn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const BANNER_TEXT = "Alex said they don't feel safe";

const browser = useBrowser();

/**
 * Runs in the page: keeps every EventSource the app opens, to see if it is open or closed.
 * As the page goes (signing out leaves the staff app for the sign-in page), their states
 * are kept in the tab, so the next page can tell whether the app closed them itself.
 */
function watchEventSources() {
  const Original = window.EventSource;
  window.__sources = [];
  window.EventSource = class extends Original {
    constructor(...args) {
      super(...args);
      window.__sources.push(this);
    }
  };
  window.addEventListener('pagehide', () => {
    sessionStorage.setItem('sources-as-the-page-went', JSON.stringify(window.__sources.map((s) => s.readyState)));
  });
}

/** readyState of each EventSource the page opened: 0 connecting, 1 open, 2 closed. */
const sourceStates = (page) => page.evaluate(() => window.__sources.map((s) => s.readyState));
/** The same, for the page before this one in the tab, as it went. */
const sourceStatesBefore = (page) =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('sources-as-the-page-went')));

const pushOpen = (page) =>
  page.waitForFunction(() => window.__sources.some((s) => s.readyState === 1), null, { polling: 100 });

/** A staff member's phone at 360x640, signed in, with time stood still after sign-in. */
async function staffScreen(who) {
  const screen = await phone(browser(), { width: 360, height: 640 });
  await screen.context.addInitScript(watchEventSources);
  await screen.context.clock.install();
  await signIn(screen.page, who);
  await screen.page.getByRole('heading', { level: 1 }).first().waitFor();
  // From here no timer fires (setInterval included) unless the test moves the clock.
  await screen.page.clock.pauseAt(Date.now() + 1000);
  await pushOpen(screen.page);
  return screen;
}

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

test('a flag reaches open staff screens by push, and closing it clears them', async () => {
  const sam = await staffScreen(SAM);
  const morgan = await staffScreen(MORGAN);
  const samBanner = sam.page.locator('.safety-banner');
  const morganBanner = morgan.page.locator('.safety-banner');
  // Nothing open to begin with (the other test files close what they raise).
  assert.equal(await samBanner.count(), 0);
  assert.equal(await morganBanner.count(), 0);

  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  const raised = await apiPost(alex.page, `/api/v1/young-people/${ALEX_ID}/safety`, {
    client_id: `push-test-${Date.now()}`,
    words: 'I do not want to go home tonight.',
  });
  const stored = Date.now();
  assert.equal(raised.status, 201);
  await samBanner.getByText(BANNER_TEXT).waitFor({ timeout: 30_000 });
  console.log(`# Sam's open screen showed the banner ${seconds(stored)} s after the flag was stored`);
  await morganBanner.getByText(BANNER_TEXT).waitFor({ timeout: 30_000 });
  console.log(`# Morgan's open screen showed the banner ${seconds(stored)} s after the flag was stored`);
  await sam.page.screenshot({ path: `${SHOTS}/push-banner-arrived.png` });

  // Sam records what they did (through the API, as the /safety page does).
  const acted = await apiPost(sam.page, `/api/v1/safety/${raised.body.id}/actions`, {
    words: 'Rang Alex straight away; staying with their aunt tonight.',
  });
  const closed = Date.now();
  assert.equal(acted.status, 200);
  await morganBanner.waitFor({ state: 'detached', timeout: 30_000 });
  console.log(`# Morgan's open screen lost the banner ${seconds(closed)} s after the action was stored`);
  await samBanner.waitFor({ state: 'detached', timeout: 30_000 });
  await morgan.page.screenshot({ path: `${SHOTS}/push-banner-gone.png` });
  assert.deepEqual((await apiGet(morgan.page, '/api/v1/safety')).body, []);

  // A young person's phone never opens the stream.
  await alex.context.addInitScript(watchEventSources);
  await alex.page.goto(`${BASE_URL}/`);
  await alex.page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.deepEqual(await sourceStates(alex.page), []);

  for (const screen of [sam, morgan, alex]) {
    assert.deepEqual(screen.problems, []);
    await screen.context.close();
  }
});

test('the stream closes at sign-out, opens at sign-in, and stops when the session ends elsewhere', async () => {
  const sam = await staffScreen(SAM);
  const page = sam.page;
  // Sign out from the account page: the stream closes.
  await page.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  // The staff app closed it before going; the sign-in page (the young person's app) has none.
  assert.deepEqual(await sourceStatesBefore(page), [2]);
  assert.deepEqual(await sourceStates(page), []);
  // Signing in again opens a new one, in the staff app.
  await page.getByLabel('Username', { exact: true }).fill(SAM.username);
  await page.getByLabel('Password', { exact: true }).fill(SAM.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => window.location.pathname === '/staff/', null, { polling: 100 });
  await pushOpen(page);
  assert.deepEqual(await sourceStates(page), [1]);

  // The session ends elsewhere (signed out on the server, as another tab would): the next
  // event ends the stream, the browser's reconnect is refused (401), and the screen goes
  // to sign-in by itself, with the stream closed for good.
  const signedOut = await apiPost(page, '/api/v1/auth/sign-out', {});
  assert.equal(signedOut.status, 204);
  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  const raised = await apiPost(alex.page, `/api/v1/young-people/${ALEX_ID}/safety`, {
    client_id: `push-test-signed-out-${Date.now()}`,
  });
  assert.equal(raised.status, 201);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(await sourceStatesBefore(page), [2]);
  assert.deepEqual(await sourceStates(page), []);

  // Morgan closes it, so nothing is left open.
  const morgan = await phone(browser());
  await signIn(morgan.page, MORGAN);
  const acted = await apiPost(morgan.page, `/api/v1/safety/${raised.body.id}/actions`, {
    words: 'Checked on Alex; all fine.',
  });
  assert.equal(acted.status, 200);
  assert.deepEqual((await apiGet(morgan.page, '/api/v1/safety')).body, []);

  // The browser reports the refused reconnect as an error; that refusal is the point here.
  const unexpected = sam.problems.filter((p) => !/EventSource/.test(p));
  assert.deepEqual(unexpected, []);
  for (const screen of [sam, alex, morgan]) {
    await screen.context.close();
  }
});
