// Browser tests: Welsh (Cymraeg) on the staff screens (issue 21). Morgan, a manager,
// chooses Cymraeg on the sign-in page and signs in: the staff home, a plan editor and the
// safety flags page speak Welsh, `<html lang>` says so, and nothing is left in English
// where a word used to be in the code. Nothing here is saved.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, MORGAN, SHOTS, expectFitsWidth, expectNoAxeViolations, phone, useBrowser, signInInWelsh,
} from './phone.mjs';

const SMALL = { width: 360, height: 640 };

const browser = useBrowser();

/** No English left on the screen where a word used to be in the code. */
async function expectNoEnglish(page, words) {
  const text = await page.locator('body').innerText();
  for (const word of words) assert.ok(!text.includes(word), `"${word}" is still in English`);
}

async function checkScreen(page, name) {
  await expectFitsWidth(page, SMALL.width, name);
  await expectNoAxeViolations(page, name);
  await page.screenshot({ path: `${SHOTS}/welsh-staff-${name}.png`, fullPage: true });
}

test('Morgan in Cymraeg: the staff home, a plan editor and the safety flags page are in Welsh', async () => {
  const { context, page, problems } = await phone(browser(), SMALL);
  await signInInWelsh(page, MORGAN);

  // The staff home: their young people, each with their worker and next review in Welsh.
  const main = page.locator('main');
  await main.getByRole('heading', { level: 1, name: 'Eich pobl ifanc' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  await main.getByRole('link', { name: 'Pryderon gan bobl ifanc' }).waitFor();
  const alex = main.locator('li.person', { has: page.getByRole('heading', { name: 'Alex' }) });
  await alex.getByText('Gweithiwr: Sam Rivers').waitFor();
  // The next review as people say it in Welsh, never an ISO date.
  assert.match(await alex.innerText(), /Adolygiad nesaf: [^\n]*Dydd \S+ \d{1,2} \S+/);
  await alex.getByRole('link', { name: 'Nodau ar gyfer Alex' }).waitFor();
  await alex.getByRole('link', { name: 'Adborth gan Alex' }).waitFor();
  await main.getByRole('heading', { level: 2, name: 'Ychwanegu person ifanc' }).waitFor();
  await main.getByLabel('Enw cyntaf').waitFor();
  await page.getByRole('navigation', { name: 'Prif ddewislen' }).getByRole('link', { name: 'Pobl ifanc' }).waitFor();
  await expectNoEnglish(page, [
    'Your young people', 'See plan', 'Worker:', 'Next review', 'Add a young person', 'First name',
    'Concerns from young people', 'Has an account', 'No account yet', 'Needs looking at',
  ]);
  await checkScreen(page, 'home');

  // The plan editor, reached as a worker would: their journey, then "Newid y cynllun".
  await alex.getByRole('link', { name: 'Gweld y cynllun ar gyfer Alex' }).click();
  await page.getByRole('link', { name: 'Newid y cynllun' }).first().click();
  await main.getByRole('heading', { level: 1, name: 'Cynllun Alex' }).waitFor();
  await main.getByRole('link', { name: 'Yn ôl at eu siwrnai' }).waitFor();
  await main.getByLabel('Pam mae yna gynllun').waitFor();
  for (const legend of ["Beth rydyn ni'n gobeithio fydd yn newid", 'Camau', 'Cam 1', 'Adolygiad diwethaf']) {
    await main.locator('legend', { hasText: legend }).first().waitFor();
  }
  await main.getByLabel('Gobaith 1').waitFor();
  await main.getByRole('button', { name: 'Tynnu gobaith 1' }).waitFor();
  await main.getByLabel('Ble mae pethau arni').first().waitFor();
  await main.getByRole('button', { name: "Cadw'r cynllun" }).waitFor();
  await expectNoEnglish(page, [
    'Why there is a plan', 'What we hope will change', 'Save plan', 'Add a step', 'Remove this step',
    'Where it is', 'Last review', 'Back to their journey', 'Write it for',
  ]);
  await checkScreen(page, 'plan-editor');

  // The safety flags page: its heading and either the flags or "none open", in Welsh.
  await page.goto(`${BASE_URL}/staff/safety`);
  await main.getByRole('heading', { level: 1, name: 'Baneri diogelwch' }).waitFor();
  await main.getByRole('link', { name: 'Yn ôl at eich pobl ifanc' }).waitFor();
  await main.locator('article.safety-flag, p.card').first().waitFor();
  await expectNoEnglish(page, [
    'Safety flags', 'No open safety flags', 'What did you do?', 'Save and close the flag',
    "said they don't feel safe", 'Back to your young people',
  ]);
  await checkScreen(page, 'safety');

  assert.deepEqual(problems, []);
  await context.close();
});
