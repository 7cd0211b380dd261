// Browser tests: the young person's app follows its own address (src/route.rs), with no
// router of Leptos's. A tap on one of its links opens that screen without loading the page
// again, at the top of the screen, with the link to it marked as the page shown; Back and
// Forward move between screens the same way; an address with a slash at the end is the
// same screen; links the app must leave to the browser (downloads) are left to it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALEX, BASE_URL, phone, realProblems, signIn, useBrowser } from './phone.mjs';

const browser = useBrowser();

test('links, Back and Forward move between screens with no page load, and the link to the screen shown is marked', async () => {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  await signIn(page, ALEX);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  const documents = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
  });
  // A mark on this page's window: a page load would lose it.
  await page.evaluate(() => { window.__samePage = true; });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const current = async () => nav.locator('[aria-current="page"]').innerText();

  // Scrolled down My Journey, a tap on Goals opens Goals at its top. (Its plan comes
  // after its heading: waited for, so a slow machine does not find the page short.)
  await page.waitForFunction(() => document.documentElement.scrollHeight > window.innerHeight);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY) > 0, 'My Journey is long enough to scroll');
  await nav.getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/goals');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal((await current()).trim(), 'Goals');

  // Back to My Journey, and Forward to Goals again.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await current(), /^My Journey/);
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  assert.equal((await current()).trim(), 'Goals');

  await nav.getByRole('link', { name: 'Help' }).click();
  await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/help');
  assert.equal((await current()).trim(), 'Help');

  assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load');
  assert.deepEqual(documents, [], 'no page was fetched');

  // Help stays marked on the pages below it; My Journey only on its own.
  await page.goto(`${BASE_URL}/help/tell-us`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal((await current()).trim(), 'Help');

  // An address ending in a slash is the same screen.
  await page.goto(`${BASE_URL}/goals/`);
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();

  // A download link is left to the browser: the page stays where it is.
  await page.goto(`${BASE_URL}/account`);
  const records = page.locator('a[download]').first();
  await records.waitFor();
  const download = page.waitForEvent('download');
  await records.click();
  await download;
  assert.equal(new URL(page.url()).pathname, '/account');

  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
