// Browser tests: How I'm doing. Alex checks in, then says they don't feel safe: they see
// "call 999" and who will be told before and after sending. Sam signs in, sees the flag
// before anything else, records what they did, and the flag closes. A last test listens
// to every request the app makes and fails on any host but the app's own. The flag
// raised here is closed here, so nothing is left open for anyone else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, apiPost, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const CHECK_IN_WORDS = 'Tired. School was hard today.';
const UNSAFE_WORDS = 'There was shouting at home and I want to be somewhere else tonight.';
const ACTION_WORDS = 'Phoned Alex at 4pm. Alex is staying with their aunt tonight; visiting tomorrow.';

const browser = useBrowser();

test('a young person checks in, then says they do not feel safe', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  const main = page.locator('main');
  await main.getByRole('link', { name: 'Check in' }).click();
  await page.getByRole('heading', { level: 1, name: "How I'm doing" }).waitFor();
  // Who can see it, by name, before sending.
  await main.locator('.who-can-see', { hasText: 'Sam' }).waitFor();
  assert.equal(
    (await main.locator('.who-can-see').innerText()).trim(),
    'Who can see this: Your worker Sam and their manager.',
  );
  await main.getByRole('radio', { name: 'Not great' }).check();
  await main.getByLabel('Want to say more? (you can leave this empty)').fill(CHECK_IN_WORDS);
  await expectBigTapTargets(page, 8);
  await expectNoAxeViolations(page);
  await main.getByRole('button', { name: 'Send' }).click();
  await main.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
  // Their own picture over time, with the same in words.
  await main.locator('svg.mood-chart[role="img"]').waitFor();
  await main.getByText(CHECK_IN_WORDS).waitFor();
  await page.screenshot({ path: `${SHOTS}/safety-check-in.png`, fullPage: true });

  // "I don't feel safe" from the check-in.
  await main.getByRole('link', { name: "I don't feel safe" }).click();
  await page.getByRole('heading', { level: 1, name: "I don't feel safe" }).waitFor();
  await main.getByRole('heading', { name: 'If you are in danger now, call 999' }).waitFor();
  assert.equal(await main.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  // Before sending: who will be told, how (by email too only when the server sends one),
  // and that it is never hidden.
  const email = (await apiGet(page, '/api/v1/health')).body.safety_email === 'on';
  const how = email ? 'in the app and get an email' : 'in the app';
  await main.getByText(`Your worker Sam and their manager will see this ${how}. This is never hidden from them.`, { exact: true }).waitFor();
  await main.getByText('We never hide it.', { exact: false }).waitFor();
  await expectNoAxeViolations(page);
  await expectFitsWidth(page, 390, 'the safety page');
  await page.screenshot({ path: `${SHOTS}/safety-before-sending.png`, fullPage: true });
  await main.getByLabel('Want to say more? (you can leave this empty)').fill(UNSAFE_WORDS);
  await main.getByRole('button', { name: 'Tell them now' }).click();
  await main.getByRole('heading', { name: "We've told them" }).waitFor();
  await main.getByText(`Your worker Sam and their manager have been told that you don't feel safe. They will see it ${how}.`, { exact: true }).waitFor();
  await main.getByRole('heading', { name: 'What happens next' }).waitFor();
  // The 999 box is still there, first.
  assert.ok(await main.getByRole('link', { name: 'Call 999' }).isVisible());
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/safety-sent.png`, fullPage: true });

  // Reachable from the feedback form, the Help tab and the concern form too, each with
  // "who can see this" beside its send button.
  for (const [path, heading] of [['/feedback', 'Feedback'], ['/help', 'Help'], ['/help/tell-us', "Tell us something's wrong"]]) {
    await page.goto(`${BASE_URL}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await main.getByRole('link', { name: "I don't feel safe" }).waitFor();
  }
  assert.match(await main.locator('.who-can-see').innerText(), /Your worker's manager only/);
  await main.getByRole('radio', { name: 'Something else' }).check();
  await main.getByRole('radio', { name: "Your worker's manager and your worker" }).check();
  await main.locator('.who-can-see', { hasText: 'Sam' }).waitFor();
  assert.equal(
    (await main.locator('.who-can-see').innerText()).trim(),
    'Who can see this: Your worker Sam and their manager.',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('the worker sees the flag first, records what they did, and it closes', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, SAM);
  const banner = page.locator('.safety-banner');
  await banner.getByText('Alex said they don\'t feel safe').waitFor();
  // Above everything else on the screen.
  const bannerBox = await banner.boundingBox();
  const headingBox = await page.getByRole('heading', { level: 1 }).boundingBox();
  assert.ok(bannerBox.y < headingBox.y, 'the banner is above the page');
  await page.screenshot({ path: `${SHOTS}/safety-worker-banner.png` });
  await banner.getByRole('link', { name: 'See it and record what you did' }).click();
  await page.getByRole('heading', { level: 1, name: 'Safety flags' }).waitFor();
  const main = page.locator('main');
  await main.getByRole('heading', { name: "Alex said they don't feel safe" }).waitFor();
  await main.getByText(UNSAFE_WORDS).waitFor();
  await expectNoAxeViolations(page);
  // Nothing written: explained, and the flag stays open.
  await main.getByRole('button', { name: 'Save and close the flag' }).click();
  await main.getByText('Please write what you did.').first().waitFor();
  assert.equal((await apiGet(page, '/api/v1/safety')).body.length, 1);
  await main.getByLabel('What did you do?').fill(ACTION_WORDS);
  await main.getByRole('button', { name: 'Save and close the flag' }).click();
  await main.getByText("Saved. Alex's flag is closed, and what you did is recorded.").waitFor();
  await banner.waitFor({ state: 'detached' });
  assert.deepEqual((await apiGet(page, '/api/v1/safety')).body, []);
  const flags = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/safety`)).body;
  assert.equal(flags[0].open, false);
  assert.equal(flags[0].actions[0].words, ACTION_WORDS);
  assert.equal(flags[0].actions[0].by, 'Sam Rivers');
  await page.screenshot({ path: `${SHOTS}/safety-closed.png`, fullPage: true });

  // The worker sees Alex's check-ins before their next session.
  await page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}/feedback`);
  await main.getByRole('heading', { name: "How they've been (check-ins)" }).waitFor();
  await main.getByText(CHECK_IN_WORDS).waitFor();
  assert.ok(await main.getByText('Not great', { exact: false }).first().isVisible());
  await page.screenshot({ path: `${SHOTS}/safety-worker-check-ins.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('what a worker has half-written on a flag stays when another flag arrives, and after a reload', async () => {
  // Alex raises one flag from their phone; Sam starts writing what they did.
  const young = await phone(browser());
  await signIn(young.page, ALEX);
  const raise = async (words) => {
    const raised = await apiPost(young.page, `/api/v1/young-people/${ALEX_ID}/safety`, {
      client_id: `safety-draft-${words.length}-${Date.now()}`, words,
    });
    assert.equal(raised.status, 201, JSON.stringify(raised.body));
    return raised.body.id;
  };
  const first = await raise('The first time today.');
  const { context, page, problems } = await phone(browser());
  await signIn(page, SAM);
  await page.goto(`${BASE_URL}/staff/safety`);
  const card = page.locator('main article.safety-flag', { hasText: 'The first time today.' });
  await card.getByLabel('What did you do?').fill(ACTION_WORDS);
  await card.getByLabel('A message for Alex (they will see this)').fill('Ringing you now.');

  // A second flag reaches Sam's screen by push: the list is drawn again, with both.
  const second = await raise('And again, later.');
  await page.locator('main article.safety-flag', { hasText: 'And again, later.' }).waitFor();
  assert.equal(await card.getByLabel('What did you do?').inputValue(), ACTION_WORDS);
  assert.equal(await card.getByLabel('A message for Alex (they will see this)').inputValue(), 'Ringing you now.');
  // A reload keeps it too (on this device only).
  await page.reload();
  assert.equal(await card.getByLabel('What did you do?').inputValue(), ACTION_WORDS);

  // Saved: the draft goes; the other flag is closed too, so nothing is left open.
  await card.getByRole('button', { name: 'Save and close the flag' }).click();
  await page.getByText("Saved. Alex's flag is closed, and what you did is recorded.").waitFor();
  assert.deepEqual(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('safety-action'))),
    [],
  );
  const closed = await apiPost(page, `/api/v1/safety/${second}/actions`, { words: 'Spoke to Alex with the first.' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const open = (await apiGet(page, '/api/v1/safety')).body.map((flag) => flag.id);
  assert.ok(!open.includes(first) && !open.includes(second), JSON.stringify(open));
  assert.deepEqual(problems, []);
  await context.close();
  await young.context.close();
});

test('the app asks no host but its own for anything', async () => {
  const own = new URL(BASE_URL).host;
  const elsewhere = [];
  const listen = (page) => page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== own) elsewhere.push(request.url());
  });
  const young = await phone(browser());
  listen(young.page);
  await signIn(young.page, ALEX);
  for (const path of ['/', '/how-im-doing', '/goals', '/feedback', '/help', '/help/tell-us', '/not-safe', '/account']) {
    await young.page.goto(`${BASE_URL}${path}`);
    await young.page.getByRole('heading', { level: 1 }).first().waitFor();
    await young.page.waitForLoadState('networkidle');
  }
  await young.context.close();
  const worker = await phone(browser());
  listen(worker.page);
  await signIn(worker.page, SAM);
  for (const path of ['/staff/', '/staff/safety', `/staff/young-people/${ALEX_ID}`, `/staff/young-people/${ALEX_ID}/feedback`, `/staff/young-people/${ALEX_ID}/goals`]) {
    await worker.page.goto(`${BASE_URL}${path}`);
    await worker.page.getByRole('heading', { level: 1 }).first().waitFor();
    await worker.page.waitForLoadState('networkidle');
  }
  await worker.context.close();
  assert.deepEqual(elsewhere, [], 'requests to other hosts');
});

test('read aloud uses the browser\'s own speech, pauses and stops, and hides without it', async () => {
  // A stand-in for the phone's speech synthesis that remembers what it was asked to say.
  const stub = () => {
    window.__spoken = [];
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak(u) { window.__spoken.push({ text: u.text, lang: u.lang }); },
        cancel() {}, pause() { window.__paused = true; }, resume() { window.__paused = false; },
      },
    });
  };
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  await context.addInitScript(stub);
  await signIn(page, ALEX);
  await page.goto(`${BASE_URL}/how-im-doing`);
  await page.getByRole('heading', { level: 1, name: "How I'm doing" }).waitFor();
  await expectFitsWidth(page, 360, 'the check-in');
  const aloud = page.getByRole('complementary', { name: 'Read aloud' });
  await aloud.getByRole('button', { name: 'Read this page aloud' }).click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.match(spoken[0].text, /How I'm doing[\s\S]*How are you today\?/);
  assert.equal(spoken[0].lang, 'en-GB');
  await aloud.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.evaluate(() => window.__paused), true);
  await aloud.getByRole('button', { name: 'Carry on' }).click();
  await aloud.getByRole('button', { name: 'Stop' }).click();
  await aloud.getByRole('button', { name: 'Read this page aloud' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();

  // No speech synthesis in this browser: no button.
  const bare = await phone(browser());
  await bare.context.addInitScript(() => { window.SpeechSynthesisUtterance = undefined; });
  await signIn(bare.page, ALEX);
  await bare.page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(await bare.page.getByRole('button', { name: 'Read this page aloud' }).count(), 0);
  await bare.context.close();
});
