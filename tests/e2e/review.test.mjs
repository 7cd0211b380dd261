// Browser tests: getting ready for the review, and after it (issue 20, items 3 and 4).
// Sam names who chairs Alex's review in the plan editor (on a tablet); Alex gets ready for
// the review on a phone with no signal and it sends itself when the signal is back; Sam
// reads it ("I've read this"), the chair reads what was shared with them, Sam records the
// review; Alex (360×640) sees what was decided and "Sam read what you wrote for your
// review". Then the same in Cymraeg. axe-core clean throughout. The tests run in order on
// one server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, expectFitsWidth, expectNoAxeViolations, phone,
  realProblems, signIn, signInInWelsh, useBrowser, waitForServiceWorker,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const ROBIN = { username: 'robin.hale', password: 'demo-robin-reviewing' };
const PHONE = { width: 360, height: 640 };
const TABLET = { width: 820, height: 1180 };
const WENT_WELL = `Football on Saturdays ⚽ ${Date.now()}`;
const QUESTION = 'Can I see my brother more?';
const DECISIONS = `You will stay with Jo and Chris, and see your brother every month. ${Date.now()}`;
const WELSH_WORDS = `Mae'r ysgol yn well ŵ ${Date.now()}`;

const browser = useBrowser();
const waitingNotice = (page) => page.locator('#outbox summary');

test('Sam names who chairs the review in the plan editor, on a tablet', async () => {
  const { context, page, problems } = await phone(browser(), TABLET);
  await signIn(page, SAM);
  await page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}/plan`);
  await page.getByRole('button', { name: 'Save plan' }).waitFor();
  const chair = page.getByRole('group', { name: 'Who chairs the review' });
  await chair.getByLabel('Their username').fill(ROBIN.username);
  assert.match(
    await chair.getByLabel('Their job, in words the young person will understand').inputValue(),
    /independent reviewing officer/,
  );
  await expectNoAxeViolations(page, 'the plan editor');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page.getByText('Saved. Alex will see', { exact: false }).waitFor();
  const editing = await apiGet(page, `/api/v1/young-people/${ALEX_ID}/plan`);
  assert.equal(editing.body.plan.review_chair.name, 'Robin Hale');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('Alex gets ready for the review with no signal, and it sends itself when back online', async () => {
  const { context, page, problems } = await phone(browser(), PHONE);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  // My Journey offers it any time (the review is more than two weeks away).
  const review = page.getByRole('region', { name: 'Your review' });
  await review.getByRole('link', { name: 'Get ready for my review' }).click();
  await page.getByRole('heading', { level: 1, name: 'Get ready for my review' }).waitFor();
  await page.getByText('The meeting is run by Robin Hale, your independent reviewing officer', { exact: false }).waitFor();
  // Who can see it: Sam and their manager, and Robin only if Alex chooses (nothing is
  // shared by default).
  const who = page.locator('.who-can-see');
  await who.getByText("Robin Hale won't see it unless you tick the box.", { exact: false }).waitFor();
  assert.equal(await page.getByLabel(/Share this with Robin Hale/).isChecked(), false);
  await page.getByLabel(/Share this with Robin Hale/).check();
  await who.getByText('Robin Hale will see it too.', { exact: false }).waitFor();
  await expectNoAxeViolations(page, 'Get ready for my review');

  // Nothing written: explained, nothing sent.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('alert').getByText('Write something, or choose how you', { exact: false }).first().waitFor();

  await page.getByLabel("What's gone well?").fill(WENT_WELL);
  await page.getByLabel("I'd like someone to speak for me (an advocate)").check();
  await page.getByRole('link', { name: 'Find an advocate in Help' }).waitFor();
  // A draft survives a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await page.getByLabel("What's gone well?").inputValue(), WENT_WELL);
  await page.getByLabel('Any questions you want answered?').fill(QUESTION);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved on this phone' }).waitFor();
  assert.equal(await waitingNotice(page).innerText(), '1 thing waiting to send');
  assert.equal(await page.getByLabel("What's gone well?").inputValue(), '', 'the form is ready again');
  await waitingNotice(page).click();
  await page.locator('#outbox').getByText('What you wrote for your review').waitFor();
  await expectFitsWidth(page, PHONE.width, 'Get ready for my review');
  await page.screenshot({ path: `${SHOTS}/review-prep-waiting.png`, fullPage: true });
  await expectNoAxeViolations(page, 'Get ready for my review, waiting to send');

  await context.setOffline(false);
  await waitingNotice(page).waitFor({ state: 'detached', timeout: 30_000 });
  const sent = await apiGet(page, `/api/v1/young-people/${ALEX_ID}/review-prep`);
  const mine = sent.body.filter((p) => p.went_well === WENT_WELL);
  assert.equal(mine.length, 1, 'recorded exactly once');
  assert.equal(mine[0].questions, QUESTION);
  assert.equal(mine[0].take_part, 'someone_speaks_for_me');
  assert.equal(mine[0].shared_with.name, 'Robin Hale');
  // What they sent is listed, not read yet.
  await page.getByRole('region', { name: "What you've sent" }).getByText(WENT_WELL).waitFor();
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('Sam reads it on a tablet and records the review; the chair sees only what was shared', async () => {
  const { context, page, problems } = await phone(browser(), TABLET);
  await signIn(page, SAM);
  await page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}`);
  const prep = page.getByRole('region', { name: 'Getting ready for the review' });
  const card = prep.locator('article.prep').filter({ hasText: WENT_WELL });
  await card.getByText(QUESTION).waitFor();
  await card.getByText("I'd like someone to speak for me (an advocate)").waitFor();
  await card.getByText('Shared with Robin Hale, who chairs the review.').waitFor();
  await expectNoAxeViolations(page, "Alex's page, before reading");
  await card.getByRole('button', { name: "I've read this" }).click();
  await card.getByText('Read by Sam Rivers', { exact: false }).waitFor();
  assert.equal(await card.getByRole('button', { name: "I've read this" }).count(), 0);

  const reviews = page.getByRole('region', { name: 'Reviews' });
  await reviews.getByLabel('What was decided, in plain words for the young person').fill(DECISIONS);
  const next = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
  await reviews.getByLabel('When is the next review? (optional)').fill(next);
  // Reloaded before sending: what he typed is kept on this device.
  await page.reload();
  const decided = reviews.getByLabel('What was decided, in plain words for the young person');
  await decided.waitFor();
  assert.equal(await decided.inputValue(), DECISIONS);
  assert.equal(await reviews.getByLabel('When is the next review? (optional)').inputValue(), next);
  await reviews.getByRole('button', { name: 'Record the review' }).click();
  await page.getByRole('status').filter({ hasText: 'Review recorded. Please update the plan by' }).waitFor();
  await reviews.getByText(DECISIONS).waitFor();
  await page.screenshot({ path: `${SHOTS}/review-staff-tablet.png`, fullPage: true });
  await expectNoAxeViolations(page, "Alex's page, after recording the review");
  assert.deepEqual(realProblems(problems), []);
  await context.close();

  // Robin, who chairs the review, reads what Alex shared with them, and nothing else.
  const chair = await phone(browser(), TABLET);
  await signIn(chair.page, ROBIN);
  await chair.page.getByRole('link', { name: 'Reviews you chair' }).click();
  await chair.page.getByRole('heading', { level: 1, name: 'Reviews you chair' }).waitFor();
  const shared = chair.page.locator('article.prep').filter({ hasText: WENT_WELL });
  await shared.getByText(QUESTION).waitFor();
  await expectNoAxeViolations(chair.page, 'Reviews you chair');
  await shared.getByRole('button', { name: "I've read this" }).click();
  await shared.getByText('Read by Robin Hale', { exact: false }).waitFor();
  const journey = await apiGet(chair.page, `/api/v1/young-people/${ALEX_ID}/journey`);
  assert.equal(journey.status, 404, 'the chair sees the preparation, not the plan');
  // The browser logs that 404 (asked for on purpose above); nothing else.
  assert.deepEqual(realProblems(chair.problems).filter((p) => !/status of 404\b/.test(p)), []);
  await chair.context.close();
});

test('Alex sees what was decided and that Sam read what they wrote', async () => {
  const { context, page, problems } = await phone(browser(), PHONE);
  await signIn(page, ALEX);
  const review = page.getByRole('region', { name: 'Your review' });
  await review.getByRole('heading', { name: 'What was decided at your review' }).waitFor();
  await review.getByText(DECISIONS).waitFor();
  await review.getByText('Sam read what you wrote for your review').waitFor();
  await review.getByText('Robin read what you wrote for your review').waitFor();
  await review.scrollIntoViewIfNeeded();
  await expectFitsWidth(page, PHONE.width, 'My Journey');
  await page.screenshot({ path: `${SHOTS}/review-decided-360.png` });
  await page.screenshot({ path: `${SHOTS}/review-decided-360-full.png`, fullPage: true });
  await expectNoAxeViolations(page, 'My Journey after the review');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('in Cymraeg: getting ready, who can see it, mistakes, and what was decided', async () => {
  const { context, page, problems } = await phone(browser(), PHONE);
  await signInInWelsh(page);

  const review = page.getByRole('region', { name: 'Dy adolygiad' });
  await review.getByRole('heading', { name: 'Beth gafodd ei benderfynu yn dy adolygiad' }).waitFor();
  await review.getByText('Darllenodd Sam beth ysgrifennaist ti ar gyfer dy adolygiad').waitFor();
  await expectNoAxeViolations(page, 'Fy Nhaith after the review');

  await review.getByRole('link', { name: 'Paratoi ar gyfer fy adolygiad' }).click();
  await page.getByRole('heading', { level: 1, name: 'Paratoi ar gyfer fy adolygiad' }).waitFor();
  await page.getByText("Mae'r cyfarfod yn cael ei gynnal gan Robin Hale", { exact: false }).waitFor();
  // Not shared unless ticked, in Welsh too.
  await page.locator('.who-can-see').getByText("Fydd Robin Hale ddim yn ei weld oni bai dy fod ti'n ticio'r blwch.", { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Anfon' }).click();
  await page.getByRole('alert').getByText('Ysgrifenna rywbeth, neu dewisa sut byddi di', { exact: false }).first().waitFor();
  await page.getByLabel('Beth sydd wedi mynd yn dda?').fill(WELSH_WORDS);
  await page.getByLabel('Bydda i\'n anfon fy ngeiriau yn lle mynd').check();
  await page.getByRole('button', { name: 'Anfon' }).click();
  const sent = page.getByRole('status').filter({ hasText: "Wedi'i anfon" });
  await sent.waitFor();
  await sent.getByText('yn ei ddarllen cyn dy adolygiad', { exact: false }).waitFor();
  await page.getByRole('region', { name: "Beth rwyt ti wedi'i anfon" }).getByText(WELSH_WORDS).waitFor();
  await page.screenshot({ path: `${SHOTS}/review-prep-welsh.png`, fullPage: true });
  await expectNoAxeViolations(page, 'Paratoi ar gyfer fy adolygiad');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
