// Browser tests: a long page is drawn in several short tasks, top to bottom, so a slow
// phone can paint and answer a tap between them (src/components/soon.rs), and nothing
// already drawn ever moves when the next part comes. What each saves is in the bench
// (Lighthouse's blocking time), not here.
//
// How "in another task" is seen: a MutationObserver's callback runs at the end of the
// task that changed the page, before any other task. So when it first sees the top of a
// page, a part drawn in the same task would be there too, and a part drawn later is not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, apiPost, phone, realProblems, signIn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';

const browser = useBrowser();

/**
 * Opens `path` signed in as Alex on a phone 4 times slower than this machine, with no
 * service worker. Records, the first time `top` is in the page, which of `later` were
 * already there; and every layout shift that no tap caused.
 */
async function open(path, top, later, lastSelector) {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 }, {
    serviceWorkers: 'block',
  });
  await signIn(page, ALEX);
  await context.addInitScript(({ top, later }) => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) {
        if (!shift.hadRecentInput) {
          window.shifts.push(shift.sources.map((s) => s.node?.className || s.node?.nodeName || '?').join(', '));
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
    window.withTop = null;
    new MutationObserver((_, observer) => {
      if (document.querySelector(top)) {
        window.withTop = later.filter((selector) => document.querySelector(selector) !== null);
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, { top, later });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${BASE_URL}${path}`);
  await page.locator(lastSelector).first().waitFor();
  await page.waitForTimeout(1000);
  const seen = await page.evaluate(() => ({ withTop: window.withTop, shifts: window.shifts }));
  // Every later part did come.
  const there = await page.evaluate((later) => later.filter((s) => document.querySelector(s)), later);
  assert.deepEqual(there, later);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
  return seen;
}

test('My Journey: the check-in card first, then the plan, then its lower cards, and nothing moves', async () => {
  // Alex said they don't feel safe and Sam acted on it, so My Journey also has the card
  // drawn from an answer ("You said you didn't feel safe", and what Sam did), above cards
  // drawn without one: what is under it waits for it, so it never pushes them down.
  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  const raised = await apiPost(alex.page, `/api/v1/young-people/${ALEX_ID}/safety`, {
    client_id: `short-tasks-${Date.now()}`,
    words: 'Someone at school keeps following me home.',
  });
  assert.equal(raised.status, 201);
  await alex.context.close();
  const sam = await phone(browser());
  await signIn(sam.page, SAM);
  const acted = await apiPost(sam.page, `/api/v1/safety/${raised.body.id}/actions`, {
    words: 'Rang Alex; walking home with a friend this week.',
  });
  assert.equal(acted.status, 200);
  await sam.context.close();

  const seen = await open(
    '/',
    '.check-in-card',
    ['.heard-back', '.good-news-card', '#journey-hello', '#why', '#steps', '#my-view', 'nav.bottom-nav'],
    '#my-view',
  );
  // "I don't feel safe" is in the first part drawn; all the rest came after it.
  assert.deepEqual(seen.withTop, []);
  assert.deepEqual(seen.shifts, []);

  const plan = await open('/', '#journey-hello', ['#why', '#steps', '#my-view'], '#my-view');
  assert.deepEqual(plan.withTop, []);
  assert.deepEqual(plan.shifts, []);
});

test('Feedback: the first question first, the rest of the form after it, and nothing moves', async () => {
  const seen = await open(
    '/feedback',
    '#q-listened_to',
    ['#q-what_i_wanted', '#q-overall', '#comment', '.not-safe-link'],
    '#comment',
  );
  assert.deepEqual(seen.withTop, []);
  assert.deepEqual(seen.shifts, []);
});

test('Goals: the goals first, rating and adding after them, and nothing moves', async () => {
  const seen = await open('/goals', '#working-title', ['#add-title'], '#add-title');
  assert.deepEqual(seen.withTop, []);
  assert.deepEqual(seen.shifts, []);
});

test('My Journey: if the answer about flags never comes, the rest of the page still does', async () => {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 }, {
    serviceWorkers: 'block',
  });
  await signIn(page, ALEX);
  // The flags are asked for (by the first screen's early script, and by the app) and
  // never answered, as on a signal that has gone quiet.
  await context.route(/\/api\/v1\/young-people\/[^/]+\/safety$/, () => {});
  await page.goto(`${BASE_URL}/`);
  await page.locator('#journey-hello').waitFor({ timeout: 15_000 });
  await page.locator('#my-view').waitFor();
  assert.equal(await page.locator('.good-news-card').count(), 1);
  assert.equal(await page.locator('.heard-back').count(), 0);
  // "I don't feel safe" was there all along, above it.
  await page.getByRole('link', { name: "I don't feel safe" }).first().waitFor();
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
