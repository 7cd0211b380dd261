// Browser tests: goals. A worker runs a session on one device and hands it to the young
// person, who writes a goal in their own words and rates it; a second session rates it
// again and the progress picture shows two points; then the young person sees it all on
// their own phone. Runs after accounts and before journey, on the same server: Alex starts
// with no goals and ends with at most one being worked on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

// Emoji and Welsh letters: kept byte for byte.
const GOAL = 'Feel calmer at school 🙂 ŵŷ';
const HELP = 'Time out card, and talking to Mrs Jones';
const SMALL = { width: 360, height: 640 };

const browser = useBrowser();

/** Checks the screen as it is: no axe problems, nothing off the side, big enough to tap,
 * and a picture. */
async function checkScreen(page, name) {
  await expectFitsWidth(page, SMALL.width, name);
  await expectBigTapTargets(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/goals-${name}.png` });
}

async function expectTurn(page, words) {
  await page.locator('p.turn', { hasText: words }).waitFor();
  assert.equal((await page.locator('p.turn').innerText()).trim(), words);
}

/** From the worker's goals page to the young person's turn. */
async function handOver(page) {
  await page.getByRole('button', { name: 'Start a session with Alex' }).click();
  await page.getByRole('heading', { level: 2, name: 'Hand the device to Alex' }).waitFor();
  await expectTurn(page, 'Hand the device to Alex');
  await page.getByRole('button', { name: "I'm Alex, it's my turn" }).click();
  await page.getByRole('heading', { level: 2, name: 'Your turn, Alex' }).waitFor();
  await expectTurn(page, "Alex's turn");
}

/** From the end of the young person's turn back to the worker's list of goals. */
async function handBack(page, expected) {
  await page.getByRole('heading', { level: 2, name: 'Thank you, Alex' }).waitFor();
  await expectTurn(page, 'Hand back to Sam');
  // Only Sam's password ends Alex's turn (cofill-lock.test.mjs tries the wrong ones).
  await page.getByLabel('Sam, type your password to take the device back').fill(SAM.password);
  await page.getByRole('button', { name: "I'm Sam, I have it back" }).click();
  await page.getByRole('heading', { level: 2, name: 'What was saved' }).waitFor();
  await expectTurn(page, 'Your turn, Sam');
  const summary = await page.locator('main').innerText();
  for (const words of expected) assert.ok(summary.includes(words), `summary says "${words}"`);
  return summary;
}

async function chartOf(card) {
  const chart = card.locator('svg[role="img"]');
  return {
    points: await chart.locator('circle.point').count(),
    label: await chart.getAttribute('aria-label'),
  };
}

test('a worker and Alex set a goal together on one phone, rate it in two sessions, and see two points', async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signIn(page, SAM);
  await page.getByRole('link', { name: 'Goals for Alex' }).click();
  await page.getByRole('heading', { level: 1, name: "Alex's goals" }).waitFor();
  await expectTurn(page, 'Your turn, Sam');
  await page.getByText('Alex has no goals yet.', { exact: false }).waitFor();
  await checkScreen(page, 'worker-start');

  // Session one: Alex writes a goal and rates it. The first rating is the starting point.
  await handOver(page);
  await checkScreen(page, 'hand-over-write');
  await page.getByLabel('What would you like to work on?').fill(GOAL);
  await page.getByLabel('What will help? (you can skip this)').fill(HELP);
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await page.getByText('Saved, in your words:').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { level: 2, name: 'How close are you, Alex?' }).waitFor();
  await expectTurn(page, "Alex's turn");
  const scale = page.getByRole('group', { name: GOAL });
  await scale.getByText('This is your starting point.', { exact: false }).waitFor();
  await checkScreen(page, 'rate-first');
  await scale.getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await handBack(page, [GOAL, '3 out of 10']);
  await checkScreen(page, 'summary-first');
  await page.getByRole('button', { name: "Back to Alex's goals" }).click();

  let card = page.locator('li.goal', { hasText: GOAL });
  await card.waitFor();
  assert.equal(await card.locator('.goal-words').innerText(), GOAL);
  await card.getByText("In Alex's words").waitFor();
  await card.getByText('No change yet').waitFor();
  assert.deepEqual(await chartOf(card), { points: 1, label: 'Started at 3 out of 10.' });

  // Session two: no new goal ("Not now"). Sending with nothing chosen is explained kindly.
  await handOver(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByRole('heading', { level: 2, name: 'How close are you, Alex?' }).waitFor();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByText("You haven't chosen anything, so there's nothing to send.", { exact: false }).waitFor();
  await page.getByRole('group', { name: GOAL }).getByRole('radio', { name: '7', exact: true }).check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await handBack(page, ['7 out of 10', 'No new goals this time.']);
  await page.getByRole('button', { name: "Back to Alex's goals" }).click();

  card = page.locator('li.goal', { hasText: GOAL });
  await card.getByText('Up 4 since the start').waitFor();
  assert.deepEqual(await chartOf(card), { points: 2, label: 'From 3 to 7 over 2 sessions.' });
  await card.getByText('From 3 to 7 over 2 sessions.').waitFor();
  await checkScreen(page, 'worker-two-sessions');
  await page.screenshot({ path: `${SHOTS}/goals-worker-two-sessions-full.png`, fullPage: true });

  // Session three: "I'd rather not say" is a real answer, and leaves the picture as it was.
  await handOver(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByRole('group', { name: GOAL }).getByRole('radio', { name: "I'd rather not say" }).check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await handBack(page, ['Rather not say']);
  await page.getByRole('button', { name: "Back to Alex's goals" }).click();
  card = page.locator('li.goal', { hasText: GOAL });
  await card.waitFor();
  assert.deepEqual(await chartOf(card), { points: 2, label: 'From 3 to 7 over 2 sessions.' });

  // The API kept the words byte for byte, and three sessions, one of them "rather not say".
  const me = await apiGet(page, '/api/v1/young-people');
  const alex = me.body.find((p) => p.first_name === 'Alex');
  const goals = await apiGet(page, `/api/v1/young-people/${alex.id}/goals`);
  const goal = goals.body.goals.find((g) => g.words === GOAL);
  assert.ok(goal, 'the goal is stored exactly as typed');
  assert.equal(goal.what_will_help, HELP);
  assert.deepEqual(goal.ratings.map((r) => r.rating), [3, 7, null]);
  assert.match(goal.typed_by, /^Alex/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Alex sees the goal word for word on their own phone, with the chart", async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signIn(page, ALEX);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();
  const card = page.locator('li.goal', { hasText: GOAL });
  await card.waitFor();
  await card.getByText('In your words', { exact: true }).waitFor();
  assert.equal(await card.locator('.goal-words').innerText(), GOAL);
  assert.equal(
    await card.locator('.goal-words').evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap',
  );
  assert.deepEqual(await chartOf(card), { points: 2, label: 'From 3 to 7 over 2 sessions.' });
  await card.getByText('From 3 to 7 over 2 sessions.').waitFor();
  await card.getByText(HELP).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}/);
  await checkScreen(page, 'alex');
  await page.screenshot({ path: `${SHOTS}/goals-alex-full.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Alex adds, rewords, rates and reaches a goal; mistakes are explained beside the field', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/goals`);
  await page.getByRole('heading', { level: 2, name: 'Working on it' }).waitFor();

  // An empty goal: the summary at the top and the message beside the field.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const help = page.getByLabel('What will help? (you can skip this)');
  await help.fill('My friends');
  await page.getByRole('button', { name: 'Save my goal' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Your goal has not been saved yet' });
  await summary.getByRole('link', { name: 'Please write your goal.' }).waitFor();
  await page.locator('#new-goal-words-error').getByText('Please write your goal.').waitFor();
  assert.equal(await help.inputValue(), 'My friends', 'what was typed is kept');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/goals-add-error.png` });

  const second = 'Go to the climbing club\nevery week';
  await page.getByLabel('What would you like to work on?').fill(second);
  // The server's own answer about a field (422) goes beside that field too, and in the
  // summary, with everything typed kept.
  const tooMany = 'You are already working on 3 goals. You could finish, pause or let go of one first.';
  await page.route('**/api/v1/young-people/*/goals', (route) => route.fulfill({
    status: 422,
    json: { error: { code: 'validation', message: tooMany, field: 'words', fields: [{ field: 'words', message: tooMany }] } },
  }), { times: 1 });
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await page.locator('#new-goal-words-error').getByText(tooMany).waitFor();
  await summary.getByRole('link', { name: tooMany }).waitFor();
  assert.equal(await page.getByLabel('What would you like to work on?').inputValue(), second);
  assert.equal(await help.inputValue(), 'My friends');
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await page.getByText('Saved, in your words.', { exact: false }).waitFor();
  const card = page.locator('li.goal', { hasText: 'Go to the climbing club' });
  assert.equal(await card.locator('.goal-words').innerText(), second);

  // Rewording keeps the old words, shown on a tap.
  await card.getByRole('button', { name: 'Change my words' }).click();
  await card.getByLabel('Your goal, in your words').fill('Go climbing every week');
  await card.getByRole('button', { name: 'Save my new words' }).click();
  const reworded = page.locator('li.goal', { hasText: 'Go climbing every week' });
  await reworded.getByText('Earlier words (1)').click();
  await reworded.locator('details .prose').getByText('Go to the climbing club', { exact: false }).waitFor();

  // Rating: "rather not say" for one, skip the other.
  await page.getByRole('button', { name: 'Rate my goals' }).click();
  await page.getByRole('group', { name: GOAL }).getByRole('radio', { name: "I'd rather not say" }).check();
  await expectNoAxeViolations(page);
  await expectBigTapTargets(page, 20);
  await page.screenshot({ path: `${SHOTS}/goals-alex-rate.png`, fullPage: true });
  // The answer is lost on the way back (the server did record it): the answers wait on
  // the phone and are sent again by themselves, and the session is recorded once.
  let lose = true;
  await page.route('**/api/v1/young-people/*/goal-ratings', async (route) => {
    if (lose) {
      lose = false;
      await route.fetch();
      await route.abort('internetdisconnected');
    } else {
      await route.continue();
    }
  });
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByText('Thank you. Your answers are saved on this phone.', { exact: false }).waitFor();
  const waiting = page.locator('#outbox summary');
  assert.equal(await waiting.innerText(), '1 thing waiting to send');
  await waiting.waitFor({ state: 'detached', timeout: 20_000 });
  const me0 = await apiGet(page, '/api/v1/me');
  const after = await apiGet(page, `/api/v1/young-people/${me0.body.young_person_id}/goals`);
  assert.deepEqual(after.body.goals.find((g) => g.words === GOAL).ratings.map((r) => r.rating), [3, 7, null, null]);

  // Reaching a goal is celebrated, in words.
  await reworded.getByRole('button', { name: 'Got there? Need a rest?' }).click();
  await reworded.getByRole('radio', { name: 'I got there' }).check();
  await reworded.getByLabel('Why? (you can skip this)').fill('I went 4 times 🎉');
  await reworded.getByRole('button', { name: 'Save', exact: true }).click();
  const party = page.getByRole('status').filter({ hasText: 'You got there!' });
  await party.waitFor();
  await party.getByText('Go climbing every week').waitFor();
  const reached = page.locator('section', { has: page.getByRole('heading', { name: 'Reached, resting or let go' }) });
  await reached.getByText('I went 4 times 🎉').waitFor();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/goals-celebrate.png` });

  // Alex is back to one goal being worked on.
  const goals = await apiGet(page, `/api/v1/young-people/${me0.body.young_person_id}/goals`);
  assert.equal(goals.body.goals.filter((g) => g.status === 'working_on_it').length, 1);
  // The lost answer is the only thing the browser complained about.
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('with reduced motion, reaching a goal is celebrated with words only', async () => {
  const { context, page, problems } = await phone(browser());
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/goals`);
  const closed = page.locator('li.goal', { hasText: 'Go climbing every week' });
  // Take it up again, then reach it again.
  await closed.getByRole('button', { name: 'Work on it again' }).click();
  // The same goal, now being worked on again.
  const card = page.locator('li.goal', { hasText: 'Go climbing every week' });
  await card.getByRole('button', { name: 'Got there? Need a rest?' }).click();
  await card.getByRole('radio', { name: 'I got there' }).check();
  await card.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'You got there!' }).waitFor();
  const sparks = await page.locator('.sparks span').first().evaluate((el) => getComputedStyle(el).display);
  assert.equal(sparks, 'none');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a young person who is not on the list is explained kindly', async () => {
  const { context, page } = await phone(browser());
  await signIn(page, SAM);
  await page.goto(`${BASE_URL}/staff/young-people/5d1f0c1e-0000-4000-8000-000000000000/goals`);
  await page.getByRole('alert').getByText("We couldn't", { exact: false }).first().waitFor();
  await expectNoAxeViolations(page);
  await context.close();
});
