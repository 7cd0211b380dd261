// Browser tests: a phone with a bad signal loses nothing. Alex's half-written feedback
// survives a reload; sent with no signal it waits on the phone ("1 thing waiting to
// send"), still there after reopening the app with no signal (the service worker keeps the
// app), and is sent exactly once when the signal comes back. Signing out removes
// everything kept on the phone. The tests run in order on one server, after feedback.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SHOTS, apiGet, apiPost, expectNoAxeViolations, phone, realProblems,
  signIn, waitForServiceWorker, useBrowser,
  couldntConnect, hangFirstAnswer,
} from './phone.mjs';

const COMMENT = `Sent from the bus, no signal 🚌 ${Date.now()}`;
const DRAFT = 'Half-written, then the tab closed ŵ';

const browser = useBrowser();

async function openFeedback(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
}

const question = (page, name) => page.getByRole('group', { name });
const commentBox = (page) => page.getByLabel('What would make next time better? (you can skip this)');
const waitingNotice = (page) => page.locator('#outbox summary');

/** Every key this app keeps in the phone's storage. */
async function keptKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journey.')));
}

async function feedbackWithComment(page, comment) {
  const { status, body } = await apiGet(page, '/api/v1/me');
  assert.equal(status, 200);
  const all = await apiGet(page, `/api/v1/young-people/${body.young_person_id}/feedback`);
  assert.equal(all.status, 200);
  return all.body.feedback.filter((f) => f.comment === comment);
}

test('the app can be installed: a manifest, icons and a service worker', async () => {
  const { context, page } = await phone(browser());
  await page.goto(`${BASE_URL}/sign-in`);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    const response = await fetch(link.href);
    return { type: response.headers.get('content-type'), body: await response.json() };
  });
  assert.equal(manifest.body.name, 'My Journey');
  assert.equal(manifest.body.display, 'standalone');
  assert.equal(manifest.body.start_url, '/');
  assert.equal(manifest.body.theme_color, '#1c5d66');
  for (const icon of manifest.body.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    assert.equal(status, 200, icon.src);
  }
  assert.ok(manifest.body.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));
  const worker = await page.evaluate(async () => {
    const response = await fetch('/sw.js');
    return { status: response.status, type: response.headers.get('content-type') };
  });
  assert.equal(worker.status, 200);
  assert.match(worker.type, /javascript/);
  await waitForServiceWorker(page);
  await context.close();
});

test('a half-written feedback form comes back after a reload', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await openFeedback(page);
  await question(page, 'Overall, how was it?').getByLabel('4 of 5').check();
  await commentBox(page).fill(DRAFT);
  await page.reload();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await commentBox(page).inputValue(), DRAFT);
  assert.equal(await question(page, 'Overall, how was it?').getByLabel('4 of 5').isChecked(), true);
  // Emptying the box is kept too; the face stays.
  await commentBox(page).fill('');
  await page.reload();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await commentBox(page).inputValue(), '');
  assert.equal(await question(page, 'Overall, how was it?').getByLabel('4 of 5').isChecked(), true);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('a half-written goal and a half-written view come back after a reload', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  const myView = page.getByRole('region', { name: 'Your view of your plan' });
  await myView.getByRole('button', { name: 'Add my view' }).click();
  await myView.getByLabel("I'm not sure").check();
  await myView.getByLabel('In your own words (you can skip this)').fill(DRAFT);
  await page.reload();
  // The form opens by itself, as it was.
  await myView.getByLabel('In your own words (you can skip this)').waitFor();
  assert.equal(await myView.getByLabel('In your own words (you can skip this)').inputValue(), DRAFT);
  assert.ok(await myView.getByLabel("I'm not sure").isChecked());
  // "Cancel" empties the form, and the draft goes with it.
  await myView.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await myView.getByRole('button', { name: 'Add my view' }).waitFor();
  assert.equal(await myView.locator('form').count(), 0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const goalWords = page.getByLabel('What would you like to work on?');
  await goalWords.fill('Learn to cook pasta 🍝');
  await page.reload();
  await goalWords.waitFor();
  assert.equal(await goalWords.inputValue(), 'Learn to cook pasta 🍝');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('feedback sent with no signal waits on the phone, survives reopening, and is sent once', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await waitForServiceWorker(page);
  await openFeedback(page);
  await question(page, 'Did you feel listened to?').getByLabel('4 of 5').check();
  await commentBox(page).fill(COMMENT);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Your feedback is saved on this phone' }).waitFor();
  assert.equal(await waitingNotice(page).innerText(), '1 thing waiting to send');
  assert.equal(await commentBox(page).inputValue(), '', 'the form is ready for next time');
  await waitingNotice(page).click();
  await page.locator('#outbox').getByText('Your feedback about a session').waitFor();
  await page.screenshot({ path: `${SHOTS}/offline-waiting.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Closed and opened again with no signal: the app opens, and it is still waiting.
  await page.reload();
  await waitingNotice(page).waitFor();
  assert.equal(await waitingNotice(page).innerText(), '1 thing waiting to send');
  await page.screenshot({ path: `${SHOTS}/offline-reopened.png`, fullPage: true });
  // The plan loaded earlier on this phone can still be read, marked as possibly old.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Journey' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.getByText("There's no signal just now.").waitFor();
  await page.getByText('It may be out of date.').waitFor();
  await page.screenshot({ path: `${SHOTS}/offline-old-plan.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Signal again: it sends by itself, and the notice goes.
  await context.setOffline(false);
  await waitingNotice(page).waitFor({ state: 'detached', timeout: 20_000 });
  const kept = await feedbackWithComment(page, COMMENT);
  assert.equal(kept.length, 1, 'recorded exactly once');
  assert.deepEqual((await keptKeys(page)).sort(), ['journey.copy.alex.journey', 'journey.me']);

  // Trying again (another tab, a retry) changes nothing.
  await page.goto(`${BASE_URL}/feedback`);
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await waitingNotice(page).count(), 0);
  assert.equal((await feedbackWithComment(page, COMMENT)).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('feedback whose answer never comes is saved on the phone after 15 seconds, then sent once by itself', async () => {
  // No service worker: the page's own retry is what sends it again.
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  await openFeedback(page);
  const comment = `One bar of signal, it hung ${Date.now()}`;
  await question(page, 'Did you feel listened to?').getByLabel('5 of 5').check();
  await commentBox(page).fill(comment);
  // The first try is never answered (a signal that hangs); the tries after it go.
  let tries = 0;
  await page.route(/\/api\/v1\/young-people\/[^/]+\/feedback$/, (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    tries += 1;
    if (tries > 1) return route.continue();
  });
  await page.getByRole('button', { name: 'Send' }).click();
  // Given up on after 15 seconds, as with no signal: saved on this phone, not "Sending…".
  await page.getByRole('status').filter({ hasText: 'Your feedback is saved on this phone' }).waitFor();
  assert.equal(tries, 1);
  // Then sent again by itself, once.
  await waitingNotice(page).waitFor({ state: 'detached', timeout: 20_000 });
  assert.equal(tries, 2);
  assert.equal((await feedbackWithComment(page, comment)).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('opened on a signal that hangs, the app opens after 15 seconds, with the plan this phone kept and "I don\'t feel safe"', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  await page.locator('#journey-hello').waitFor();
  await page.waitForFunction(() => localStorage.getItem('journey.copy.alex.journey') !== null);
  // From now on nothing the app asks the server is ever answered: connected, but the
  // signal has gone quiet (the browser itself would wait for minutes).
  let unanswered = 0;
  await page.route('**/api/v1/**', () => { unanswered += 1; });
  await page.reload();
  await page.getByText('Opening My Journey…').waitFor();
  // Given up on, as with no signal: the app opens as Alex, with the plan kept on this phone.
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor({ timeout: 25_000 });
  await page.getByText("There's no signal just now.").waitFor({ timeout: 25_000 });
  await page.getByText('It may be out of date.').waitFor();
  await page.locator('#journey-hello').waitFor();
  assert.ok(await page.getByRole('link', { name: "I don't feel safe" }).first().isVisible());
  assert.ok(unanswered > 0);
  await page.screenshot({ path: `${SHOTS}/offline-hung-opened.png`, fullPage: true });
  // Signal again: Try again brings the plan as it is now.
  await page.unroute('**/api/v1/**');
  await page.locator('.old-copy').getByRole('button', { name: 'Try again' }).click();
  await page.locator('.old-copy').waitFor({ state: 'detached' });
  await page.locator('#journey-hello').waitFor();
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('signing in on a signal that hangs: after 15 seconds "We couldn\'t connect", what was typed stays, and it signs in once the signal is back', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  let tries = 0;
  await page.route('**/api/v1/auth/sign-in', (route) => {
    tries += 1;
    if (tries > 1) return route.continue();
  });
  await page.getByLabel('Username', { exact: true }).fill(ALEX.username);
  await page.getByLabel('Password', { exact: true }).fill(ALEX.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await couldntConnect(page);
  assert.equal(tries, 1);
  assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), ALEX.username);
  await page.screenshot({ path: `${SHOTS}/offline-sign-in-hung.png`, fullPage: true });
  // Pressed again, with the signal back (the password is typed again if the page emptied it).
  if (await page.getByLabel('Password', { exact: true }).inputValue() === '') {
    await page.getByLabel('Password', { exact: true }).fill(ALEX.password);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(tries, 2);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('signing out on a signal that hangs: after 15 seconds "We couldn\'t connect", still signed in, and it signs out once the signal is back', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  await page.getByRole('link', { name: 'Account' }).click();
  const signOut = page.getByRole('region', { name: 'Signing out' });
  await signOut.getByRole('button', { name: 'Sign out' }).waitFor();
  let tries = 0;
  await page.route('**/api/v1/auth/sign-out', (route) => {
    tries += 1;
    if (tries > 1) return route.continue();
  });
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await signOut.getByText("We couldn't connect just now. Check your signal or Wi-Fi, then try again.")
    .waitFor({ timeout: 25_000 });
  assert.equal(tries, 1);
  assert.equal(new URL(page.url()).pathname, '/account');
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(tries, 2);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('a new goal whose answer never comes: after 15 seconds "We couldn\'t connect", the words stay, and Save again makes it once', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  const me = (await apiGet(page, '/api/v1/me')).body;
  const goalsPath = `/api/v1/young-people/${me.young_person_id}/goals`;
  // Room for one more goal (the tests before may have filled Alex's three).
  const active = (await apiGet(page, goalsPath)).body.goals.filter((g) => g.status === 'working_on_it');
  for (const goal of active.slice(2)) {
    assert.equal((await apiPost(page, `${goalsPath}/${goal.id}/status`, { status: 'paused' })).status, 200);
  }
  await page.goto(`${BASE_URL}/goals`);
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const words = `Learn to swim, even on one bar of signal ${Date.now()}`;
  await page.getByLabel('What would you like to work on?').fill(words);
  // The first try reaches the server, but its answer never comes back (a signal that
  // hangs); the tries after it go as usual.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/goals', 'POST');
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await couldntConnect(page);
  assert.equal(tries(), 1);
  assert.equal(await page.getByLabel('What would you like to work on?').inputValue(), words);
  await page.screenshot({ path: `${SHOTS}/offline-goal-hung.png`, fullPage: true });
  // Save again: the goal the first try made, once.
  await page.getByRole('button', { name: 'Save my goal' }).click();
  await page.getByText('Saved, in your words.', { exact: false }).waitFor();
  assert.equal(tries(), 2);
  await page.locator('li.goal', { hasText: words }).waitFor();
  assert.equal(await page.locator('li.goal', { hasText: words }).count(), 1);
  const saved = (await apiGet(page, goalsPath)).body.goals.filter((g) => g.words === words);
  assert.equal(saved.length, 1);

  // New words, the same way: the first try arrives but its answer never comes; saved
  // again, the words change once (one earlier version, not two).
  const card = page.locator('li.goal', { hasText: words });
  const reworded = `${words}, and dive`;
  const rewords = await hangFirstAnswer(page, '**/api/v1/young-people/*/goals/*/words');
  await card.getByRole('button', { name: 'Change my words' }).click();
  await card.getByLabel('Your goal, in your words').fill(reworded);
  await card.getByRole('button', { name: 'Save my new words' }).click();
  await couldntConnect(card);
  assert.equal(await card.getByLabel('Your goal, in your words').inputValue(), reworded);
  await card.getByRole('button', { name: 'Save my new words' }).click();
  const after = page.locator('li.goal', { hasText: reworded });
  await after.getByText('Earlier words (1)').waitFor();
  assert.equal(rewords(), 2);
  const versions = (await apiGet(page, goalsPath)).body.goals.find((g) => g.id === saved[0].id);
  assert.equal(versions.words, reworded);
  assert.equal(versions.earlier_words.length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('"My view" on a signal that hangs: after 15 seconds "We couldn\'t connect", what was typed stays, and Save again keeps it once', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  const myView = page.getByRole('region', { name: 'Your view of your plan' });
  await myView.getByRole('button', { name: 'Add my view' }).click();
  const words = `Can we meet somewhere quieter? ${Date.now()}`;
  await myView.getByLabel("I'm not sure").check();
  await myView.getByLabel('In your own words (you can skip this)').fill(words);
  // The first try reaches the server, but its answer never comes back.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/views', 'POST');
  await myView.getByRole('button', { name: 'Save my view' }).click();
  await couldntConnect(myView);
  assert.equal(tries(), 1);
  assert.equal(await myView.getByLabel('In your own words (you can skip this)').inputValue(), words);
  assert.ok(await myView.getByLabel("I'm not sure").isChecked());
  await page.screenshot({ path: `${SHOTS}/offline-view-hung.png`, fullPage: true });
  // Save again: the view the first try kept, once.
  await myView.getByRole('button', { name: 'Save my view' }).click();
  await myView.getByText('Thank you. Your view is saved, and your worker will see it.').waitFor();
  assert.equal(tries(), 2);
  assert.equal(await myView.getByText(words).count(), 1);
  const me = (await apiGet(page, '/api/v1/me')).body;
  const journey = (await apiGet(page, `/api/v1/young-people/${me.young_person_id}/journey`)).body;
  assert.equal(journey.views.filter((v) => v.words === words).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('words mended after "We couldn\'t connect" are kept as mended, not answered with the first try\'s words', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  const myView = page.getByRole('region', { name: 'Your view of your plan' });
  await myView.getByRole('button', { name: 'Add my view' }).click();
  const box = myView.getByLabel('In your own words (you can skip this)');
  const first = `Can we meet on Tuesdays? ${Date.now()}`;
  await box.fill(first);
  // The first try reaches the server and is kept there, but its answer never comes back.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/views', 'POST');
  await myView.getByRole('button', { name: 'Save my view' }).click();
  await couldntConnect(myView);
  // They mend a word and save again. Sent with the first try's id, the server would
  // answer with the view it kept, and the mend would be lost without a word.
  const mended = first.replace('Tuesdays', 'Wednesdays');
  await box.fill(mended);
  await myView.getByRole('button', { name: 'Save my view' }).click();
  await myView.getByText('Thank you. Your view is saved, and your worker will see it.').waitFor();
  assert.equal(tries(), 2);
  assert.equal(await myView.getByText(mended).count(), 1);
  const me = (await apiGet(page, '/api/v1/me')).body;
  const journey = (await apiGet(page, `/api/v1/young-people/${me.young_person_id}/journey`)).body;
  assert.equal(journey.views.filter((v) => v.words === mended).length, 1);
  // The first try did arrive: it is kept too (nothing typed is lost), once.
  assert.equal(journey.views.filter((v) => v.words === first).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('telling us something\'s wrong on a signal that hangs: after 15 seconds "We couldn\'t connect", what was typed stays, and Send again sends it once', async () => {
  const { context, page, problems } = await phone(browser(), undefined, { serviceWorkers: 'block' });
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/help/tell-us`);
  await page.getByRole('heading', { level: 1, name: "Tell us something's wrong" }).waitFor();
  const words = `The bus to my sessions keeps being late ${Date.now()}`;
  await page.getByLabel('Something else', { exact: true }).check();
  await page.getByLabel("What's wrong?").fill(words);
  // The first try reaches the server, but its answer never comes back.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/concerns', 'POST');
  await page.getByRole('button', { name: 'Send' }).click();
  await couldntConnect(page);
  assert.equal(tries(), 1);
  assert.equal(await page.getByLabel("What's wrong?").inputValue(), words);
  assert.ok(await page.getByLabel('Something else', { exact: true }).isChecked());
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Sent. Thank you for telling us.' }).waitFor();
  assert.equal(tries(), 2);
  const me = (await apiGet(page, '/api/v1/me')).body;
  const concerns = (await apiGet(page, `/api/v1/young-people/${me.young_person_id}/concerns`)).body;
  assert.equal(concerns.filter((c) => c.words === words).length, 1);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('signing out removes drafts and what is waiting from the phone', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await openFeedback(page);
  // The server has a problem for a while: the feedback waits on the phone.
  await page.route('**/api/v1/young-people/*/feedback', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, body: '' })
      : route.continue(),
  );
  await question(page, 'Overall, how was it?').getByLabel('3 of 5').check();
  await page.getByRole('button', { name: 'Send' }).click();
  await waitingNotice(page).waitFor();
  // And a draft, half-written.
  await commentBox(page).fill(DRAFT);
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('journey.draft.alex.')));
  assert.ok((await keptKeys(page)).includes('journey.outbox.alex'));

  await page.getByRole('link', { name: 'Account' }).click();
  const signOut = page.getByRole('region', { name: 'Signing out' });
  await signOut.getByText('You have 1 thing still waiting to send.').waitFor();
  await page.screenshot({ path: `${SHOTS}/offline-sign-out.png`, fullPage: true });
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(await keptKeys(page), []);

  await page.unroute('**/api/v1/young-people/*/feedback');
  await signIn(page, ALEX);
  await openFeedback(page);
  assert.equal(await commentBox(page).inputValue(), '');
  assert.equal(await waitingNotice(page).count(), 0);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('"this phone is shared" keeps nothing on the phone', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByLabel("This phone is shared: don't keep anything on it").check();
  assert.deepEqual(await keptKeys(page), ['journey.shared-phone']);
  await openFeedback(page);
  await commentBox(page).fill(DRAFT);
  await page.reload();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await commentBox(page).inputValue(), '');
  assert.deepEqual(await keptKeys(page), ['journey.shared-phone']);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('half-chosen ratings, new words for a goal and a note come back after a reload', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  // Alex needs a goal being worked on and some feedback (the tests before leave some; on
  // their own, these make sure).
  const me = (await apiGet(page, '/api/v1/me')).body;
  await page.evaluate(async (id) => {
    const post = (path, body) => fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const goals = await (await fetch(`/api/v1/young-people/${id}/goals`)).json();
    if (!goals.goals.some((g) => g.status === 'working_on_it')) {
      await post(`/api/v1/young-people/${id}/goals`, { words: 'Sleep better', agreed_by: 'young_person' });
    }
    const feedback = await (await fetch(`/api/v1/young-people/${id}/feedback`)).json();
    if (feedback.feedback.length === 0) {
      await post(`/api/v1/young-people/${id}/feedback`, { client_id: crypto.randomUUID() });
    }
  }, me.young_person_id);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('heading', { level: 1, name: 'Goals' }).waitFor();

  // Ratings: a number chosen, then the tab closes. The form opens again, as it was.
  await page.getByRole('button', { name: 'Rate my goals' }).click();
  const scale = page.locator('fieldset.rating').first();
  await scale.getByRole('radio', { name: '6', exact: true }).check();
  await page.reload();
  await page.locator('fieldset.rating').first().getByRole('radio', { name: '6', exact: true }).waitFor();
  assert.ok(await page.locator('fieldset.rating').first().getByRole('radio', { name: '6', exact: true }).isChecked());
  // Cancel: nothing is kept, and the form stays closed after a reload.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Rate my goals' }).waitFor();
  assert.equal(await page.locator('fieldset.rating').count(), 0);

  // New words for a goal: half-typed, reloaded, still there.
  await page.getByRole('button', { name: 'Change my words' }).first().click();
  const newWords = page.getByLabel('Your goal, in your words');
  await newWords.fill('Feel calmer at school, and on the bus 🚌');
  await page.reload();
  await newWords.waitFor();
  assert.equal(await newWords.inputValue(), 'Feel calmer at school, and on the bus 🚌');
  // Cancel leaves the goal as it was, and the draft goes.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Change my words' }).first().waitFor();
  assert.equal(await newWords.count(), 0);

  // A note after feedback: "what happened after I said this".
  await nav.getByRole('link', { name: 'Feedback' }).click();
  const past = page.getByRole('region', { name: 'What you said before' });
  const item = past.locator('.feedback-item').first();
  await item.getByRole('button', { name: 'Add what happened after I said this' }).click();
  await item.getByLabel('What happened after you said this?').fill('We went for a walk 🌳');
  await page.reload();
  await item.getByLabel('What happened after you said this?').waitFor();
  assert.equal(await item.getByLabel('What happened after you said this?').inputValue(), 'We went for a walk 🌳');
  // Cancel empties it, and the draft goes with it.
  await item.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await item.getByRole('button', { name: 'Add what happened after I said this' }).waitFor();
  assert.equal(await item.locator('form').count(), 0);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
