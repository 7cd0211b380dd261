// Browser tests: a young person's turn on the worker's tablet (co-fill of goals). While
// Alex has Sam's device, nothing of Sam's world shows: no staff navigation, no "Back to
// your young people", no safety banner naming anyone (only a quiet "Sam has something to
// look at"), and no address typed by hand leaves the turn. Handing back needs Sam's
// password: a wrong one, or Alex's own, keeps Alex's turn. If the session ends meanwhile,
// hand-back goes to sign-in.
//
// Runs before goals.test.mjs on the same server: Alex writes no goal and rates nothing
// here. The safety flag raised here is closed here, so nothing is left open for
// safety.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, apiPost, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, signIn, expectFocusOn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const JORDAN_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const TABLET = { width: 768, height: 1024 };
const SMALL = { width: 360, height: 640 };
const TURN_KEY = 'journey.handed-over';

const browser = useBrowser();

/** Alex raises a safety flag from their own phone and returns its id. */
async function raiseFlagAsAlex() {
  const { context, page } = await phone(browser());
  await signIn(page, ALEX);
  const reply = await apiPost(page, `/api/v1/young-people/${ALEX_ID}/safety`, {
    client_id: `cofill-lock-${Date.now()}`,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  await context.close();
  return reply.body.id;
}

/** Sam records what they did, which closes the flag. */
async function closeFlagAsSam(flagId) {
  const { context, page } = await phone(browser());
  await signIn(page, SAM);
  const reply = await apiPost(page, `/api/v1/safety/${flagId}/actions`, {
    words: 'Talked with Alex in our session today.',
  });
  assert.ok([200, 201].includes(reply.status), JSON.stringify(reply.body));
  const open = await apiGet(page, '/api/v1/safety');
  assert.deepEqual(open.body.filter((flag) => flag.id === flagId), [], 'the flag is closed');
  await context.close();
}

/** Nothing of the worker's world on the screen: no navigation, no links out, no banner,
 * no other young person's name (not even hidden). */
async function expectOnlyAlexsTurn(page, what) {
  assert.equal(await page.getByRole('navigation').count(), 0, `${what}: no navigation`);
  assert.equal(await page.locator('a').count(), 0, `${what}: no links`);
  assert.equal(await page.locator('.safety-banner').count(), 0, `${what}: no safety banner`);
  const text = await page.evaluate(() => document.body.textContent);
  assert.ok(!text.includes('Jordan'), `${what}: another young person's name is on the page`);
  assert.ok(!text.includes("don't feel safe"), `${what}: a safety flag is described`);
  assert.ok(!text.includes('Back to your young people'), `${what}: a way back to the list`);
  // The only sign of the open flag: quiet, with no names but the worker's.
  assert.equal((await page.locator('.turn-notice').innerText()).trim(), 'Sam has something to look at.');
  assert.equal(new URL(page.url()).pathname, `/staff/young-people/${ALEX_ID}/goals`, `${what}: address`);
}

async function startTurn(page) {
  await page.getByRole('link', { name: 'Goals for Alex' }).click();
  await page.getByRole('button', { name: 'Start a session with Alex' }).click();
  await page.getByRole('heading', { level: 2, name: 'Hand the device to Alex' }).waitFor();
}

/** From Alex's writing screen to "Thank you, Alex", writing and rating nothing. */
async function toHandBack(page) {
  await page.getByRole('button', { name: 'Not now' }).click();
  const thanks = page.getByRole('heading', { level: 2, name: 'Thank you, Alex' });
  const rate = page.getByRole('heading', { level: 2, name: 'How close are you, Alex?' });
  await thanks.or(rate).waitFor();
  if (await rate.isVisible()) {
    await page.getByRole('button', { name: 'Skip this for now' }).click();
  }
  await thanks.waitFor();
}

test("during Alex's turn on Sam's tablet, nothing of Sam's shows, and only Sam's password hands it back", async () => {
  const flagId = await raiseFlagAsAlex();
  const { context, page, problems } = await phone(browser(), TABLET);
  try {
    await signIn(page, SAM);
    // Before the turn, the worker's screen does show the flag by name, and Jordan.
    await page.locator('.safety-banner').getByText("Alex said they don't feel safe").waitFor();
    await page.getByText('Jordan').first().waitFor();

    await startTurn(page);
    await expectOnlyAlexsTurn(page, 'hand-over');
    await page.getByRole('button', { name: "I'm Alex, it's my turn" }).click();
    await page.getByRole('heading', { level: 2, name: 'Your turn, Alex' }).waitFor();
    await expectOnlyAlexsTurn(page, "Alex's turn");
    await expectBigTapTargets(page, 2);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/cofill-lock-tablet-turn.png`, fullPage: true });

    // A reload keeps the turn, on the same screen.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Your turn, Alex' }).waitFor();
    await expectOnlyAlexsTurn(page, 'after a reload');

    // Typed addresses, the worker's and another young person's, come back to the turn;
    // so do the young person's app's addresses (which send staff on to the staff app).
    for (const path of [
      '/staff/young-people', '/staff/', '/staff/safety', `/staff/young-people/${JORDAN_ID}/goals`,
      '/staff/account', '/staff/help', '/', '/safety', `/young-people/${JORDAN_ID}`,
    ]) {
      await page.goto(`${BASE_URL}${path}`);
      await page.getByRole('heading', { level: 2, name: 'Your turn, Alex' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectOnlyAlexsTurn(page, `typing ${path}`);
    }

    await toHandBack(page);
    await expectOnlyAlexsTurn(page, 'hand-back');
    const password = page.getByLabel('Sam, type your password to take the device back');
    const handBack = page.getByRole('button', { name: "I'm Sam, I have it back" });

    // On a small phone too: it fits, and everything is big enough to tap.
    await page.setViewportSize(SMALL);
    await expectFitsWidth(page, SMALL.width, 'hand-back at 360');
    await expectBigTapTargets(page, 2);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/cofill-lock-360-hand-back.png`, fullPage: true });

    // Nothing typed: asked for, kindly.
    await handBack.click();
    await page.locator('#hand-back-password-error').getByText('Sam, please type your password.').waitFor();

    // A wrong password keeps Alex's turn and says so; the box is ready for another try.
    await password.fill('not sams password');
    await handBack.click();
    const wrong = "That password didn't match, so it's still Alex's turn. Please try again.";
    await page.locator('#hand-back-password-error').getByText(wrong).waitFor();
    assert.equal(await password.inputValue(), '');
    await expectFocusOn(page, 'hand-back-password');
    await page.getByRole('heading', { level: 2, name: 'Thank you, Alex' }).waitFor();
    await expectOnlyAlexsTurn(page, 'after a wrong password');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/cofill-lock-360-wrong-password.png`, fullPage: true });

    // Alex's own password is a real one, but not Sam's.
    await password.fill(ALEX.password);
    await handBack.click();
    await page.getByRole('button', { name: "I'm Sam, I have it back" }).waitFor();
    await page.locator('#hand-back-password-error').getByText(wrong).waitFor();
    await expectOnlyAlexsTurn(page, "after Alex's own password");

    // Still the hand-back screen after a reload.
    await page.setViewportSize(TABLET);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Thank you, Alex' }).waitFor();
    await expectOnlyAlexsTurn(page, 'hand-back after a reload');
    await page.screenshot({ path: `${SHOTS}/cofill-lock-tablet-hand-back.png`, fullPage: true });

    // Sam's password: Sam's screen again, with the navigation and the banner.
    await password.fill(SAM.password);
    await handBack.click();
    await page.getByRole('heading', { level: 2, name: 'What was saved' }).waitFor();
    await page.locator('p.turn', { hasText: 'Your turn, Sam' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.locator('.safety-banner').getByText("Alex said they don't feel safe").waitFor();
    assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), TURN_KEY), null);
    await page.getByRole('link', { name: 'Back to your young people' }).click();
    await page.getByText('Jordan').first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await closeFlagAsSam(flagId);
  }
});

test('if the session ends during the turn, handing back goes to sign-in', async () => {
  const { context, page, problems } = await phone(browser(), TABLET);
  await signIn(page, SAM);
  await startTurn(page);
  await page.getByRole('button', { name: "I'm Alex, it's my turn" }).click();
  await page.getByRole('heading', { level: 2, name: 'Your turn, Alex' }).waitFor();
  // No quiet notice when no flag is open.
  assert.equal(await page.locator('.turn-notice').count(), 0);
  // The session ends on the server (timed out, or ended elsewhere).
  const ended = await context.request.post(`${BASE_URL}/api/v1/auth/sign-out`, { data: {} });
  assert.equal(ended.status(), 204);
  await toHandBack(page);
  await page.getByLabel('Sam, type your password to take the device back').fill(SAM.password);
  await page.getByRole('button', { name: "I'm Sam, I have it back" }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), TURN_KEY), null);
  // Signing in again is Sam's own screen, not the turn.
  await signIn(page, SAM);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByText('Jordan').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
