// Browser tests: the complaints officer (issue 21, item 4). Alex's concern, answered by
// Morgan (the team's manager), is taken to stage 2: it reaches the organisation's
// complaints officer, who answers it on their own list; Morgan sees that it moved on
// but can no longer answer it; Alex is told, by role, who will look at it. At tablet
// size (820×1180) and phone size, axe clean, and in Welsh.
//
// This file starts a server of its own (the same binary, the demo, ./dist) on a
// database of its own, so Alex's concern starts fresh at stage 1, and makes a second
// officer there (besides the demo's Ceri) with the server's admin command (`journey-server admin create-worker … --manager`, then
// `complaints-officer`) before starting it. The binary is $JOURNEY_SERVER, or
// debug/journey-server under $CARGO_TARGET_DIR (or target).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALEX, MORGAN, SHOTS, expectFitsWidth, expectNoAxeViolations, phone, useBrowser,
} from './phone.mjs';

const browser = useBrowser();
const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const TABLET = { width: 820, height: 1180 };
const SERVER = process.env.JOURNEY_SERVER
  ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'debug', 'journey-server');
const DATABASE = join(mkdtempSync(join(tmpdir(), 'journey-officer-')), 'journey.db');
const STILL = 'Nothing changed: they are still late every week.';
const OFFICER_EN = 'The complaints officer (the person in charge of complaints here)';
const OFFICER_CY = "Y swyddog cwynion (y person sy'n gyfrifol am gwynion yma)";
const officer = { username: 'rhian.owen', password: '' };
let BASE = '';
let server;

function admin(...args) {
  return execFileSync(SERVER, ['admin', ...args, '--database', DATABASE], { encoding: 'utf8' });
}

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  BASE = `http://127.0.0.1:${port}`;
  server = spawn(SERVER, [
    '--demo', '--insecure-cookies', '--addr', `127.0.0.1:${port}`, '--database', DATABASE,
  ], { stdio: 'ignore', env: { ...process.env, RUST_LOG: 'warn' } });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start');
}

before(async () => {
  // The demo first (a run with --demo adds it), then the officer, then the server again.
  await startServer();
  server.kill();
  await new Promise((resolve) => server.once('exit', resolve));
  admin('create-team', '--name', 'Complaints office');
  const made = admin(
    'create-worker', '--name', 'Rhian Owen', '--username', officer.username,
    '--team', 'Complaints office', '--manager',
  );
  // "Their password, shown only now: …"
  officer.password = made.match(/shown only now: (\S+)/)?.[1] ?? '';
  assert.ok(officer.password, `no password in: ${made}`);
  admin('complaints-officer', '--username', officer.username);
  await startServer();
});

after(() => {
  server?.kill();
});

/** Signs in on this file's server, in English or (choosing Cymraeg first) Welsh. */
async function signIn(page, { username, password }, welsh = false) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  if (welsh) {
    await page.getByRole('button', { name: 'Cymraeg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  }
  await page.getByLabel(welsh ? 'Enw defnyddiwr' : 'Username', { exact: true }).fill(username);
  await page.getByLabel(welsh ? 'Cyfrinair' : 'Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: welsh ? 'Mewngofnodi' : 'Sign in' }).click();
  await page.waitForFunction(() => {
    const path = window.location.pathname;
    return path === '/staff/' || (path === '/' && document.querySelector('nav.bottom-nav') !== null);
  });
}

/** A JSON request from inside the page, with its cookie, as the app sends it. */
async function api(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { method, path, body });
}

/** Alex raises a concern and Morgan answers it, through the API: its reference. */
async function raisedAndAnswered(words) {
  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  const raised = await api(alex.page, 'POST', `/api/v1/young-people/${ALEX_ID}/concerns`, {
    client_id: `officer-${Date.now().toString(36)}`, about: 'something_else', words,
  });
  assert.equal(raised.status, 201);
  await alex.context.close();
  const morgan = await phone(browser());
  await signIn(morgan.page, MORGAN);
  const answered = await api(morgan.page, 'POST', `/api/v1/concerns/${raised.body.id}/reply`, {
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
  await page.goto(`${BASE}/help/your-concerns`);
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
  await page.goto(`${BASE}/staff/concerns`);
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
  await page.goto(`${BASE}/staff/concerns`);
  const section = page.getByRole('region', { name: 'Taken to the next stage' });
  const item = section.locator('li.concern', { hasText: reference });
  await item.waitFor();
  assert.ok(await item.getByText('Someone else answers this now.').isVisible());
  assert.equal(await item.getByRole('button', { name: 'Send answer' }).count(), 0);
  assert.equal(await item.getByText(STILL).count(), 0, 'not what Alex said since');
  assert.equal(await item.getByText(/engineer on Monday/).count(), 0, 'nor the answer since');
  const listed = (await api(page, 'GET', '/api/v1/concerns')).body;
  const id = listed.find((c) => c.reference === reference).id;
  const reply = await api(page, 'POST', `/api/v1/concerns/${id}/reply`, { words: 'Closing this.' });
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
  await signIn(page, ALEX, true);
  await page.goto(`${BASE}/help/your-concerns`);
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
  await signIn(staff.page, officer, true);
  await staff.page.goto(`${BASE}/staff/concerns`);
  const section = staff.page.getByRole('region', { name: 'Cwynion i chi fel swyddog cwynion' });
  await section.locator('li.concern', { hasText: welshReference }).waitFor();
  await staff.page.screenshot({ path: `${SHOTS}/officer-list-cy-tablet.png`, fullPage: true });
  await expectNoAxeViolations(staff.page);
  assert.deepEqual(staff.problems, []);
  await staff.context.close();
});
