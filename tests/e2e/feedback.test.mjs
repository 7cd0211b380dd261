// Browser tests: session feedback. Sam records a session; Alex says how it went on their
// phone in a few taps, skipping a question; Sam sees it, and a flag after a low score;
// Sam says what changed (its first answer lost on a signal that hangs: "We couldn't
// connect", and Save again keeps it once) and Alex reads it. The tests run in order on one
// server.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, SAM, SHOTS, couldntConnect, expectBigTapTargets, expectFitsWidth, expectNoAxeViolations,
  hangFirstAnswer, phone, realProblems, signIn, useBrowser,
} from './phone.mjs';

const COMMENT = 'Could we go for a walk next time? 🚶 ŵ';

const browser = useBrowser();

/** Alex's card on Sam's list, then its "Feedback" link. */
async function openAlexFeedback(page) {
  await signIn(page, SAM);
  await page.getByRole('link', { name: 'Feedback from Alex' }).click();
  await page.getByRole('heading', { level: 1, name: "Alex's feedback" }).waitFor();
}

/** Counts every tap (and click) the page receives. */
async function countTaps(page) {
  await page.evaluate(() => {
    window.__taps = 0;
    document.addEventListener('click', () => { window.__taps += 1; }, true);
  });
  return () => page.evaluate(() => window.__taps);
}

test('a worker records a session for a young person to give feedback on', async () => {
  const { context, page, problems } = await phone(browser());
  await openAlexFeedback(page);
  const record = page.getByRole('region', { name: 'Record a session' });
  await record.getByLabel('Who was there (you can skip this)').fill('Priya');
  await record.getByLabel('How').selectOption({ label: 'Face to face' });
  // "Did it happen?" starts with nothing chosen: saving says so by the field, and keeps
  // what was typed.
  const happened = record.getByLabel('Did it happen?');
  assert.equal(await happened.inputValue(), '');
  await record.getByRole('button', { name: 'Save session' }).click();
  await record.locator('#missed-error').getByText('Please choose whether the session happened.').waitFor();
  assert.equal(await happened.getAttribute('aria-invalid'), 'true');
  assert.equal(await record.getByLabel('Who was there (you can skip this)').inputValue(), 'Priya');
  await expectNoAxeViolations(page);
  await happened.selectOption({ label: 'Yes, it happened' });
  await record.getByRole('button', { name: 'Save session' }).click();
  await record.getByText('Saved.').waitFor();
  assert.equal(await happened.inputValue(), '', 'nothing chosen again for the next one');
  assert.match(await record.locator('.sessions').innerText(), /today.*One to one, face to face with Priya/i);
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a young person says how the session went in a few taps, skipping a question', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.getByText('About your session today with Priya.').waitFor();
  await page.screenshot({ path: `${SHOTS}/feedback-form.png`, fullPage: true });
  await expectNoAxeViolations(page);

  const taps = await countTaps(page);
  const question = (name) => page.getByRole('group', { name });
  await question('Did you feel listened to?').getByLabel('5 of 5: Yes, a lot').check();
  await question('Did we talk about, or do, what you wanted?').getByLabel('4 of 5').check();
  // "Was the way we worked OK for you?" is skipped.
  await question('Did you feel put on the spot?').getByLabel('Rather not say').check();
  await question('Overall, how was it?').getByLabel('5 of 5: Really good').check();
  await page.getByLabel('What would make next time better? (you can skip this)').fill(COMMENT);
  await page.getByRole('button', { name: 'Send' }).click();
  const thanks = page.getByRole('status').filter({ hasText: 'Thank you. Your feedback is sent.' });
  await thanks.waitFor();
  assert.ok((await taps()) <= 10, `it took ${await taps()} taps`);
  assert.match(await thanks.innerText(), /Your worker will read this/);

  // The form is empty again, and what was sent is listed, in Alex's own words.
  assert.equal(await question('Overall, how was it?').getByLabel('5 of 5: Really good').isChecked(), false);
  const past = page.getByRole('region', { name: 'What you said before' });
  const item = past.locator('.feedback-item').first();
  assert.equal(await item.locator('.view-words').textContent(), COMMENT);
  assert.match(await item.innerText(), /Rather not say/);
  assert.doesNotMatch(await item.innerText(), /Was the way we worked OK/);
  await page.screenshot({ path: `${SHOTS}/feedback-sent.png`, fullPage: true });
  await expectBigTapTargets(page, 10);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after a low score the worker sees a flag, and says what changed', async () => {
  // A hard session, and a comment only for the manager.
  const alexPhone = await phone(browser());
  const alex = alexPhone.page;
  await signIn(alex, ALEX);
  await alex.goto(new URL('/feedback', alex.url()).href);
  await alex.getByRole('group', { name: 'Overall, how was it?' }).getByLabel('1 of 5: Not good').check();
  await alex.getByRole('group', { name: 'Did you feel listened to?' }).getByLabel('1 of 5: Not really').check();
  await alex.getByLabel('What would make next time better? (you can skip this)').fill('Sam was on the phone a lot.');
  await alex.getByLabel("Only your worker's manager").check();
  await alex.getByRole('button', { name: 'Send' }).click();
  await alex.getByText('What you wrote goes only to your worker\'s manager.').waitFor();

  const samPhone = await phone(browser());
  const sam = samPhone.page;
  await signIn(sam, SAM);
  const card = sam.locator('li.person', { has: sam.getByRole('heading', { name: 'Alex', exact: true }) });
  await card.getByText("Last session didn't go well").waitFor();
  await card.getByRole('link', { name: 'Feedback from Alex' }).click();
  const flag = sam.getByRole('status').filter({ hasText: 'Worth talking about' });
  await flag.waitFor();
  assert.match(await flag.innerText(), /Talk about it next time/);
  // The chart and its words: from 5 to 1 over 2 sessions.
  const chart = sam.getByRole('img', { name: /^From .* to 1 out of 5 over 2 sessions\.$/ });
  await chart.waitFor();
  assert.equal(await chart.locator('circle').count(), 2);
  // The comment meant for the manager only is not shown to Sam; the earlier one is.
  const list = sam.getByRole('region', { name: 'Feedback, newest first' });
  assert.doesNotMatch(await list.innerText(), /on the phone a lot/);
  await list.getByText('Alex chose to send what they wrote to your manager only.').waitFor();
  assert.equal(await list.locator('.view-words').first().textContent(), COMMENT);
  await sam.screenshot({ path: `${SHOTS}/feedback-worker.png`, fullPage: true });
  await expectNoAxeViolations(sam);

  // "You said, we did".
  const newest = list.locator('.feedback-item').first();
  await newest.getByRole('button', { name: 'Add “You said, we did”' }).click();
  await newest.getByLabel('You said, we did: what changed because of this?').fill('I keep my phone away in our sessions now.');
  // The first try reaches the server and is kept, but its answer never comes back.
  const tries = await hangFirstAnswer(sam, '**/follow-ups', 'POST');
  await newest.getByRole('button', { name: 'Save' }).click();
  await couldntConnect(newest);
  assert.equal(
    await newest.getByLabel('You said, we did: what changed because of this?').inputValue(),
    'I keep my phone away in our sessions now.',
  );
  await newest.getByRole('button', { name: 'Save' }).click();
  await newest.getByText('Sam Rivers said what changed').waitFor();
  assert.equal(tries(), 2);

  await alex.reload();
  const mine = alex.getByRole('region', { name: 'What you said before' }).locator('.feedback-item').first();
  await mine.getByText('I keep my phone away in our sessions now.').waitFor();
  assert.ok(await mine.getByText('Sam Rivers said what changed').isVisible());
  assert.equal(await mine.getByText('I keep my phone away in our sessions now.').count(), 1, 'kept once');
  assert.deepEqual(alexPhone.problems, []);
  assert.deepEqual(realProblems(samPhone.problems), []);
  await alexPhone.context.close();
  await samPhone.context.close();
});

test('the feedback form fits a small phone', async () => {
  const { context, page } = await phone(browser(), { width: 360, height: 640 });
  await signIn(page, ALEX);
  await page.goto(new URL('/feedback', page.url()).href);
  await page.getByRole('group', { name: 'Overall, how was it?' }).waitFor();
  await expectFitsWidth(page, 360, '/feedback');
  await page.screenshot({ path: `${SHOTS}/feedback-360.png` });
  await context.close();
});
