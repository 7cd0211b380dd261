// Browser tests: Welsh (Cymraeg) on a young person's screens. Alex switches with the
// button in the top bar; My Journey, Goals and the navigation speak Welsh, `<html lang>`
// says so, a reload keeps it (remembered on the phone), and switching back gives English.
// Then a worker's session on one phone, in Welsh: each of the young person's turns is in
// Welsh too. Nothing here is saved, so it can run after every other test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, SAM, SHOTS, expectBigTapTargets, expectFitsWidth, expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const SMALL = { width: 360, height: 640 };

const browser = useBrowser();

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/** No English left on the screen's headings, buttons and links, where a word crept in. */
async function expectNoEnglish(page, words) {
  const text = await page.locator('body').innerText();
  for (const word of words) assert.ok(!text.includes(word), `"${word}" is still in English`);
}

async function checkScreen(page, name, width) {
  await expectFitsWidth(page, width, name);
  await expectBigTapTargets(page);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/welsh-${name}.png`, fullPage: true });
}

test('Alex switches to Cymraeg in the top bar: journey, goals and navigation in Welsh, kept after a reload, and back to English', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, ALEX);
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(await htmlLang(page), 'en-GB');

  // The switch names the other language in that language.
  await page.locator('header').getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  assert.equal(await htmlLang(page), 'cy');

  const main = page.locator('main');
  for (const heading of ['Sut wyt ti?', 'Dy weithiwr', 'Pam mae gen ti gynllun', 'Y camau', 'Dy adolygiad']) {
    await main.getByRole('heading', { level: 2, name: heading }).waitFor();
  }
  await main.getByText('Adolygiad nesaf:', { exact: false }).waitFor();
  await main.getByRole('link', { name: /^Ffonio Sam/ }).waitFor();
  for (const badge of ["Wedi'i wneud", 'Yn digwydd nawr', 'Ar y ffordd']) {
    assert.ok((await main.locator('.badge', { hasText: badge }).count()) > 0, `a step is "${badge}"`);
  }
  const nav = page.getByRole('navigation', { name: 'Prif ddewislen' });
  for (const link of ['Fy Siwrnai', 'Nodau', 'Adborth', 'Cymorth']) {
    await nav.getByRole('link', { name: link }).waitFor();
  }
  const header = page.locator('header');
  await header.getByRole('button', { name: 'Gadael nawr' }).waitFor();
  await header.getByRole('link', { name: 'Cyfrif' }).waitFor();
  await header.getByRole('button', { name: 'English' }).waitFor();
  await expectNoEnglish(page, [
    'Your worker', 'The steps', 'Next review', 'Why you have a plan', 'Quick exit', 'Add my view',
    'Keeping you safe', 'Your review',
  ]);
  await checkScreen(page, 'journey', 390);

  // A view about the plan: the form's words and the stances are Welsh too.
  await main.getByRole('button', { name: 'Rhoi fy marn' }).last().click();
  await main.getByRole('group', { name: 'Sut wyt ti\'n teimlo am dy gynllun?' }).waitFor();
  await main.getByLabel("Dw i ddim yn siŵr").waitFor();
  await main.getByRole('button', { name: 'Canslo' }).click();

  // Goals, from the bottom navigation.
  await nav.getByRole('link', { name: 'Nodau' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nodau' }).waitFor();
  await main.getByRole('heading', { level: 2, name: "Wrthi'n gweithio arnyn nhw" }).waitFor();
  await main.getByRole('heading', { level: 2, name: 'Rhywbeth newydd i weithio arno' }).waitFor();
  await expectNoEnglish(page, ['Working on it', 'Something new to work on', 'In your words', 'Add a goal']);
  await checkScreen(page, 'goals', 390);

  // The rating scale, when there is a goal to rate (goals.test.mjs leaves one).
  const rate = main.getByRole('button', { name: 'Sgorio fy nodau' });
  if (await rate.count()) {
    await rate.click();
    await main.getByText('0: Ddim yn agos o gwbl').first().waitFor();
    await main.getByLabel('Gwell gen i beidio â dweud').first().waitFor();
    await main.getByRole('button', { name: 'Anfon fy atebion' }).waitFor();
    await page.setViewportSize(SMALL);
    await checkScreen(page, 'goals-rate-small', SMALL.width);
    await main.getByRole('button', { name: 'Canslo' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
  }

  // Remembered on this phone: a reload is still in Welsh.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Nodau' }).waitFor();
  assert.equal(await htmlLang(page), 'cy');
  await nav.getByRole('link', { name: 'Fy Siwrnai' }).click();
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  await page.setViewportSize(SMALL);
  await checkScreen(page, 'journey-small', SMALL.width);

  // An address that isn't ours.
  await page.goto(`${new URL(page.url()).origin}/no-such-page`);
  await page.getByRole('heading', { level: 1, name: "Allwn ni ddim dod o hyd i'r dudalen honno" }).waitFor();
  await page.getByRole('link', { name: 'Mynd i Fy Siwrnai' }).click();

  // And back to English, also remembered.
  await page.getByRole('heading', { level: 1, name: 'Fy Siwrnai' }).waitFor();
  await page.locator('header').getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(await htmlLang(page), 'en-GB');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Goals' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.equal(await htmlLang(page), 'en-GB');

  assert.deepEqual(problems, []);
  await context.close();
});

test("a worker's session on one phone in Welsh: every one of the young person's turns is in Welsh", async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signIn(page, SAM);
  // A worker chooses Welsh in Settings or on the sign-in page; the choice is kept here.
  await page.evaluate(() => localStorage.setItem('my-journey.language', '"cy"'));
  await page.reload();
  // The staff home is in Welsh too now.
  await page.getByRole('link', { name: 'Nodau ar gyfer Alex' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nodau Alex' }).waitFor();
  assert.equal(await htmlLang(page), 'cy');
  const turn = page.locator('p.turn');
  await turn.getByText('Dy dro di, Sam').waitFor();

  await page.getByRole('button', { name: 'Dechrau sesiwn gyda Alex' }).click();
  await page.getByRole('heading', { level: 2, name: "Rho'r ddyfais i Alex" }).waitFor();
  await page.getByRole('button', { name: 'Fi yw Alex, fy nhro i yw hi' }).click();
  await page.getByRole('heading', { level: 2, name: 'Dy dro di, Alex' }).waitFor();
  await turn.getByText('Tro Alex').waitFor();
  await page.getByRole('button', { name: 'Cadw fy nod' }).waitFor();
  await expectNoEnglish(page, ['Your turn', 'What would you like to work on?', 'Save my goal', 'Not now']);
  await checkScreen(page, 'session-write', SMALL.width);

  await page.getByRole('button', { name: 'Dim nawr' }).click();
  const rating = page.getByRole('heading', { level: 2, name: 'Pa mor agos wyt ti, Alex?' });
  const thanks = page.getByRole('heading', { level: 2, name: 'Diolch, Alex' });
  await rating.or(thanks).waitFor();
  if (await rating.isVisible()) {
    await page.getByRole('button', { name: 'Anfon fy atebion' }).waitFor();
    await checkScreen(page, 'session-rate', SMALL.width);
    await page.getByRole('button', { name: 'Gadael hyn am nawr' }).click();
  }
  await thanks.waitFor();
  await turn.getByText("Rho hi'n ôl i Sam").waitFor();
  // Only Sam's password ends Alex's turn, and it is asked for in Welsh too.
  await page.getByLabel("Sam, teipia dy gyfrinair i gael y ddyfais yn ôl").fill(SAM.password);
  await page.getByRole('button', { name: "Fi yw Sam, mae hi gen i'n ôl" }).click();
  await page.getByRole('heading', { level: 2, name: 'Beth gafodd ei gadw' }).waitFor();
  await page.getByText('Dim nodau newydd y tro hwn.').waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});
