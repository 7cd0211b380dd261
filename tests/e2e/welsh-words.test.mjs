// Browser tests: the Welsh words are a file beside the app (`words-cy-HASH.json`, see
// xtask/src/welsh.rs and src/i18n.rs), not in its code. A phone that reads English never
// fetches it; choosing Cymraeg fetches it once and the screen turns Welsh; a phone that
// remembers Welsh fetches it before the app is drawn; and once the service worker has
// kept it, the app opens in Welsh with no signal.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, phone, realProblems, signIn, waitForServiceWorker, useBrowser,
} from './phone.mjs';

const browser = useBrowser();

/** Every request a page makes for the Welsh words. */
function recordWords(page) {
  const fetched = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/words-cy-[0-9a-f]{16}\.json$/.test(path)) fetched.push(path);
  });
  return fetched;
}

test('English never fetches the Welsh words; choosing Cymraeg fetches them once', async () => {
  const { context, page, problems } = await phone(browser());
  const fetched = recordWords(page);
  await signIn(page, ALEX);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.getByRole('link', { name: 'Goals' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  assert.deepEqual(fetched, [], 'an English phone fetched the Welsh words');

  // The page names the file it would fetch, and the server keeps it for a year.
  const named = await page.evaluate(
    () => document.querySelector('meta[name=words-cy]')?.getAttribute('content'),
  );
  assert.match(named ?? '', /^\/words-cy-[0-9a-f]{16}\.json$/);
  const answer = await page.request.get(`${BASE_URL}${named}`, {
    headers: { 'Accept-Encoding': 'br' },
  });
  assert.equal(answer.status(), 200);
  assert.match(answer.headers()['cache-control'], /immutable/);
  assert.ok((await answer.json()).includes('Fy Siwrnai'));

  await page.locator('header').getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nodau' }).waitFor();
  await page.getByRole('link', { name: 'Fy Siwrnai' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  // Back to English and to Welsh again: the words are already here.
  await page.locator('header').getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.locator('header').getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  assert.deepEqual(fetched, [named], 'the Welsh words were fetched once');

  // A phone that remembers Welsh fetches them before drawing the app, and opens in Welsh.
  const fresh = await context.newPage();
  const again = recordWords(fresh);
  await fresh.goto(`${BASE_URL}/`);
  await fresh.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  assert.equal(await fresh.evaluate(() => document.documentElement.lang), 'cy');
  assert.ok(again.length <= 1, `fetched ${again.length} times`);

  // Back to English for whoever uses this phone next.
  await fresh.locator('header').getByRole('button', { name: 'English' }).click();
  await fresh.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('with no signal, a phone that reads Welsh opens in Welsh from what the service worker kept', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  const named = await page.evaluate(
    () => document.querySelector('meta[name=words-cy]').getAttribute('content'),
  );
  // The worker keeps the Welsh words with the screens' files, for English phones too.
  await page.waitForFunction(
    async (path) => Boolean(await (await caches.open('my-journey-app')).match(path)),
    named,
  );
  await page.locator('header').getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();

  await context.setOffline(true);
  const fresh = await context.newPage();
  fresh.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await fresh.goto(`${BASE_URL}/`);
  await fresh.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  await fresh.getByRole('navigation', { name: 'Prif ddewislen' }).waitFor();
  await context.setOffline(false);
  await fresh.locator('header').getByRole('button', { name: 'English' }).click();
  await fresh.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
