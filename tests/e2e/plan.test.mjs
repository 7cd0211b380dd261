// Browser tests: a plan kept up to date together. Alex adds their own view to a step and
// finds it again after a reload; Sam changes a step and Alex is shown what is new since
// they last looked; mistakes in the plan editor are explained and nothing typed is lost.
// The tests run in order on one server (Alex's view is there for Sam to read).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, realProblems, signIn, expectFocusOn, useBrowser,
  couldntConnect, hangFirstAnswer,
} from './phone.mjs';

// Leading spaces, a line break, emoji and Welsh letters: kept exactly as typed.
const ALEX_VIEW = '  I want to go to the park with Kai 🌳\nMaybe a Saturday? ŵ ŷ';
const KAI_STEP = 'Set up a day out with Kai.';
const KAI_STEP_NEW = 'Set up a day out with Kai. You choose where to go.';

const browser = useBrowser();

/** One step on the journey page, found by what it says. */
function step(page, what) {
  return page.locator('li.step', { has: page.getByText(what, { exact: true }) });
}

/** Signs in and waits until the plan is on screen and the app has said it was seen. */
async function alexReadsTheirPlan(page) {
  const seen = page.waitForResponse((r) => r.url().endsWith('/journey/seen'));
  await signIn(page, ALEX);
  await page.getByRole('region', { name: 'The steps' }).waitFor();
  return seen;
}

test('a young person adds their view to a step, and it is still there, word for word, after a reload', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  const kai = step(page, KAI_STEP);
  await kai.waitFor();

  await kai.getByRole('button', { name: 'Add my view' }).click();
  const form = kai.locator('form');
  await form.getByRole('group', { name: 'How do you feel about this step?' }).waitFor();
  // The first choice takes the focus, so a keyboard or screen reader user is in the form.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'radio');

  // Too long: explained beside the box and at the top, and nothing typed is lost.
  const box = form.getByLabel('In your own words (you can skip this)');
  const tooLong = 'ŵ'.repeat(1001);
  await box.fill(tooLong);
  await form.getByLabel("I'm not sure").check();
  await form.getByRole('button', { name: 'Save my view' }).click();
  const summary = form.getByRole('alert');
  await summary.getByText('Your view has not been saved yet').waitFor();
  assert.equal(await summary.getByRole('link').count(), 1);
  assert.equal(await box.inputValue(), tooLong);
  assert.ok(await form.getByLabel("I'm not sure").isChecked());
  await expectNoAxeViolations(page);

  await box.fill(ALEX_VIEW);
  await form.getByRole('button', { name: 'Save my view' }).click();
  await kai.getByText('Thank you. Your view is saved, and your worker will see it.').waitFor();
  assert.equal(await kai.locator('form').count(), 0, 'the form closes once saved');

  await page.reload();
  await kai.waitFor();
  const mine = kai.locator('li.view');
  assert.equal(await mine.count(), 1);
  assert.ok(await mine.getByText('In your words').isVisible());
  assert.ok(await mine.getByText("I'm not sure", { exact: true }).isVisible());
  assert.equal(await mine.locator('.view-words').textContent(), ALEX_VIEW);
  // Stored exactly as typed, too.
  const me = (await apiGet(page, '/api/v1/me')).body;
  const journey = (await apiGet(page, `/api/v1/young-people/${me.young_person_id}/journey`)).body;
  // (Views about the whole plan, from the tests before, are not about a step.)
  const aboutSteps = journey.views.filter((v) => v.step_id !== null);
  assert.deepEqual(aboutSteps.map((v) => v.words), [ALEX_VIEW]);

  await kai.screenshot({ path: `${SHOTS}/plan-my-view.png` });
  await expectNoAxeViolations(page);
  await expectBigTapTargets(page, 7);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker changes a step, and the young person is shown what is new since they last looked', async () => {
  // Alex looks first: from here on, anything Sam changes is new to Alex.
  const alexPhone = await phone(browser());
  const alex = alexPhone.page;
  const seen = await alexReadsTheirPlan(alex);
  assert.equal((await seen).status(), 204);
  assert.equal(await alex.getByRole('region', { name: 'New since you last looked' }).count(), 0);

  const samPhone = await phone(browser());
  const sam = samPhone.page;
  await signIn(sam, SAM);
  const card = sam.locator('li.person', { has: sam.getByRole('heading', { name: 'Alex', exact: true }) });
  await card.getByRole('link', { name: 'See plan for Alex' }).click();
  await sam.getByRole('heading', { level: 1, name: "Alex's journey" }).waitFor();
  // Sam reads Alex's view, marked as Alex's words.
  const view = step(sam, KAI_STEP).locator('li.view');
  assert.ok(await view.getByText("In Alex's words").isVisible());
  assert.equal(await view.locator('.view-words').textContent(), ALEX_VIEW);

  await sam.getByRole('link', { name: 'Edit plan' }).click();
  await sam.getByRole('heading', { level: 1, name: "Alex's plan" }).waitFor();
  const stepThree = sam.getByRole('group', { name: 'Step 3' });
  const what = stepThree.getByLabel('What will happen');
  assert.equal(await what.inputValue(), KAI_STEP);
  await what.fill(KAI_STEP_NEW);
  await stepThree.getByLabel('Where it is').selectOption({ label: 'Happening now' });
  await sam.screenshot({ path: `${SHOTS}/plan-editor.png` });
  await expectNoAxeViolations(sam);
  await sam.getByRole('button', { name: 'Save plan' }).click();

  // Back on the journey, saved, with the change in the history.
  await sam.getByRole('heading', { level: 1, name: "Alex's journey" }).waitFor();
  await sam.getByText("Saved. Alex will see what's new next time they look.").waitFor();
  await step(sam, KAI_STEP_NEW).waitFor();
  const history = sam.getByRole('region', { name: 'Plan history' });
  await history.getByText('Version 2').waitFor();
  assert.match(await history.innerText(), /Sam Rivers/);
  await sam.screenshot({ path: `${SHOTS}/plan-saved.png`, fullPage: true });

  // Alex's next look: what changed, in a sentence, until "Got it".
  await alex.reload();
  const whatsNew = alex.getByRole('region', { name: 'New since you last looked' });
  await whatsNew.waitFor();
  const news = await whatsNew.innerText();
  assert.match(news, new RegExp(KAI_STEP_NEW.replace(/[.?]/g, '\\$&')));
  assert.doesNotMatch(news, /\d{4}-\d{2}-\d{2}/);
  const now = step(alex, KAI_STEP_NEW);
  assert.equal((await now.locator('.badge').innerText()).trim(), 'Happening now');
  await alex.screenshot({ path: `${SHOTS}/plan-whats-new.png` });
  await expectNoAxeViolations(alex);

  const gotIt = alex.waitForResponse((r) => r.url().endsWith('/journey/seen'));
  await whatsNew.getByRole('button', { name: 'Got it' }).click();
  assert.equal((await gotIt).status(), 204);
  await whatsNew.waitFor({ state: 'detached' });
  await alex.reload();
  await alex.getByRole('region', { name: 'The steps' }).waitFor();
  assert.equal(await alex.getByRole('region', { name: 'New since you last looked' }).count(), 0);

  assert.deepEqual(alexPhone.problems, []);
  assert.deepEqual(samPhone.problems, []);
  await alexPhone.context.close();
  await samPhone.context.close();
});

test('a mistake in the plan editor is explained, nothing typed is lost, and nothing is saved', async () => {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  await signIn(page, SAM);
  const me = (await apiGet(page, '/api/v1/young-people')).body;
  const alexId = me.find((p) => p.first_name === 'Alex').id;
  const before = (await apiGet(page, `/api/v1/young-people/${alexId}/plan/history`)).body;

  await page.goto(`${BASE_URL}/staff/young-people/${alexId}/plan`);
  await page.getByRole('heading', { level: 1, name: "Alex's plan" }).waitFor();
  await page.getByLabel('Why there is a plan').fill('');
  const hope = page.getByLabel('Hope 1', { exact: true });
  await hope.fill('Feel at home with Jo and Chris 🏡');
  await page.getByRole('button', { name: 'Add a step' }).click();
  const newStep = page.getByRole('group', { name: 'Step 5' });
  await newStep.getByLabel('What will happen').fill('Go to the cinema with Kai.');
  await page.getByRole('button', { name: 'Save plan' }).click();

  const summary = page.getByRole('alert');
  await summary.getByText('The plan has not been saved yet').waitFor();
  const links = await summary.getByRole('link').allInnerTexts();
  assert.ok(links.some((l) => /Step 5/.test(l)), `the summary names step 5: ${links}`);
  assert.ok(links.length >= 2, `one link for each problem: ${links}`);
  // Each link takes the keyboard to its box.
  await summary.getByRole('link').first().click();
  await expectFocusOn(page, 'reason');
  // Everything typed is still there.
  assert.equal(await hope.inputValue(), 'Feel at home with Jo and Chris 🏡');
  assert.equal(await newStep.getByLabel('What will happen').inputValue(), 'Go to the cinema with Kai.');
  await expectFitsWidth(page, 360, 'the plan editor');
  await page.screenshot({ path: `${SHOTS}/plan-editor-errors-360.png` });
  await expectNoAxeViolations(page);

  const after = (await apiGet(page, `/api/v1/young-people/${alexId}/plan/history`)).body;
  assert.equal(after.length, before.length, 'no new version was saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a plan saved on a signal that hangs: after 15 seconds "We couldn\'t connect", the edit stays, and Save plan again saves one version', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, SAM);
  const people = (await apiGet(page, '/api/v1/young-people')).body;
  const alexId = people.find((p) => p.first_name === 'Alex').id;
  const historyPath = `/api/v1/young-people/${alexId}/plan/history`;
  const before = (await apiGet(page, historyPath)).body;

  await page.goto(`${BASE_URL}/staff/young-people/${alexId}/plan`);
  await page.getByRole('heading', { level: 1, name: "Alex's plan" }).waitFor();
  const stepOne = page.getByRole('group', { name: 'Step 1' });
  const who = `Sam and Alex, on one bar of signal ${Date.now()}`;
  await stepOne.getByLabel('Who will do it').fill(who);
  // The first try reaches the server and saves, but its answer never comes back.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/plan', 'PUT');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await couldntConnect(page);
  assert.equal(tries(), 1);
  assert.equal(await stepOne.getByLabel('Who will do it').inputValue(), who);
  // Save plan again: the version the first try made, once.
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page.getByRole('heading', { level: 1, name: "Alex's journey" }).waitFor();
  await page.getByText("Saved. Alex will see what's new next time they look.").waitFor();
  assert.equal(tries(), 2);
  const after = (await apiGet(page, historyPath)).body;
  assert.equal(after.length, before.length + 1, 'one new version');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
