// Browser tests: Help and concerns. A young person reads how to complain, tells us
// something's wrong and gets a reference; the manager answers; the young person sees the
// answer; quick exit leaves the app. The tests run in order and share the reference.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, CERI, MORGAN, SAM, SHOTS, apiGet, apiPost, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, launchBrowser, phone, signIn,
} from './phone.mjs';

const REFERENCE = /^C-[A-HJ-NP-Z2-9]{4}$/;
const WORDS = 'My key worker keeps being late for our meetings.\nI feel like I don\'t matter.';
const ANSWER = 'Thank you for telling us. We talked with your worker, and from now on they will text you if they are running late.';
const NEUTRAL = 'https://www.bbc.co.uk/weather';
const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';

let browser;
/** The reference Alex gets, answered by Morgan in the next test. */
let reference;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('a young person reads the steps on Help, and tells us something is wrong', async () => {
  const { context, page, problems } = await phone(browser);
  await signIn(page, ALEX);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Help' }).click();
  await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();

  // The words are the organisation's, from the API, shown as served.
  const help = (await apiGet(page, '/api/v1/help')).body;
  const main = page.locator('main');
  await main.getByRole('heading', { name: "It's OK to complain" }).waitFor();
  await main.getByText('You will not be in trouble', { exact: false }).waitFor();
  for (const [i, step] of help.content.steps.entries()) {
    await main.getByRole('heading', { name: `Step ${i + 1}: ${step.title}` }).waitFor();
    assert.ok(await main.getByText(step.how_long).isVisible(), `how long: ${step.how_long}`);
  }
  assert.ok(await main.getByRole('heading', { name: 'An advocate: someone on your side' }).isVisible());
  assert.ok(await main.getByRole('heading', { name: "What's private, and who can see what" }).isVisible());
  // Tap to call, and the danger box at the top.
  assert.equal(await page.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  assert.equal(
    await page.getByRole('link', { name: /^Call 0800 1111\W+Childline$/ }).getAttribute('href'),
    'tel:08001111',
  );
  assert.equal(
    await page.getByRole('link', { name: /^Website\s+for Childline \(opens in a new tab\)$/ }).getAttribute('href'),
    'https://www.childline.org.uk',
  );
  assert.ok(await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).isVisible());
  await page.screenshot({ path: `${SHOTS}/help-page.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/help-first-screen.png` });
  await expectNoAxeViolations(page);
  await expectBigTapTargets(page, 5);

  // Sending nothing is explained, next to the field and in a summary.
  await page.getByRole('link', { name: "Tell us something's wrong" }).first().click();
  await page.getByRole('heading', { level: 1, name: "Tell us something's wrong" }).waitFor();
  await expectBigTapTargets(page, 5);
  await page.getByRole('button', { name: 'Send' }).click();
  const summary = page.getByRole('alert');
  await summary.getByText('Please choose what it is about.').waitFor();
  await summary.getByText('Please write what is wrong.').waitFor();
  await page.getByRole('group', { name: 'What is it about?' }).getByText('Please choose what it is about.').waitFor();
  await page.screenshot({ path: `${SHOTS}/help-form-mistakes.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // About their worker: only the manager will see it, and the form says so.
  await page.getByLabel('My worker', { exact: true }).check();
  await page.getByText('only your worker\'s manager (their boss) will see it', { exact: false }).waitFor();
  assert.equal(await page.getByLabel("Your worker's manager and your worker").count(), 0);
  await page.getByLabel("What's wrong?").fill(WORDS);
  await page.getByLabel('What would help? (you can skip this)').fill('A text if they are late');
  await page.screenshot({ path: `${SHOTS}/help-form.png`, fullPage: true });
  await page.getByRole('button', { name: 'Send' }).click();

  // The confirmation: reference, who sees it, what happens next, and the status.
  await page.getByRole('heading', { name: 'Sent. Thank you for telling us.' }).waitFor();
  const confirmation = await main.innerText();
  reference = confirmation.match(/Your reference is (C-\w{4})/)[1];
  assert.match(reference, REFERENCE);
  assert.match(confirmation, /Your worker's manager/);
  assert.match(confirmation, /within 10 working days: by \w+day \d{1,2} \w+/);
  assert.match(confirmation, /Status: Sent: waiting for an answer/);
  await page.screenshot({ path: `${SHOTS}/help-sent.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Your concerns: the words exactly as typed, and the status.
  await page.getByRole('link', { name: 'Your concerns' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your concerns' }).waitFor();
  const item = main.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.equal(await item.locator('.their-words').first().innerText(), WORDS);
  assert.ok(await item.getByText('Sent: waiting for an answer').isVisible());
  assert.ok(await item.getByText('About your worker').isVisible());

  // At the smallest phone size it fits.
  await page.setViewportSize({ width: 360, height: 640 });
  await expectFitsWidth(page, 360, 'Your concerns');
  await page.goto(`${BASE_URL}/help`);
  await page.getByRole('heading', { name: "It's OK to complain" }).waitFor();
  await expectFitsWidth(page, 360, 'Help');
  await page.screenshot({ path: `${SHOTS}/help-360.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the manager sees the concern with its due date, and answers it', async () => {
  assert.ok(reference, 'the first test raised a concern');
  const { context, page, problems } = await phone(browser);
  await signIn(page, MORGAN);
  await page.getByRole('heading', { level: 1, name: 'Your young people' }).waitFor();
  await page.getByRole('link', { name: 'Concerns from young people' }).click();
  await page.getByRole('heading', { level: 1, name: 'Concerns from young people' }).waitFor();
  const item = page.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.ok(await item.getByText("In Alex's words").isVisible());
  assert.equal(await item.locator('.their-words').first().innerText(), WORDS);
  assert.match(await item.innerText(), /Answer due by \w+day \d{1,2} \w+/);
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}/);
  await expectNoAxeViolations(page);
  await expectBigTapTargets(page, 3);

  // A blank answer is explained; then the answer is sent.
  await item.getByRole('button', { name: 'Send answer' }).click();
  await item.getByText('Please write your answer.').first().waitFor();
  await item.getByLabel('Your answer to Alex').fill(ANSWER);
  await page.screenshot({ path: `${SHOTS}/help-manager.png`, fullPage: true });
  await item.getByRole('button', { name: 'Send answer' }).click();
  await item.getByText('Answered', { exact: true }).waitFor();
  await item.getByText(ANSWER).waitFor();
  await page.screenshot({ path: `${SHOTS}/help-manager-answered.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Alex's page, as the manager sees it, lists Alex's concerns too.
  await page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}`);
  const section = page.getByRole('region', { name: 'Concerns from Alex' });
  await section.getByText(reference).waitFor();
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the worker it is about never sees it', async () => {
  assert.ok(reference, 'the first test raised a concern');
  const { context, page, problems } = await phone(browser);
  await signIn(page, SAM);
  await page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}`);
  await page.getByRole('heading', { level: 1, name: "Alex's journey" }).waitFor();
  const concerns = await apiGet(page, `/api/v1/young-people/${ALEX_ID}/concerns`);
  assert.equal(concerns.status, 200);
  assert.ok(concerns.body.every((c) => c.reference !== reference), 'not in the API answer');
  assert.doesNotMatch(await page.locator('main').innerText(), /keeps being late/);
  assert.equal(await page.getByText(reference).count(), 0);
  const list = await apiGet(page, '/api/v1/concerns');
  assert.equal(list.status, 403);
  assert.deepEqual(problems.filter((p) => !/status of 403/.test(p)), []);
  await context.close();
});

test('the young person sees the answer, and quick exit leaves the app', async () => {
  assert.ok(reference, 'the first test raised a concern');
  const { context, page, problems } = await phone(browser);
  // The neutral site is never really fetched: a blank page stands in for it.
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/help/your-concerns`);
  const item = page.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.ok(await item.getByText('Answered', { exact: true }).isVisible());
  assert.ok(await item.getByRole('heading', { name: 'You said, we did' }).isVisible());
  assert.ok(await item.getByText(ANSWER).isVisible());
  assert.ok(await item.getByText(/From Morgan Lee/).isVisible());
  await page.screenshot({ path: `${SHOTS}/help-answered.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Quick exit, from the top bar: the app is replaced by the neutral page at once.
  const before = await page.evaluate(() => history.length);
  await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(NEUTRAL);
  // The app's page was replaced, not added to: the history is no longer.
  assert.equal(await page.evaluate(() => history.length), before);

  // Escape twice does the same, from any young person's screen.
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL);
  assert.deepEqual(problems, []);
  await context.close();
});

test('not happy with the answer, the young person asks for it to be looked at again', async () => {
  assert.ok(reference, 'the first test raised a concern');
  const STILL = 'They are still late every week.';
  const { context, page, problems } = await phone(browser);
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/help/your-concerns`);
  const item = page.locator('li.concern', { hasText: reference });
  await item.waitFor();
  const offer = item.getByRole('region', { name: 'Not happy with this answer?' });
  await offer.waitFor();
  assert.match(await offer.innerText(), /someone who wasn't part of it/);
  assert.match(await offer.innerText(), /within 25 working days/);
  await expectNoAxeViolations(page);
  await offer.getByLabel("What's still not right? (you can skip this)").fill(STILL);
  await offer.getByRole('button', { name: 'Ask for it to be looked at again' }).click();

  // It is open again, at stage 2, with a new due date and the words as typed.
  await item.getByText('Stage 2', { exact: true }).waitFor();
  assert.ok(await item.getByText('Sent: waiting for an answer').isVisible());
  assert.match(await item.innerText(), /Answer due by \w+day \d{1,2} \w+/);
  assert.ok(await item.getByText(/You asked for this to be looked at again, today/).isVisible());
  assert.ok(await item.getByText(STILL).isVisible());
  assert.equal(await item.getByRole('region', { name: 'Not happy with this answer?' }).count(), 0);
  await page.screenshot({ path: `${SHOTS}/help-next-stage.png`, fullPage: true });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 360, height: 640 });
  await expectFitsWidth(page, 360, 'Your concerns, stage 2');
  await context.close();

  // The manager who answered sees that it went to stage 2, and when; someone who wasn't
  // part of it answers it now (issue 21): not Alex's new words, and no box to answer.
  const manager = await phone(browser);
  await signIn(manager.page, MORGAN);
  await manager.page.goto(`${BASE_URL}/staff/concerns`);
  const moved = manager.page.getByRole('region', { name: 'Taken to the next stage' });
  const theirs = moved.locator('li.concern', { hasText: reference });
  await theirs.getByText('Stage 2', { exact: true }).waitFor();
  assert.ok(await theirs.getByText(/Alex asked for this to be looked at again/).isVisible());
  assert.equal(await theirs.getByText(STILL).count(), 0);
  assert.equal(await theirs.getByRole('button', { name: 'Send answer' }).count(), 0);
  await expectNoAxeViolations(manager.page);
  assert.deepEqual([...problems, ...manager.problems], []);
  await manager.context.close();
});

test('a half-written concern comes back after a reload, and quick exit removes it at once', async () => {
  const { context, page, problems } = await phone(browser);
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/help/tell-us`);
  await page.getByRole('heading', { level: 1, name: "Tell us something's wrong" }).waitFor();
  await page.getByLabel('Something else', { exact: true }).check();
  const words = page.getByLabel("What's wrong?");
  await words.fill('Half-written, about the house 🏠 ŵ');
  await page.reload();
  await words.waitFor();
  assert.equal(await words.inputValue(), 'Half-written, about the house 🏠 ŵ');
  assert.ok(await page.getByLabel('Something else', { exact: true }).isChecked());

  await page.getByRole('banner').getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(NEUTRAL);
  await page.goto(`${BASE_URL}/help/tell-us`);
  await words.waitFor();
  assert.equal(await words.inputValue(), '', 'quick exit left nothing of it on the phone');
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.concern')).length),
    0,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a concern about a worker who is a manager goes to the complaints officer, and the young person is told so', async () => {
  // Morgan, a manager, adds Quinn and is their worker: a concern about Morgan never goes
  // to Morgan. The demo has a complaints officer (Ceri), so it goes to them, and the form
  // says so before and after it is sent.
  const manager = await phone(browser);
  await signIn(manager.page, MORGAN);
  const invite = await apiPost(manager.page, '/api/v1/young-people', { first_name: 'Quinn' });
  assert.equal(invite.status, 201);
  const { context, page, problems } = await phone(browser, { width: 360, height: 640 });
  // Quinn has no plan yet, so the app's look for it is answered 404; nothing else may be.
  const noPlanYet = [];
  page.on('response', (r) => {
    if (r.status() === 404 && r.url().endsWith('/journey')) noPlanYet.push(r.url());
  });
  await page.goto(`${BASE_URL}/sign-in`);
  const username = `quinn${Date.now().toString(36)}`;
  const signedUp = await apiPost(page, '/api/v1/auth/sign-up', {
    invite_code: invite.body.code, username, password: 'a long enough password',
  });
  assert.equal(signedUp.status, 201);
  await page.goto(`${BASE_URL}/help/tell-us`);
  await page.getByRole('heading', { level: 1, name: "Tell us something's wrong" }).waitFor();
  await page.getByLabel('My worker', { exact: true }).check();
  const main = page.locator('main');
  await main.getByText('The complaints officer', { exact: false }).first().waitFor();
  assert.equal(await main.getByText('their boss', { exact: false }).count(), 0, 'never "your worker\'s manager"');
  await page.getByLabel("What's wrong?").fill('Morgan talks over me.');
  await expectFitsWidth(page, 360, 'the concern form at 360 px');
  await page.screenshot({ path: `${SHOTS}/help-form-officer.png` });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Sent. Thank you for telling us.' }).waitFor();
  const confirmation = await main.innerText();
  assert.match(confirmation, /complaints officer/);
  assert.doesNotMatch(confirmation, /Your worker's manager/);
  assert.doesNotMatch(confirmation, /No one here can read this yet/);
  const quinnsReference = confirmation.match(/Your reference is (C-\w{4})/)[1];
  await page.screenshot({ path: `${SHOTS}/help-sent-officer.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // The complaints officer has it on their list, with Quinn's words.
  const officer = await phone(browser);
  await signIn(officer.page, CERI);
  await officer.page.goto(`${BASE_URL}/staff/concerns`);
  const theirs = officer.page.locator('li.concern', { hasText: quinnsReference });
  await theirs.waitFor();
  assert.match(await theirs.innerText(), /Morgan talks over me\./);
  await expectNoAxeViolations(officer.page);

  // Morgan, whom it is about, never sees it.
  await manager.page.goto(`${BASE_URL}/staff/concerns`);
  await manager.page.locator('main h1').waitFor();
  await manager.page.waitForLoadState('networkidle');
  assert.equal(await manager.page.locator('li.concern', { hasText: quinnsReference }).count(), 0);
  const otherProblems = problems.filter((p) => !/status of 404\b/.test(p));
  assert.equal(problems.length - otherProblems.length, noPlanYet.length);
  assert.deepEqual([...otherProblems, ...manager.problems, ...officer.problems], []);
  await context.close();
  await manager.context.close();
  await officer.context.close();
});
