// Browser tests: accounts. A worker gets an invite code, a young person uses it on their
// own phone to set up an account, signs in and out, changes their password; mistakes are
// explained kindly and nothing typed is lost. The tests run in order and share the code.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, MORGAN, SAM, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, launchBrowser, phone, realProblems, signIn, expectFocusOn,
  couldntConnect, hangFirstAnswer,
} from './phone.mjs';

const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;
const JORDAN = { username: 'jordan_k', password: 'purple tiger toast' };
const JORDAN_NEW_PASSWORD = 'green frog pancake';

let browser;
/** The invite code Sam gets for Jordan, used on Jordan's phone in the next test. */
let jordanCode;
/** Riley's code, used on a signal that hangs in the test after the one that makes it. */
let rileyCode;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** One young person's card on a worker's list. */
function card(page, firstName) {
  return page.locator('li.person', {
    has: page.getByRole('heading', { level: 2, name: firstName, exact: true }),
  });
}

test('a worker signs in, sees their young people and gets an invite code for Jordan', async () => {
  const { context, page, problems } = await phone(browser);
  await signIn(page, SAM);
  await page.getByRole('heading', { level: 1, name: 'Your young people' }).waitFor();

  // Worker navigation: their young people, help and account; no young person's tabs.
  const nav = page.getByRole('navigation', { name: 'Main' });
  const tabs = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(tabs, ['Young people', 'Help', 'Account']);
  assert.equal((await nav.locator('[aria-current="page"]').innerText()).trim(), 'Young people');

  const alex = card(page, 'Alex');
  const jordan = card(page, 'Jordan');
  await alex.waitFor();
  await jordan.waitFor();
  assert.ok(await alex.getByText('Has an account', { exact: true }).isVisible());
  assert.ok(await jordan.getByText('No account yet', { exact: true }).isVisible());
  assert.ok(await jordan.getByText('Worker: Sam Rivers').isVisible());
  // Next review as people say it, never an ISO date.
  assert.match(await alex.innerText(), /Next review: \w+day \d{1,2} \w+/);
  assert.doesNotMatch(await page.locator('main').innerText(), /\d{4}-\d{2}-\d{2}/);
  // Someone with an account needs no code.
  assert.equal(await alex.getByRole('button', { name: 'Get an invite code' }).count(), 0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/worker-home.png`, fullPage: true });

  await jordan.getByRole('button', { name: 'Get an invite code' }).click();
  const code = jordan.locator('.invite-code');
  await code.waitFor();
  jordanCode = (await code.innerText()).trim();
  assert.match(jordanCode, CODE);
  assert.match(await jordan.innerText(), /Works until \w+day \d{1,2} \w+/);
  assert.ok(await jordan.getByText('Read it out or write it down. It works once.').isVisible());
  await jordan.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/worker-invite-code.png` });
  await expectNoAxeViolations(page);
  await expectBigTapTargets(page, 6);
  await expectFitsWidth(page, 390, 'the worker home');

  // "See plan" shows Jordan's plan as Jordan will see it, and comes back.
  await jordan.getByRole('link', { name: 'See plan for Jordan' }).click();
  await page.getByRole('heading', { level: 1, name: "Jordan's journey" }).waitFor();
  await page.getByRole('region', { name: 'Why you have a plan' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/worker-sees-plan.png` });
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Back to your young people' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your young people' }).waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test('on another phone, Jordan uses the code to set up an account and sees their plan', async () => {
  assert.ok(jordanCode, 'the worker test got a code for Jordan first');
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('link', { name: 'Got a code from your worker? Set up your account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Set up your account' }).waitFor();

  // Mistakes are caught before anything is sent, each next to its field and in a summary.
  await page.getByLabel('Your code').fill('ABC');
  await page.getByLabel('Choose a username').fill('j k');
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Set up my account' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.equal(await summary.getByRole('link').count(), 3);
  for (const field of ['invite_code', 'username', 'password']) {
    assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), 'true', field);
    assert.ok(await page.locator(`#${field}-error`).isVisible(), `${field} has its message`);
  }
  // Nothing typed is lost.
  assert.equal(await page.getByLabel('Choose a username').inputValue(), 'j k');
  // A link in the summary takes you to its field.
  await summary.getByRole('link').first().click();
  await expectFocusOn(page, 'invite_code');
  await page.screenshot({ path: `${SHOTS}/sign-up-problems.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // Typed however it comes out: lower case is fine.
  await page.getByLabel('Your code').fill(jordanCode.toLowerCase());
  await page.getByLabel('Choose a username').fill(JORDAN.username);
  await page.getByLabel('Choose a password').fill(JORDAN.password);
  await page.getByRole('button', { name: 'Set up my account' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();

  // Jordan's own plan, as the API gives it to Jordan.
  const me = await apiGet(page, '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.display_name, 'Jordan');
  const api = await apiGet(page, `/api/v1/young-people/${me.body.young_person_id}/journey`);
  assert.equal(api.status, 200);
  const main = page.locator('main');
  await main.getByText(api.body.plan.reason).waitFor();
  await main.getByText(api.body.plan.contingency).waitFor();
  assert.ok(await main.getByText('Hi Jordan.').isVisible());
  await page.screenshot({ path: `${SHOTS}/jordan-journey.png` });

  // The code worked once: it cannot make a second account.
  const again = await page.evaluate(async (code) => {
    const response = await fetch('/api/v1/auth/sign-up', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ invite_code: code, username: 'someone_else', password: 'blue whale soup' }),
    });
    return response.status;
  }, jordanCode);
  assert.ok(again >= 400 && again < 500, `a used code is refused (${again})`);

  // The account page says who is signed in, and signs out.
  await page.getByRole('banner').getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  assert.ok(await page.getByText('Signed in as Jordan').isVisible());
  await page.screenshot({ path: `${SHOTS}/account.png`, fullPage: true });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await page.getByText("You've signed out.", { exact: false }).waitFor();
  assert.equal((await apiGet(page, '/api/v1/me')).status, 401);
  // Going back home asks for sign-in again.
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test('Jordan changes their password, and the new one works', async () => {
  assert.ok(jordanCode, 'Jordan has an account');
  const { context, page, problems } = await phone(browser);
  await signIn(page, JORDAN);
  await page.goto(`${BASE_URL}/account`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

  // The wrong current password is explained next to its field; the new one is kept.
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill(JORDAN_NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('#current_password-error').waitFor();
  assert.ok(await page.getByRole('alert').isVisible());
  assert.equal(await page.getByLabel('New password').inputValue(), JORDAN_NEW_PASSWORD);
  await page.screenshot({ path: `${SHOTS}/change-password-problem.png`, fullPage: true });
  await expectNoAxeViolations(page);

  await page.getByLabel('Current password').fill(JORDAN.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password has been changed.').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.getByLabel('New password').inputValue(), '');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

  await signIn(page, { username: JORDAN.username, password: JORDAN_NEW_PASSWORD });
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong password is explained kindly, and the username stays typed', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE_URL}/sign-in`);

  // Nothing typed: each field says what it needs.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Please type your username.', { exact: true }).first().waitFor();
  assert.equal(await page.locator('#username').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Username', { exact: true }).fill(ALEX.username);
  await page.getByLabel('Password', { exact: true }).fill('not-the-right-one');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.getByRole('alert');
  await summary.getByRole('heading', { name: "We couldn't sign you in" }).waitFor();
  await summary.locator('p').waitFor();
  const words = await summary.innerText();
  assert.doesNotMatch(words, /unauthori[sz]ed|401|error/i, 'plain words, no codes');
  assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), ALEX.username);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await page.screenshot({ path: `${SHOTS}/sign-in-wrong-password.png`, fullPage: true });
  await expectNoAxeViolations(page);

  // And then the right one works.
  await page.getByLabel('Password', { exact: true }).fill(ALEX.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker adds a young person and gets their code to hand over, once on a signal that hangs', async () => {
  const { context, page, problems } = await phone(browser);
  await signIn(page, SAM);
  const form = page.getByRole('region', { name: 'Add a young person' });
  await form.waitFor();

  await form.getByRole('button', { name: 'Add and get a code' }).click();
  await page.locator('#first_name-error').waitFor();
  assert.equal(await page.locator('#first_name').getAttribute('aria-invalid'), 'true');
  await expectNoAxeViolations(page);

  await form.getByLabel('First name').fill('Riley');
  // The first try reaches the server and adds Riley, but its answer never comes back:
  // "We couldn't connect", the name stays, and Add again adds Riley once, with a code.
  const tries = await hangFirstAnswer(page, '**/api/v1/young-people', 'POST');
  await form.getByRole('button', { name: 'Add and get a code' }).click();
  await couldntConnect(form);
  assert.equal(tries(), 1);
  assert.equal(await form.getByLabel('First name').inputValue(), 'Riley');
  await form.getByRole('button', { name: 'Add and get a code' }).click();
  const code = form.locator('.invite-code');
  await code.waitFor();
  assert.match((await code.innerText()).trim(), CODE);
  rileyCode = (await code.innerText()).trim();
  assert.ok(await form.getByText("Riley's code").isVisible());
  assert.equal(await form.getByLabel('First name').inputValue(), '');
  assert.equal(tries(), 2);
  // Riley is on the list now, once, with no account yet.
  const riley = card(page, 'Riley');
  await riley.waitFor();
  assert.equal(await riley.count(), 1);
  assert.ok(await riley.getByText('No account yet', { exact: true }).isVisible());
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/worker-added.png` });
  await expectNoAxeViolations(page);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('setting up an account and changing a password on a signal that hangs: after 15 seconds "We couldn\'t connect", what was typed stays, and pressing again does it once', async () => {
  assert.ok(rileyCode, 'the test before got a code for Riley');
  const { context, page, problems } = await phone(browser, undefined, { serviceWorkers: 'block' });
  await page.goto(`${BASE_URL}/sign-up`);
  await page.getByRole('heading', { level: 1, name: 'Set up your account' }).waitFor();
  await page.getByLabel('Your code').fill(rileyCode);
  await page.getByLabel('Choose a username').fill('riley_r');
  await page.getByLabel('Choose a password').fill('orange kite river');
  // The first try reaches the server and makes the account, but its answer never comes.
  const tries = await hangFirstAnswer(page, '**/api/v1/auth/sign-up');
  await page.getByRole('button', { name: 'Set up my account' }).click();
  await couldntConnect(page);
  assert.equal(tries(), 1);
  assert.equal(await page.getByLabel('Choose a username').inputValue(), 'riley_r');
  assert.equal(await page.getByLabel('Your code').inputValue(), rileyCode);
  await page.screenshot({ path: `${SHOTS}/sign-up-hung.png`, fullPage: true });
  // Set up again: the code is used now, but this is the same sign-up, so it signs in.
  await page.getByRole('button', { name: 'Set up my account' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  assert.equal(tries(), 2);
  const me = await apiGet(page, '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.display_name, 'Riley');

  // A new password, the same way: the first try changes it, its answer never comes;
  // Change password again says it is changed, and the new one works.
  await page.goto(`${BASE_URL}/account`);
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  const changes = await hangFirstAnswer(page, '**/api/v1/auth/password');
  await page.getByLabel('Current password').fill('orange kite river');
  await page.getByLabel('New password').fill('yellow kite meadow');
  await page.getByRole('button', { name: 'Change password' }).click();
  await couldntConnect(page);
  assert.equal(await page.getByLabel('New password').inputValue(), 'yellow kite meadow');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password has been changed.').waitFor();
  assert.equal(changes(), 2);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await signIn(page, { username: 'riley_r', password: 'yellow kite meadow' });
  // Riley has no plan yet: asked for, it answers 404 ("no plan yet"), which the browser
  // logs as an error.
  assert.deepEqual(realProblems(problems).filter((p) => !/status of 404\b/.test(p)), []);
  await context.close();
});

test('a manager signs in and sees the young people in their team, on a small phone', async () => {
  const { context, page, problems } = await phone(browser, { width: 360, height: 640 });
  await signIn(page, MORGAN);
  await page.getByRole('heading', { level: 1, name: 'Your young people' }).waitFor();
  await card(page, 'Alex').waitFor();
  await expectFitsWidth(page, 360, 'the manager home');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await expectFitsWidth(page, 360, 'the account page');
  await page.screenshot({ path: `${SHOTS}/manager-account-360.png`, fullPage: true });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});
