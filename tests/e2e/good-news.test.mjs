// Browser tests: "Share good news" at 360×640. Alex opens it from My Journey, half-writes
// it (kept after a reload), shares it with no signal (it waits on the phone and goes by
// itself, once, when the signal is back), Sam replies from Alex's page (a draft kept through
// a reload, then with no signal: it waits and sends by itself), and Alex sees the
// reply under the news. Then the same screen in Cymraeg, a mistake included. axe on each.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SAM, SHOTS, apiGet, expectFitsWidth, expectNoAxeViolations, phone,
  realProblems, signIn, signInInWelsh, useBrowser, waitForServiceWorker,
} from './phone.mjs';

const SMALL = { width: 360, height: 640 };
const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const NEWS = `I got 9 out of 10 in my spelling test! 🎉 ${Date.now()}`;
const REPLY = `That's amazing, Alex. All that practice paid off. ${Date.now()}`;

const browser = useBrowser();
const waitingNotice = (page) => page.locator('#outbox summary');
const wordsBox = (page) => page.getByLabel('Tell us about it');

async function goodNewsWith(page, words) {
  const all = await apiGet(page, `/api/v1/young-people/${ALEX_ID}/good-news`);
  assert.equal(all.status, 200);
  return all.body.filter((n) => n.words === words);
}

test('Alex shares good news with no signal, it goes when back online, Sam replies, Alex sees it', async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signIn(page, ALEX);
  await waitForServiceWorker(page);

  // From My Journey.
  const card = page.getByRole('region', { name: 'Good news?' });
  await card.getByRole('link', { name: 'Share good news' }).click();
  await page.getByRole('heading', { level: 1, name: 'Share good news' }).waitFor();
  await page.getByText('Your worker Sam and their manager.').waitFor();
  // The demo's earlier news, with Sam's reply, and one waiting.
  await page.getByText('I got picked for the school football team!').waitFor();
  await page.getByText('No reply yet.').first().waitFor();
  await expectFitsWidth(page, SMALL.width, 'Share good news');
  await page.screenshot({ path: `${SHOTS}/good-news-form.png`, fullPage: true });
  await expectNoAxeViolations(page, 'Share good news');

  // Half-written, then the page reloads: nothing is lost.
  await page.getByLabel('Something I did').check();
  await wordsBox(page).fill(NEWS);
  await page.reload();
  await page.getByRole('button', { name: 'Send my good news' }).waitFor();
  assert.equal(await wordsBox(page).inputValue(), NEWS);
  assert.ok(await page.getByLabel('Something I did').isChecked());

  // No signal: it waits on the phone.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send my good news' }).click();
  await page.getByRole('status').filter({ hasText: "Thank you! It's saved on this phone" }).waitFor();
  assert.equal(await waitingNotice(page).innerText(), '1 thing waiting to send');
  assert.equal(await wordsBox(page).inputValue(), '', 'the form is ready for next time');
  assert.equal(await page.getByLabel('Something I did').isChecked(), false);
  await waitingNotice(page).click();
  await page.locator('#outbox').getByText('Your good news').waitFor();
  await page.screenshot({ path: `${SHOTS}/good-news-waiting.png`, fullPage: true });
  await expectNoAxeViolations(page, 'good news waiting to send');

  // Signal again: it goes by itself, once, and shows in the list.
  await context.setOffline(false);
  await waitingNotice(page).waitFor({ state: 'detached', timeout: 20_000 });
  const mine = page.locator('li.good-news').filter({ hasText: NEWS });
  await mine.waitFor();
  await mine.getByText('No reply yet.').waitFor();
  await mine.getByText('Something I did').waitFor();
  assert.equal((await goodNewsWith(page, NEWS)).length, 1, 'recorded exactly once');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('journey.draft.')));
  assert.deepEqual(keys, [], 'no draft left behind');

  // Sam, on his phone: Alex's page shows it waiting for a reply, and he replies.
  const sam = await phone(browser(), SMALL);
  await signIn(sam.page, SAM);
  await sam.page.goto(`${BASE_URL}/staff/young-people/${ALEX_ID}`);
  const theirs = sam.page.getByRole('region', { name: 'Their good news' });
  const news = theirs.locator('li.good-news').filter({ hasText: NEWS });
  await news.waitFor();
  await news.getByText('Waiting for a reply').waitFor();
  await news.getByText('In their words').waitFor();
  // Nothing written: said beside the box, nothing sent.
  await news.getByRole('button', { name: 'Send reply' }).click();
  await news.getByRole('alert').filter({ hasText: 'Please write your reply.' }).waitFor();
  await news.getByRole('textbox', { name: 'Your reply' }).fill(REPLY);
  // The page is reloaded: what he typed is still there (a draft on this device).
  await sam.page.reload();
  await news.getByText('Waiting for a reply').waitFor();
  assert.equal(await news.getByRole('textbox', { name: 'Your reply' }).inputValue(), REPLY);
  // No signal: kept on this device, and sent by itself when the signal is back.
  await sam.context.setOffline(true);
  await news.getByRole('button', { name: 'Send reply' }).click();
  await news
    .getByText('No signal: your reply is saved on this device and will send by itself.')
    .waitFor();
  assert.equal(await news.getByRole('textbox', { name: 'Your reply' }).inputValue(), '');
  await sam.context.setOffline(false);
  for (let tries = 0; ; tries++) {
    await sam.page.waitForTimeout(1000);
    await sam.page.reload();
    await news.waitFor();
    if (await news.getByText(REPLY).count()) break;
    assert.ok(tries < 20, 'the reply kept with no signal was never sent');
  }
  await news.getByText('Waiting for a reply').waitFor({ state: 'detached' });
  assert.equal(await news.getByRole('textbox', { name: 'Your reply' }).inputValue(), '');
  await expectFitsWidth(sam.page, SMALL.width, "Alex's page for Sam");
  await sam.page.screenshot({ path: `${SHOTS}/good-news-staff.png`, fullPage: true });
  await news.screenshot({ path: `${SHOTS}/good-news-staff-reply.png` });
  await expectNoAxeViolations(sam.page, "Alex's page with good news");
  assert.deepEqual(realProblems(sam.problems), []);
  await sam.context.close();

  // Alex looks again: Sam's reply is under the news.
  await page.reload();
  await mine.getByText(REPLY).waitFor();
  await mine.getByRole('heading', { name: /^Sam Rivers replied today at \d\d:\d\d:$/ }).waitFor();
  assert.equal(await mine.getByText('No reply yet.').count(), 0);
  await page.screenshot({ path: `${SHOTS}/good-news-reply.png`, fullPage: true });
  await mine.screenshot({ path: `${SHOTS}/good-news-reply-item.png` });
  await expectNoAxeViolations(page, 'good news with a reply');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('Share good news speaks Welsh, a mistake too, and sends a choice alone', async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signInInWelsh(page);

  await page.getByRole('region', { name: 'Newyddion da?' })
    .getByRole('link', { name: 'Rhannu newyddion da' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rhannu newyddion da' }).waitFor();
  await page.getByText('Dy weithiwr Sam a rheolwr dy weithiwr.').waitFor();
  // The reply Sam wrote in English is shown as he wrote it, with Welsh around it.
  await page.getByRole('heading', { name: /^Atebodd Sam Rivers / }).first().waitFor();

  // Nothing chosen or written: the phone says so, in Welsh, and sends nothing.
  await page.getByRole('button', { name: 'Anfon fy newyddion da' }).click();
  const summary = page.getByRole('alert').filter({ hasText: "Dydy dy newyddion da ddim wedi'i anfon eto" });
  await summary.waitFor();
  assert.match(await summary.innerText(), /Dewisa am beth mae dy newyddion da/);
  await page.screenshot({ path: `${SHOTS}/good-news-welsh-mistake.png`, fullPage: true });
  await expectNoAxeViolations(page, 'Rhannu newyddion da, with a mistake');

  // A choice alone is enough.
  const before = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/good-news`)).body.length;
  await page.getByLabel("Sut dw i'n teimlo").check();
  await page.getByRole('button', { name: 'Anfon fy newyddion da' }).click();
  await page.getByRole('status').filter({ hasText: 'Diolch am rannu dy newyddion da!' }).waitFor();
  const after = (await apiGet(page, `/api/v1/young-people/${ALEX_ID}/good-news`)).body;
  assert.equal(after.length, before + 1);
  assert.equal(after[0].about, 'how_i_feel');
  assert.equal(after[0].words, null);
  await page.locator('li.good-news').first().getByText('Dim ateb eto.').waitFor();
  await expectFitsWidth(page, SMALL.width, 'Rhannu newyddion da');
  await page.screenshot({ path: `${SHOTS}/good-news-welsh.png`, fullPage: true });
  await expectNoAxeViolations(page, 'Rhannu newyddion da');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
