// Browser tests: the manager's and administrator's screens (issue 21, items 2 and 3).
// The audit log (filters, "Show older"), and the Help editor (English and Welsh side by
// side, the preview at phone width, a clash between two people saving, going back to the
// built-in content), at tablet (820×1180) and phone (360×640) sizes, in English and Welsh.
//
// In the demo, Morgan is one of the organisation's administrators; Ceri (the complaints
// officer) is a manager who is not.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, CERI, MORGAN, SAM, SHOTS, apiGet, apiPost, expectFitsWidth, expectNoAxeViolations,
  phone, signIn, useBrowser, signInInWelsh,
} from './phone.mjs';

const getBrowser = useBrowser();
const TABLET = { width: 820, height: 1180 };
const PHONE = { width: 360, height: 640 };
// Someone new for each run, named with letters only (a first name has no digits).
const NEW_NAME = `Sol${[...Date.now().toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('').slice(-4)}`;

test('a manager filters the audit log and shows older entries, at tablet and phone sizes', async () => {
  // Enough entries for more than one page: Sam adds someone new (so no other test has
  // given them an account already) and makes invite codes for them.
  {
    const { context, page } = await phone(getBrowser(), TABLET);
    await signIn(page, SAM);
    const added = await apiPost(page, '/api/v1/young-people', { first_name: NEW_NAME });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    for (let i = 0; i < 55; i++) {
      const made = await apiPost(page, `/api/v1/young-people/${added.body.young_person_id}/invite`, {});
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
    // A worker is told kindly that the audit log is for managers.
    await page.goto(`${BASE_URL}/staff/audit`);
    await page.getByText('Only managers and the organisation\'s administrators can see the audit log').waitFor();
    await context.close();
  }
  for (const [size, viewport] of [['tablet', TABLET], ['phone', PHONE]]) {
    const { context, page, problems } = await phone(getBrowser(), viewport);
    await signIn(page, MORGAN);
    await page.getByRole('link', { name: "What's been done (the audit log)" }).click();
    await page.getByRole('heading', { level: 1, name: "What's been done" }).waitFor();
    const entries = page.locator('.audit-entry');
    await entries.first().waitFor();
    assert.equal(await entries.count(), 50);
    // Newest first (Morgan signing in just now), in plain words.
    const shown = await entries.allInnerTexts();
    assert.match(shown[0], /^Morgan Lee \(manager\) signed in/);
    const invite = shown.find((t) => t.startsWith('Sam Rivers (worker) made an invite code'));
    assert.ok(invite?.includes(`About ${NEW_NAME}`) && invite.includes('Accounts and signing in'), invite);
    await expectNoAxeViolations(page, `the audit log (${size})`);
    await expectFitsWidth(page, viewport.width, `the audit log (${size})`);
    await page.screenshot({ path: `${SHOTS}/audit-${size}.png` });

    // Show older: the next page is added below, and the keyboard moves to it.
    await page.getByRole('button', { name: 'Show older' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.audit-entry').length > 50);
    // The keyboard moves on the next frame after the entries are drawn.
    await page.waitForFunction(() => document.activeElement?.classList.contains('audit-entry'), null, { timeout: 5000 })
      .catch(() => {});
    const focused = await page.evaluate(() => document.activeElement?.className ?? '');
    assert.match(focused, /audit-entry/);

    // Filter: them, accounts. Every entry is about them.
    await page.getByLabel('Young person').selectOption({ label: NEW_NAME });
    await page.getByLabel('What it was about').selectOption({ label: 'Accounts and signing in' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForFunction((about) => document.querySelectorAll('.audit-entry').length > 0 && [...document.querySelectorAll('.audit-entry')]
      .every((e) => e.innerText.includes(about)), `About ${NEW_NAME}`);
    const texts = await entries.allInnerTexts();
    assert.ok(texts.length > 0);
    assert.ok(texts.every((t) => t.includes('Accounts and signing in')));
    assert.ok(texts.some((t) => t.includes('made an invite code')));
    // Who did it: Alex signed in, not Sam.
    await page.getByLabel('Young person').selectOption({ label: 'Any young person' });
    await page.getByLabel('Who did it').selectOption({ label: 'Morgan Lee (manager)' });
    await page.getByLabel('What it was about').selectOption({ label: 'Anything' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForFunction(() => document.querySelectorAll('.audit-entry').length > 0 && [...document.querySelectorAll('.audit-entry')]
      .every((e) => e.innerText.startsWith('Morgan Lee (manager)')));
    await expectNoAxeViolations(page, `the audit log filtered (${size})`);
    await page.screenshot({ path: `${SHOTS}/audit-filtered-${size}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the audit log in Welsh', async () => {
  const { context, page, problems } = await phone(getBrowser(), PHONE);
  await signInInWelsh(page, MORGAN);
  await page.goto(`${BASE_URL}/staff/audit`);
  await page.getByRole('heading', { level: 1, name: "Beth sydd wedi'i wneud" }).waitFor();
  await page.locator('.audit-entry').first().waitFor();
  assert.ok(await page.getByLabel('Am beth oedd e').isVisible());
  await page.getByLabel('Am beth oedd e').selectOption({ label: 'Cyfrifon a mewngofnodi' });
  await page.getByRole('button', { name: 'Dangos', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.audit-entry').length > 0 && [...document.querySelectorAll('.audit-entry')]
    .every((e) => e.innerText.includes('Cyfrifon a mewngofnodi')));
  await expectNoAxeViolations(page, 'the audit log in Welsh');
  await expectFitsWidth(page, PHONE.width, 'the audit log in Welsh');
  await page.screenshot({ path: `${SHOTS}/audit-welsh-phone.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a manager who is not an administrator is told kindly the Help editor is not for them', async () => {
  // Ceri, the demo's complaints officer, is a manager but not an administrator.
  const { context, page } = await phone(getBrowser(), PHONE);
  await signIn(page, CERI);
  await page.goto(`${BASE_URL}/staff/help-editor`);
  await page.getByText('only its administrators can change it').waitFor();
  assert.equal((await apiGet(page, '/api/v1/help/edit')).status, 403);
  await context.close();
});

test('an administrator edits Help in English and Welsh and previews it at phone width', async () => {
  for (const [size, viewport] of [['tablet', TABLET], ['phone', PHONE]]) {
    const { context, page, problems } = await phone(getBrowser(), viewport);
    await signIn(page, MORGAN);
    await page.getByRole('link', { name: 'Edit the Help page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit the Help page' }).waitFor();
    const still = page.getByLabel('If they are still unhappy (English)');
    const stillCy = page.getByLabel('If they are still unhappy (Welsh)');
    await still.waitFor();
    await still.fill(`Ask Pat, our complaints officer (${size}).`);
    await stillCy.fill(`Gofynnwch i Pat, ein swyddog cwynion (${size}).`);
    // A mistake is named by its field, and what was typed stays.
    await page.getByLabel('Emergency number (999 or 112)').fill('123');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('heading', { name: 'The Help page has not been saved yet' }).waitFor();
    await page.getByText('Please write the emergency number: 999 (or 112).').first().waitFor();
    assert.equal(await still.inputValue(), `Ask Pat, our complaints officer (${size}).`);
    await page.getByLabel('Emergency number (999 or 112)').fill('999');

    // The preview: as a young person sees it, in a phone-sized frame, before saving.
    await page.getByRole('button', { name: 'Preview in English' }).click();
    const frame = page.locator('.phone-frame');
    await frame.getByText(`Ask Pat, our complaints officer (${size}).`).waitFor();
    assert.equal(await frame.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
    const width = await frame.evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(width <= 360, `the preview is ${width}px wide`);
    await expectNoAxeViolations(page, `the Help editor with its preview (${size})`);
    await expectFitsWidth(page, viewport.width, `the Help editor (${size})`);
    await frame.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/help-editor-preview-${size}.png` });
    await page.getByRole('button', { name: 'Preview in Welsh' }).click();
    await page.locator('.phone-frame[lang="cy"]').getByText(`Gofynnwch i Pat, ein swyddog cwynion (${size}).`).waitFor();
    await page.locator('.phone-frame[lang="cy"]').getByRole('heading', { name: 'Os wyt ti mewn perygl nawr' }).waitFor();

    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText(/^Saved as version \d+\. Young people see it now\.$/).waitFor();
    // Both languages are served.
    const cy = (await apiGet(page, '/api/v1/help?lang=cy')).body;
    assert.equal(cy.lang, 'cy');
    assert.equal(cy.content.still_unhappy, `Gofynnwch i Pat, ein swyddog cwynion (${size}).`);
    await page.getByRole('heading', { name: 'Recent versions' }).waitFor();
    await page.locator('.help-versions li').filter({ hasText: 'Morgan Lee (manager)' }).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/help-editor-saved-${size}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('two administrators save at once: the second sees the clash and keeps what they typed', async () => {
  const first = await phone(getBrowser(), TABLET);
  const second = await phone(getBrowser(), PHONE);
  for (const { page } of [first, second]) {
    await signIn(page, MORGAN);
    await page.goto(`${BASE_URL}/staff/help-editor`);
    await page.getByLabel('If they are still unhappy (English)').waitFor();
  }
  await first.page.getByLabel('If they are still unhappy (English)').fill('The first save.');
  await first.page.getByRole('button', { name: 'Save as a new version' }).click();
  await first.page.getByText(/^Saved as version/).waitFor();

  const mine = 'The second save, typed at the same time.';
  await second.page.getByLabel('If they are still unhappy (English)').fill(mine);
  await second.page.getByRole('button', { name: 'Save as a new version' }).click();
  await second.page.getByRole('heading', { name: 'Someone else saved a newer version' }).waitFor();
  assert.equal(await second.page.getByLabel('If they are still unhappy (English)').inputValue(), mine);
  // Their version is there to read.
  await second.page.getByText('Their version, in English').click();
  await second.page.locator('.clash .phone-frame').getByText('The first save.').waitFor();
  await expectNoAxeViolations(second.page, 'the Help editor after a clash');
  await second.page.locator('.clash').scrollIntoViewIfNeeded();
  await second.page.screenshot({ path: `${SHOTS}/help-editor-clash-phone.png` });
  // Saving again, now on the newest version, replaces it.
  await second.page.getByRole('button', { name: 'Save as a new version' }).click();
  await second.page.getByText(/^Saved as version/).waitFor();
  const now = (await apiGet(second.page, '/api/v1/help')).body;
  assert.equal(now.content.still_unhappy, mine);
  assert.deepEqual(second.problems, []);
  await first.context.close();
  await second.context.close();
});

test('the Help editor in Welsh, and going back to the built-in content', async () => {
  const { context, page, problems } = await phone(getBrowser(), PHONE);
  await signInInWelsh(page, MORGAN);
  await page.goto(`${BASE_URL}/staff/help-editor`);
  await page.getByRole('heading', { level: 1, name: "Golygu'r dudalen Help" }).waitFor();
  await page.getByLabel("Os ydyn nhw'n dal yn anhapus (Cymraeg)").waitFor();
  await page.getByRole('button', { name: 'Rhagolwg yn Gymraeg' }).click();
  await page.locator('.phone-frame').waitFor();
  await expectNoAxeViolations(page, 'the Help editor in Welsh');
  await expectFitsWidth(page, PHONE.width, 'the Help editor in Welsh');
  await page.screenshot({ path: `${SHOTS}/help-editor-welsh-phone.png` });

  // Back to the built-in content (asked twice), so the other tests see the usual Help.
  await page.getByRole('button', { name: 'Mynd yn ôl at y cynnwys safonol' }).click();
  await page.getByRole('button', { name: 'Ie, mynd yn ôl' }).click();
  await page.getByText(/^Mae'r cynnwys safonol yn ôl, fel fersiwn \d+\.$/).waitFor();
  const help = (await apiGet(page, '/api/v1/help?lang=cy')).body;
  assert.equal(help.lang, 'cy');
  assert.ok(help.content.danger_words.startsWith('Ffonia 999'));
  assert.equal(
    await page.getByLabel("Os ydyn nhw'n dal yn anhapus (Saesneg)").inputValue(),
    (await apiGet(page, '/api/v1/help?lang=en')).body.content.still_unhappy,
  );
  assert.deepEqual(problems, []);
  await context.close();
});
