// Browser tests: hidden distress, followed up (issue 16). A "Really bad" check-in offers
// "I don't feel safe" kindly (nothing raised unless chosen) and shows on Sam's list until
// Sam taps "Seen". After "I don't feel safe", Sam records what they did with a message
// for Alex, and Alex hears back on My Journey: who, when and the message, never the
// staff-only note; late at night, 24-hour help too. Everything raised here is closed or
// seen here, so nothing is left open for anyone else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const SMALL = { width: 360, height: 640 };
const STAFF_NOTE = 'Spoke to the duty manager; home visit booked with the family support team.';
const MESSAGE = "I've read what you said. I'll ring you at 10 tomorrow, and I'm here for you.";

const browser = useBrowser();

test('a really bad check-in offers to tell someone, and shows on Sam\'s list until seen', async () => {
  const young = await phone(browser(), SMALL);
  const { page } = young;
  await signIn(page, ALEX);
  const flagsBefore = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/safety`)).body.length;
  await page.goto(`${BASE_URL}/how-im-doing`);
  await page.getByRole('heading', { level: 1, name: "How I'm doing" }).waitFor();
  const main = page.locator('main');
  // Nothing offered before sending.
  assert.equal(await main.getByRole('heading', { name: 'Do you want to tell someone now?' }).count(), 0);
  await main.getByRole('radio', { name: 'Really bad' }).check();
  await main.getByRole('button', { name: 'Send' }).click();
  await main.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
  const offer = main.locator('.really-bad-offer');
  await offer.getByRole('heading', { name: 'Do you want to tell someone now?' }).waitFor();
  await offer.getByText("You don't have to.", { exact: false }).waitFor();
  assert.equal(await offer.getByRole('link', { name: "I don't feel safe" }).getAttribute('href'), '/not-safe');
  await expectFitsWidth(page, 360, 'the offer after a really bad check-in');
  await expectBigTapTargets(page);
  await expectNoAxeViolations(page);
  await offer.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/care-really-bad-offer.png` });
  // Not a flag unless they choose one.
  assert.equal((await apiGet(page, `/api/v1/young-people/${ALEX_ID}/safety`)).body.length, flagsBefore);
  await offer.getByRole('button', { name: 'Not now' }).click();
  await offer.waitFor({ state: 'detached' });
  assert.deepEqual(young.problems, []);
  await young.context.close();

  const worker = await phone(browser(), SMALL);
  await signIn(worker.page, SAM);
  const list = worker.page.locator('main');
  const alexCard = list.locator('li.person', { has: worker.page.getByRole('heading', { name: 'Alex' }) });
  await alexCard.getByText('Alex checked in: really bad').waitFor();
  await alexCard.getByText(/^Sent today at \d\d:\d\d/).waitFor();
  await expectFitsWidth(worker.page, 360, 'the list with a really bad check-in');
  await expectNoAxeViolations(worker.page);
  await alexCard.scrollIntoViewIfNeeded();
  await worker.page.screenshot({ path: `${SHOTS}/care-really-bad-on-list.png` });
  await alexCard.getByRole('button', { name: /^Seen.*Alex's check-in$/ }).click();
  await alexCard.getByText('Marked as seen.', { exact: false }).waitFor();
  // Gone for good once seen.
  await worker.page.reload();
  await list.getByRole('heading', { name: 'Alex' }).waitFor();
  const people = (await apiGet(worker.page, '/api/v1/young-people')).body;
  assert.equal(people.find((p) => p.id === ALEX_ID).unseen_really_bad, null);
  assert.equal(await list.getByText('Alex checked in: really bad').count(), 0);
  assert.deepEqual(worker.problems, []);
  await worker.context.close();
});

test('Sam records what they did with a message, and Alex hears back on My Journey', async () => {
  const young = await phone(browser(), SMALL);
  await signIn(young.page, ALEX);
  const main = young.page.locator('main');
  await young.page.goto(`${BASE_URL}/not-safe`);
  await young.page.getByRole('heading', { level: 1, name: "I don't feel safe" }).waitFor();
  await main.getByRole('button', { name: 'Tell them now' }).click();
  await main.getByRole('heading', { name: "We've told them" }).waitFor();
  // On My Journey, at once: they were heard, and who has been told.
  await young.page.goto(`${BASE_URL}/`);
  const heard = main.locator('.heard-back');
  await heard.getByRole('heading', { name: "You said you didn't feel safe" }).waitFor();
  await heard.getByText(/^You told us today at \d\d:\d\d\.$/).waitFor();
  // Who has been told and how, in the same words as when it was sent.
  const how = (await apiGet(young.page, '/api/v1/health')).body.safety_email === 'on'
    ? 'in the app and get an email' : 'in the app';
  await heard.getByText(
    `Your worker Sam and their manager have been told that you don't feel safe. They will see it ${how}. They will get in touch as soon as they can.`,
  ).waitFor();

  const worker = await phone(browser(), SMALL);
  await signIn(worker.page, SAM);
  await worker.page.goto(`${BASE_URL}/staff/safety`);
  const card = worker.page.locator('main article.safety-flag', { hasText: "Alex said they don't feel safe" });
  await card.waitFor();
  await card.getByLabel('What did you do?').fill(STAFF_NOTE);
  await card.getByLabel('A message for Alex (they will see this)').fill(MESSAGE);
  await card.getByText('Staff only: Alex never sees this.', { exact: false }).waitFor();
  await expectFitsWidth(worker.page, 360, 'the safety flag with a message box');
  await expectNoAxeViolations(worker.page);
  await card.scrollIntoViewIfNeeded();
  await worker.page.screenshot({ path: `${SHOTS}/care-action-with-message.png` });
  // The answer is held until the flag has gone from the list (the server's push, or the
  // list read again, draws the cards anew), as on a slow signal: "Saved" is still said.
  await worker.page.route('**/api/v1/safety/*/actions', async (route) => {
    const response = await route.fetch();
    await card.waitFor({ state: 'detached' });
    await route.fulfill({ response });
  });
  await card.getByRole('button', { name: 'Save and close the flag' }).click();
  await worker.page.getByText("Saved. Alex's flag is closed, and what you did is recorded.").waitFor();
  assert.deepEqual((await apiGet(worker.page, '/api/v1/safety')).body, []);
  assert.deepEqual(worker.problems, []);
  await worker.context.close();

  // Alex hears back: who, when and the message; the staff-only note never arrives.
  await young.page.reload();
  await heard.getByText(/^Sam Rivers did something about it today at \d\d:\d\d\.$/).waitFor();
  await heard.getByText('Sam Rivers says:').waitFor();
  await heard.getByText(MESSAGE).waitFor();
  assert.equal(await young.page.getByText('duty manager', { exact: false }).count(), 0);
  const flags = (await apiGet(young.page, `/api/v1/young-people/${ALEX_ID}/safety`)).body;
  assert.ok(!JSON.stringify(flags).includes('duty manager'), 'the staff-only note reaches Alex');
  await expectFitsWidth(young.page, 360, 'My Journey after hearing back');
  await expectNoAxeViolations(young.page);
  await young.page.screenshot({ path: `${SHOTS}/care-heard-back.png` });

  // The card comes with its own answer, after the page is drawn: it must never move
  // "I don't feel safe" (a tap meant for it would land on something else). Its answer is
  // held back until the button has been seen where it is.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const safetyAddress = /\/api\/v1\/young-people\/[^/]+\/safety$/;
  await young.page.route(safetyAddress, async (route) => { await held; await route.continue(); });
  await young.page.reload();
  const notSafe = main.getByRole('link', { name: "I don't feel safe" });
  await notSafe.waitFor();
  await main.getByRole('heading', { name: 'Your worker', exact: true }).waitFor();
  assert.equal(await heard.count(), 0, 'the card waits for its answer');
  const before = await notSafe.boundingBox();
  release();
  await heard.getByText(MESSAGE).waitFor();
  assert.deepEqual(await notSafe.boundingBox(), before, '"I don\'t feel safe" moved when the card came');
  await young.page.unroute(safetyAddress);
  assert.deepEqual(young.problems, []);
  await young.context.close();

  // Late at night (23:30 UTC is outside 09:00 to 17:00 in the UK all year), My Journey
  // also shows 24-hour help.
  const night = await phone(browser(), SMALL);
  const late = new Date();
  late.setUTCHours(23, 30, 0, 0);
  await night.page.clock.setFixedTime(late);
  await signIn(night.page, ALEX);
  const nightMain = night.page.locator('main');
  await nightMain.locator('.heard-back').waitFor();
  const help = nightMain.locator('.help-now');
  await help.getByRole('heading', { name: 'Help at any time, day or night' }).waitFor();
  await help.getByText('Childline: free, day or night').waitFor();
  assert.equal(await help.getByRole('link', { name: 'Call 0800 1111' }).getAttribute('href'), 'tel:08001111');
  await expectNoAxeViolations(night.page);
  await help.scrollIntoViewIfNeeded();
  await night.page.screenshot({ path: `${SHOTS}/care-help-at-night.png` });
  assert.deepEqual(night.problems, []);
  await night.context.close();
});
