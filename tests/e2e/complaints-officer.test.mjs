// Browser tests: the complaints officer (issue 21, item 4). Alex's concern, answered by
// Morgan (the team's manager), is taken to stage 2: it reaches the organisation's
// complaints officer, who answers it on their own list; Morgan sees that it moved on
// but can no longer answer it; Alex is told, by role, who will look at it. At tablet
// size (820×1180) and phone size, axe clean, and in Welsh.
//
// The complaints officer is a manager of another team, made with the server's own admin
// command (`journey-server admin create-worker … --manager`, then `complaints-officer`)
// on the database the server under test uses: $JOURNEY_DATABASE, or journey.db in the
// screenshot folder (where `cargo xtask test` puts it). The server binary is
// $JOURNEY_SERVER, or target/debug/journey-server under $CARGO_TARGET_DIR (or target).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ALEX, BASE_URL, MORGAN, SHOTS, apiGet, apiPost, expectFitsWidth, expectNoAxeViolations,
  phone, signIn, signInInWelsh, useBrowser,
} from './phone.mjs';

const browser = useBrowser();
const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const TABLET = { width: 820, height: 1180 };
const SERVER = process.env.JOURNEY_SERVER
  ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'debug', 'journey-server');
const DATABASE = process.env.JOURNEY_DATABASE ?? join(SHOTS, 'journey.db');
const STILL = 'Nothing changed: they are still late every week.';
const OFFICER_EN = 'The complaints officer (the person in charge of complaints here)';
const OFFICER_CY = "Y swyddog cwynion (y person sy'n gyfrifol am gwynion yma)";

// A username of its own each run, so the test can run again on the same database.
const officer = { username: `officer${Date.now().toString(36)}`, password: '' };

function admin(...args) {
  return execFileSync(SERVER, ['admin', ...args, '--database', DATABASE], { encoding: 'utf8' });
}

before(() => {
  try {
    admin('create-team', '--name', 'Complaints office');
  } catch {
    // Made by an earlier run.
  }
  const made = admin(
    'create-worker', '--name', 'Rhian Owen', '--username', officer.username,
    '--team', 'Complaints office', '--manager',
  );
  // "Their password, shown only now: …"
  officer.password = made.match(/shown only now: (\S+)/)?.[1] ?? '';
  assert.ok(officer.password, `no password in: ${made}`);
  admin('complaints-officer', '--username', officer.username);
});

after(() => {
  // Leave the demo as the other tests expect it: no complaints officer.
  admin('complaints-officer', '--username', officer.username, '--off');
});

/** Alex raises a concern and Morgan answers it, through the API: its reference. */
async function raisedAndAnswered(words) {
  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  const raised = await apiPost(alex.page, `/api/v1/young-people/${ALEX_ID}/concerns`, {
    client_id: `officer-${Date.now().toString(36)}`, about: 'something_else', words,
  });
  assert.equal(raised.status, 201);
  await alex.context.close();
  const morgan = await phone(browser());
  await signIn(morgan.page, MORGAN);
  const answered = await apiPost(morgan.page, `/api/v1/concerns/${raised.body.id}/reply`, {
    words: 'We have asked the landlord to fix it this week. Morgan',
  });
  assert.equal(answered.status, 200);
  await morgan.context.close();
  return raised.body.reference;
}

let reference;

test('asking for stage 2, the young person is told the complaints officer will look at it', async () => {
  reference = await raisedAndAnswered('The heating in my flat has been broken for two weeks.');
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/help/your-concerns`);
  const item = page.locator('li.concern', { hasText: reference });
  const offer = item.getByRole('region', { name: 'Not happy with this answer?' });
  await offer.waitFor();
  assert.ok(await offer.getByText(`Who will look at it: ${OFFICER_EN}`).isVisible());
  await expectNoAxeViolations(page);
  await offer.getByLabel("What's still not right? (you can skip this)").fill(STILL);
  await offer.getByRole('button', { name: 'Ask for it to be looked at again' }).click();
  await item.getByText('Stage 2', { exact: true }).waitFor();
  // Afterwards, the concern says who has it now.
  assert.ok(await item.getByText(`Who sees it: ${OFFICER_EN}`).isVisible());
  await page.setViewportSize({ width: 360, height: 640 });
  await expectFitsWidth(page, 360, 'Your concerns, with the complaints officer');
  await page.screenshot({ path: `${SHOTS}/officer-young-person-360.png`, fullPage: true });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the complaints officer finds it on their own list at tablet size, and answers it', async () => {
  assert.ok(reference, 'the first test took a concern to stage 2');
  const { context, page, problems } = await phone(browser(), TABLET);
  await signIn(page, officer);
  await page.goto(`${BASE_URL}/staff/concerns`);
  const section = page.getByRole('region', { name: 'Complaints for you as complaints officer' });
  const item = section.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.ok(await item.getByText('Stage 2', { exact: true }).isVisible());
  assert.ok(await item.getByText(STILL).isVisible(), 'what is still not right, as typed');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/officer-list-tablet.png`, fullPage: true });
  await item.getByLabel('Your answer to Alex').fill('I will visit with an engineer on Monday. Rhian');
  await item.getByRole('button', { name: 'Send answer' }).click();
  await item.getByText('Answered', { exact: true }).waitFor();
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the manager who answered stage 1 sees it moved on, and cannot answer it, at phone size', async () => {
  assert.ok(reference, 'the first test took a concern to stage 2');
  const { context, page, problems } = await phone(browser());
  await signIn(page, MORGAN);
  await page.goto(`${BASE_URL}/staff/concerns`);
  const section = page.getByRole('region', { name: 'Taken to the next stage' });
  const item = section.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.ok(await item.getByText('Someone else answers this now.').isVisible());
  assert.equal(await item.getByRole('button', { name: 'Send answer' }).count(), 0);
  assert.equal(await item.getByText(STILL).count(), 0, 'not what Alex said since');
  assert.equal(await item.getByText(/engineer on Monday/).count(), 0, 'nor the answer since');
  const reply = await apiPost(page, `/api/v1/concerns/${(await apiGet(page, '/api/v1/concerns')).body
    .find((c) => c.reference === reference).id}/reply`, { words: 'Closing this.' });
  assert.equal(reply.status, 403);
  await expectFitsWidth(page, 390, 'Concerns, taken to the next stage');
  await page.screenshot({ path: `${SHOTS}/officer-morgan-phone.png`, fullPage: true });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems.filter((p) => !/status of 403/.test(p)), []);
  await context.close();
});

test('in Welsh: the young person is told who by role, and the officer reads their list', async () => {
  const welshReference = await raisedAndAnswered('Mae fy ystafell yn oer.');
  const { context, page, problems } = await phone(browser());
  await signInInWelsh(page);
  await page.goto(`${BASE_URL}/help/your-concerns`);
  const item = page.locator('li.concern', { hasText: welshReference });
  const offer = item.getByRole('region', { name: "Ddim yn hapus gyda'r ateb hwn?" });
  await offer.waitFor();
  assert.ok(await offer.getByText(`Pwy fydd yn edrych arno: ${OFFICER_CY}`).isVisible());
  await offer.getByRole('button', { name: 'Gofyn iddo gael ei ystyried eto' }).click();
  await item.getByText('Cam 2', { exact: true }).waitFor();
  assert.ok(await item.getByText(`Pwy sy'n ei weld: ${OFFICER_CY}`).isVisible());
  await page.screenshot({ path: `${SHOTS}/officer-young-person-cy.png`, fullPage: true });
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();

  // The officer, with the app in Welsh, at tablet size.
  const staff = await phone(browser(), TABLET);
  await staff.page.goto(`${BASE_URL}/sign-in`);
  await staff.page.getByRole('button', { name: 'Cymraeg' }).click();
  await staff.page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  await staff.page.getByLabel('Enw defnyddiwr', { exact: true }).fill(officer.username);
  await staff.page.getByLabel('Cyfrinair', { exact: true }).fill(officer.password);
  await staff.page.getByRole('button', { name: 'Mewngofnodi' }).click();
  await staff.page.waitForURL(/\/staff\/$/);
  await staff.page.goto(`${BASE_URL}/staff/concerns`);
  const section = staff.page.getByRole('region', { name: 'Cwynion i chi fel swyddog cwynion' });
  await section.locator('li.concern', { hasText: welshReference }).waitFor();
  await staff.page.screenshot({ path: `${SHOTS}/officer-list-cy-tablet.png`, fullPage: true });
  await expectNoAxeViolations(staff.page);
  assert.deepEqual(staff.problems, []);
  await staff.context.close();
});
