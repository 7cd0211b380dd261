// Browser tests: the young person's forms in Cymraeg. Signing in, feedback, Help and
// "Tell us something's wrong", How I'm doing, "I don't feel safe" and the account page
// all speak Welsh once it is chosen, mistakes in forms included (core's and the
// server's messages are written in English and shown in Welsh). Nothing is sent here, so
// the other tests' data is left as it is.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALEX, BASE_URL, SHOTS, expectNoAxeViolations, launchBrowser, phone, signInInWelsh,
} from './phone.mjs';

let browser;

/** The page's own words fit the phone's width (the top bar is checked elsewhere). */
async function expectMainFits(page, width, what) {
  const wide = await page.locator('main').evaluate((main) => main.scrollWidth);
  assert.ok(wide <= width, `${what}: the page is ${wide}px wide`);
}

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('English is the default, and signing in speaks Welsh once chosen, mistakes too', async () => {
  const { context, page, problems } = await phone(browser);
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en-GB');

  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'cy');

  // Nothing typed: the phone's own check, in Welsh.
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Doedden ni ddim yn gallu dy fewngofnodi di' });
  await summary.waitFor();
  assert.match(await summary.innerText(), /Teipia dy enw defnyddiwr, os gweli di'n dda\./);
  assert.match(await summary.innerText(), /Teipia dy gyfrinair, os gweli di'n dda\./);

  // A wrong password: the server's English message, shown in Welsh.
  await page.getByLabel('Enw defnyddiwr', { exact: true }).fill(ALEX.username);
  await page.getByLabel('Cyfrinair', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  await page.getByText("Dydy'r enw defnyddiwr a'r cyfrinair ddim yn cyd-fynd", { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/welsh-sign-in-mistake.png`, fullPage: true });

  // Setting up an account: the code's rule, from core, in Welsh.
  await page.getByRole('link', { name: /Creu dy gyfrif/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Creu dy gyfrif' }).waitFor();
  await page.getByRole('button', { name: 'Creu fy nghyfrif' }).click();
  await page.getByText('Edrych eto ar dy god.', { exact: false }).first().waitFor();
  await page.getByText('Defnyddia o leiaf 8 llythyren.', { exact: false }).first().waitFor();
  await expectNoAxeViolations(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Cymraeg, the feedback form asks in Welsh and its mistakes are in Welsh', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 640 }]) {
    const { context, page, problems } = await phone(browser, viewport);
    await signInInWelsh(page);
    await page.goto(`${BASE_URL}/feedback`);
    await page.getByRole('heading', { level: 1, name: 'Adborth' }).waitFor();
    const question = page.getByRole('group', { name: "Oeddet ti'n teimlo bod rhywun yn gwrando arnat ti?" });
    await question.waitFor();
    assert.ok(await question.getByLabel('Gwell gen i beidio â dweud').isVisible());
    assert.ok(await question.getByLabel('1 o 5: Ddim wir').count() === 1);
    assert.ok(await page.getByRole('group', { name: 'At ei gilydd, sut aeth hi?' }).isVisible());
    assert.ok(await page.getByRole('group', { name: 'Pwy gaiff ddarllen beth ysgrifennaist ti?' }).isVisible());
    await page.getByText("Pwy sy'n gallu gweld hwn:", { exact: false }).first().waitFor();

    // Too many words: core's check, in Welsh, numbers and all. Nothing is sent.
    await page.getByLabel(/Beth fyddai'n gwneud y tro nesaf yn well/).fill('hi '.repeat(335).trimEnd());
    // Sent from the keyboard, as some young people do.
    await page.getByRole('button', { name: 'Anfon', exact: true }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: "Dydy dy adborth ddim wedi mynd eto" });
    await summary.waitFor();
    assert.match(
      await summary.innerText(),
      /Mae hyn yn rhy hir\. Ysgrifenna dy eiriau mewn 1000 llythyren neu lai, os gweli di'n dda \(mae 1004 nawr\)\./,
    );
    await expectMainFits(page, viewport.width, `feedback in Welsh at ${viewport.width}px`);
    await page.screenshot({ path: `${SHOTS}/welsh-feedback-${viewport.width}.png`, fullPage: true });
    if (viewport.width === 390) {
      await expectNoAxeViolations(page);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('in Cymraeg, Help and "Tell us something\'s wrong" are in Welsh, mistakes too', async () => {
  const { context, page, problems } = await phone(browser);
  await signInInWelsh(page);
  await page.goto(`${BASE_URL}/help`);
  await page.getByRole('heading', { level: 1, name: 'Cymorth' }).waitFor();
  const main = page.locator('main');
  await main.getByRole('heading', { name: "Mae'n iawn cwyno" }).waitFor();
  for (const heading of [
    'Os wyt ti mewn perygl nawr',
    "Y camau, a pha mor hir mae pob un yn ei gymryd",
    'Eiriolwr: rhywun sydd ar dy ochr di',
    'Pwy arall all helpu',
    "Beth sy'n breifat, a phwy sy'n gallu gweld beth",
  ]) {
    assert.ok(await main.getByRole('heading', { name: heading }).isVisible(), heading);
  }
  // The organisation's built-in help comes in Welsh too, and is not marked as another
  // language.
  await main.getByText('Ffonia 999. Mae am ddim', { exact: false }).first().waitFor();
  await main.getByRole('heading', { name: /Siarad â rhywun/ }).waitFor();
  await main.getByText("Eiriolwyr sy'n gallu dy helpu di i wneud cwyn", { exact: false }).waitFor();
  assert.equal(await main.locator('section[lang]').count(), 0);
  // 999 first, said plainly, and still a phone link.
  assert.equal(await page.getByRole('link', { name: 'Ffonio 999' }).getAttribute('href'), 'tel:999');
  await page.screenshot({ path: `${SHOTS}/welsh-help.png`, fullPage: true });
  await expectNoAxeViolations(page);

  await main.getByRole('link', { name: "Dweud wrthon ni bod rhywbeth o'i le" }).click();
  await page.getByRole('heading', { level: 1, name: "Dweud wrthon ni bod rhywbeth o'i le" }).waitFor();
  await page.getByRole('button', { name: 'Anfon', exact: true }).press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Dydy dy neges ddim wedi mynd eto' });
  await summary.waitFor();
  assert.match(await summary.innerText(), /Dewisa am beth mae e, os gweli di'n dda\./);
  assert.match(await summary.innerText(), /Ysgrifenna beth sydd o'i le, os gweli di'n dda\./);
  await expectMainFits(page, 390, 'tell us in Welsh');
  await page.screenshot({ path: `${SHOTS}/welsh-tell-us-mistake.png`, fullPage: true });
  await expectNoAxeViolations(page);

  await page.goto(`${BASE_URL}/help/your-concerns`);
  await page.getByRole('heading', { level: 1, name: 'Dy bryderon' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('in Cymraeg, How I\'m doing and "I don\'t feel safe" are in Welsh, 999 first', async () => {
  const { context, page, problems } = await phone(browser, { width: 360, height: 640 });
  await signInInWelsh(page);
  await page.goto(`${BASE_URL}/how-im-doing`);
  await page.getByRole('heading', { level: 1, name: 'Sut ydw i' }).waitFor();
  const mood = page.getByRole('group', { name: 'Sut wyt ti heddiw?' });
  assert.ok(await mood.getByLabel('Da iawn').isVisible());
  await page.getByText('Pwy sy\'n gallu gweld hwn: Dy weithiwr Sam a rheolwr dy weithiwr.').waitFor();
  await page.getByRole('heading', { name: 'Sut rwyt ti wedi bod' }).waitFor();
  await expectMainFits(page, 360, 'how I am doing in Welsh');
  await page.screenshot({ path: `${SHOTS}/welsh-how-im-doing-360.png`, fullPage: true });

  await page.getByRole('link', { name: "Dw i ddim yn teimlo'n ddiogel" }).first().click();
  await page.getByRole('heading', { level: 1, name: "Dw i ddim yn teimlo'n ddiogel" }).waitFor();
  // The emergency box comes before the form, and says who will be told.
  const call = page.getByRole('heading', { name: 'Os wyt ti mewn perygl nawr, ffonia 999' });
  await call.waitFor();
  assert.equal(await page.getByRole('link', { name: 'Ffonio 999' }).getAttribute('href'), 'tel:999');
  await page.getByRole('heading', { name: 'Pwy fydd yn cael gwybod' }).waitFor();
  await page.getByText("Dy weithiwr Sam a rheolwr dy weithiwr. Byddan nhw'n gweld hwn yn yr ap", { exact: false }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Dweud wrthyn nhw nawr' }).isVisible());
  await expectMainFits(page, 360, 'not safe in Welsh');
  await page.screenshot({ path: `${SHOTS}/welsh-not-safe-360.png`, fullPage: true });
  await expectNoAxeViolations(page);

  await page.goto(`${BASE_URL}/account`);
  await page.getByRole('heading', { level: 1, name: 'Dy gyfrif' }).waitFor();
  await page.getByRole('button', { name: 'Newid cyfrinair' }).click();
  await page.getByText("Teipia'r cyfrinair rwyt ti'n ei ddefnyddio nawr", { exact: false }).first().waitFor();
  await expectMainFits(page, 360, 'account in Welsh');
  await page.screenshot({ path: `${SHOTS}/welsh-account-360.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
