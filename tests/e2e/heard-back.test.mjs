// Browser tests: hearing back. A young person says "I don't agree" with their plan; Sam
// sees it waiting on his list and replies under it; they see the count on the My Journey
// tab, open "What's happened since you told us", read the reply, and the count goes. The
// same again in Welsh. Both phones are small (360×640).
//
// Each test has a young person of its own, new to Sam (invited, signed up and given
// Alex's plan through the API), so Alex's views, which other files count, are untouched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SAM, SHOTS, apiGet, apiPost, expectBigTapTargets, expectFitsWidth, expectNoAxeViolations,
  phone, signIn, useBrowser,
} from './phone.mjs';

const SMALL = { width: 360, height: 640 };

const browser = useBrowser();

const EN = (name) => ({
  mine: 'Your view of your plan',
  add: 'Add my view',
  dontAgree: "I don't agree",
  wordsLabel: 'In your own words (you can skip this)',
  save: 'Save my view',
  theirs: `${name}'s view of their plan`,
  reply: `Reply to ${name}`,
  replyLabel: `Your reply to ${name}`,
  send: 'Send reply',
  sent: `Reply sent. ${name} will see it on My Journey.`,
  replied: 'Sam Rivers replied',
  nav: 'Main',
  tab: 'My Journey',
  count: '1 new answer',
  title: "What's happened since you told us",
  show: "Show what's happened",
  hide: 'Hide the list',
  said: 'Sam Rivers replied to your view',
  link: 'Go to where you said it',
});

const CY = (name) => ({
  mine: 'Dy farn di am dy gynllun',
  add: 'Rhoi fy marn',
  dontAgree: 'Dw i ddim yn cytuno',
  wordsLabel: "Yn dy eiriau dy hun (does dim rhaid llenwi hwn)",
  save: 'Cadw fy marn',
  theirs: `Barn ${name} am eu cynllun`,
  reply: `Ateb ${name}`,
  replyLabel: `Dy ateb i ${name}`,
  send: 'Anfon ateb',
  sent: `Ateb wedi'i anfon. Bydd ${name} yn ei weld ar Fy Siwrnai.`,
  replied: 'Atebodd Sam Rivers',
  nav: 'Prif ddewislen',
  tab: 'Fy Siwrnai',
  count: '1 ateb newydd',
  title: "Beth sydd wedi digwydd ers i ti ddweud wrthon ni",
  show: 'Dangos beth sydd wedi digwydd',
  hide: "Cuddio'r rhestr",
  said: 'Atebodd Sam Rivers dy farn',
  link: 'Mynd i ble dywedaist ti hyn',
});

async function inLanguage(page, lang) {
  if (lang === 'cy') {
    await page.evaluate(() => localStorage.setItem('my-journey.language', '"cy"'));
    await page.reload();
  }
}

/** A PUT from inside the page, with its cookie, as the app does. */
async function apiPut(page, path, body) {
  return page.evaluate(async ({ path, body }) => {
    const response = await fetch(path, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.status;
  }, { path, body });
}

/**
 * A young person new to Sam, signed up on `page` with Alex's plan: their first name and id.
 * Sam's own phone (`sam`, signed in) makes the invite and writes the plan.
 */
async function newYoungPerson(sam, page, lang) {
  const letters = Date.now().toString().split('').map((d) => 'abcdefghij'[Number(d)]).join('');
  const name = `Robin${lang === 'cy' ? 'cy' : 'en'}${letters.slice(-6)}`;
  const invite = await apiPost(sam, '/api/v1/young-people', { first_name: name });
  assert.equal(invite.status, 201);
  const id = invite.body.young_person_id;
  const alexId = (await apiGet(sam, '/api/v1/young-people')).body.find((p) => p.first_name === 'Alex').id;
  const plan = (await apiGet(sam, `/api/v1/young-people/${alexId}/journey`)).body.plan;
  assert.equal(await apiPut(sam, `/api/v1/young-people/${id}/plan`, { based_on: null, plan }), 200);
  await page.goto(`${BASE_URL}/sign-in`);
  const signedUp = await apiPost(page, '/api/v1/auth/sign-up', {
    invite_code: invite.body.code, username: name.toLowerCase(), password: 'a long enough password',
  });
  assert.equal(signedUp.status, 201);
  await page.goto(`${BASE_URL}/`);
  await page.waitForFunction(() => document.querySelector('nav.bottom-nav') !== null);
  return { name, id };
}

async function hearsBack(wordsFor, lang) {
  const stamp = Date.now().toString(36);
  const alexView = `I don't want to change school (${lang} ${stamp}).`;
  const samReply = `We won't change your school. Let's talk on Tuesday (${lang} ${stamp}).`;

  // Sam, and a young person of his on a small phone.
  const samPhone = await phone(browser(), SMALL);
  const sam = samPhone.page;
  await signIn(sam, SAM);
  const alexPhone = await phone(browser(), SMALL);
  const alex = alexPhone.page;
  const me = await newYoungPerson(sam, alex, lang);
  const words = wordsFor(me.name);
  await inLanguage(alex, lang);
  await inLanguage(sam, lang);
  const nav = alex.getByRole('navigation', { name: words.nav });
  await nav.getByRole('link', { name: words.tab }).waitFor();
  assert.equal(await nav.locator('.tab-count').count(), 0, 'nothing new yet');

  // "I don't agree", about the whole plan.
  const myView = alex.getByRole('region', { name: words.mine });
  await myView.getByRole('button', { name: words.add }).click();
  await myView.getByRole('radio', { name: words.dontAgree }).check();
  await myView.getByLabel(words.wordsLabel).fill(alexView);
  await myView.getByRole('button', { name: words.save }).click();
  await myView.locator('li.view', { hasText: alexView }).waitFor();

  // Sam, on his phone: the view waits on his list, and he replies under it.
  await sam.reload();
  const card = sam.locator('li.person', { has: sam.getByRole('heading', { name: me.name, exact: true }) });
  await card.locator('.tag.views-waiting').waitFor();
  assert.match(await card.locator('.tag.views-waiting').innerText(), lang === 'cy' ? /aros am ateb/ : /waiting for a reply/);
  await sam.goto(`${BASE_URL}/staff/young-people/${me.id}`);
  const theirView = sam.getByRole('region', { name: words.theirs }).locator('li.view', { hasText: alexView });
  await theirView.getByRole('button', { name: words.reply }).click();
  await theirView.getByLabel(words.replyLabel).fill(samReply);
  await theirView.getByRole('button', { name: words.send }).click();
  await theirView.getByText(words.sent).waitFor();
  await theirView.locator('.view-reply', { hasText: samReply }).waitFor();
  assert.match(await theirView.locator('.view-reply').last().innerText(), new RegExp(words.replied));
  await expectFitsWidth(sam, SMALL.width, 'the staff journey after a reply');
  await expectNoAxeViolations(sam);
  await sam.screenshot({ path: `${SHOTS}/heard-back-${lang}-sam-replied.png` });

  // Alex looks again: the count is on the My Journey tab.
  await alex.reload();
  const tab = nav.getByRole('link', { name: new RegExp(`${words.count}`) });
  await tab.waitFor();
  assert.equal((await nav.locator('.tab-count').innerText()).trim(), '1');
  await alex.screenshot({ path: `${SHOTS}/heard-back-${lang}-count.png` });

  // The list, closed until opened; opening it is looking.
  const since = alex.getByRole('region', { name: words.title });
  const show = since.getByRole('button', { name: new RegExp(words.show) });
  assert.equal(await show.getAttribute('aria-expanded'), 'false');
  await show.click();
  // The same button now hides the list.
  const hide = since.getByRole('button', { name: words.hide });
  assert.equal(await hide.getAttribute('aria-expanded'), 'true');
  const newest = since.locator('li.heard-back-item').first();
  await newest.getByText(words.said).waitFor();
  assert.equal((await newest.locator('.their-words').innerText()).trim(), samReply);
  assert.equal(await newest.getByRole('link', { name: words.link }).getAttribute('href'), '/#my-view');
  await nav.locator('.tab-count').waitFor({ state: 'detached' });
  assert.equal(await nav.getByRole('link', { name: new RegExp(words.count) }).count(), 0);
  // The reply is under Alex's view too.
  const mine = myView.locator('li.view', { hasText: alexView });
  await mine.locator('.view-reply', { hasText: samReply }).waitFor();
  assert.equal(await mine.getByRole('button', { name: words.reply }).count(), 0, 'Alex has no reply form');
  await expectFitsWidth(alex, SMALL.width, 'My Journey with the list open');
  await expectBigTapTargets(alex);
  await expectNoAxeViolations(alex);
  await since.screenshot({ path: `${SHOTS}/heard-back-${lang}-list.png` });

  // Looked at: the count stays gone after a reload.
  await alex.reload();
  await nav.getByRole('link', { name: words.tab }).waitFor();
  await alex.getByRole('region', { name: words.title }).getByRole('button', { name: words.show }).waitFor();
  assert.equal(await nav.locator('.tab-count').count(), 0);

  assert.deepEqual(alexPhone.problems, []);
  assert.deepEqual(samPhone.problems, []);
  await alexPhone.context.close();
  await samPhone.context.close();
}

test('Sam replies to "I don\'t agree"; the young person sees the count on the My Journey tab, reads the reply, and the count goes', async () => {
  await hearsBack(EN, 'en');
});

test('the same in Welsh', async () => {
  await hearsBack(CY, 'cy');
});
