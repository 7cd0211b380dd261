// Browser tests: the team overview (issue 21, item 1). Morgan (manager, demo) opens "Your
// team at a glance" from the staff home on a tablet and on a phone (360×640), changes the
// period, opens a figure to the young people it counts and follows one to their page;
// the chart has its words; the CSV downloads; axe-core clean; the same screen in Cymraeg.
// The demo data changes, so nothing here counts on a number: the figures the screen shows
// are checked against what the API says for the same period. So that a figure surely has
// someone behind it, Sam first adds a young person (Rowan), who has no plan yet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, MORGAN, SAM, SHOTS, apiGet, apiPost, expectBigTapTargets, expectFitsWidth,
  expectNoAxeViolations, phone, realProblems, signIn, useBrowser,
} from './phone.mjs';

const PHONE = { width: 360, height: 640 };
const TABLET = { width: 820, height: 1180 };

const browser = useBrowser();
let rowan;

/** Sam adds Rowan once, before the first test needs them. */
async function addRowan() {
  if (rowan) return;
  const { context, page } = await phone(browser(), TABLET);
  await signIn(page, SAM);
  const added = await apiPost(page, '/api/v1/young-people', { first_name: 'Rowan' });
  assert.ok([200, 201].includes(added.status), JSON.stringify(added));
  rowan = added.body.young_person_id;
  await context.close();
}

async function openOverview(page, heading) {
  await page.goto(`${BASE_URL}/staff/`);
  await page.getByRole('link', { name: heading.link }).click();
  await page.getByRole('heading', { level: 1, name: heading.title }).waitFor();
  await page.locator('.team-figure').first().waitFor();
}

for (const [size, viewport] of [['tablet', TABLET], ['phone', PHONE]]) {
  test(`Morgan reads the team overview on a ${size}, changes the period and follows a figure`, async () => {
    await addRowan();
    const { context, page, problems } = await phone(browser(), viewport);
    await signIn(page, MORGAN);
    await openOverview(page, { link: 'Your team at a glance', title: 'Your team at a glance' });
    // This month is chosen first; every section has its heading.
    assert.equal(
      await page.getByRole('button', { name: 'This month' }).getAttribute('aria-pressed'),
      'true',
    );
    for (const name of ['Session feedback', 'Safety', 'Concerns', 'Plans', 'Goals']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    // The chart is described in words; with no scores in the period, it says so instead.
    const { body: month } = await apiGet(page, '/api/v1/team/overview?period=month');
    if (month.scores_by_month.some((m) => m.average !== null)) {
      const chart = page.locator('.team-chart svg[role="img"]');
      assert.match(await chart.getAttribute('aria-label'), /^Average feedback score each month, out of 5: /);
    } else {
      await page.locator('.team-chart').getByText('No feedback with a score in this time.').waitFor();
    }
    await expectFitsWidth(page, viewport.width, `the overview (${size})`);
    // Every link and button is big enough to tap, the names behind each figure too.
    const setOpen = (open) => page.locator('details').evaluateAll((all, open) => all.forEach((d) => { d.open = open; }), open);
    await setOpen(true);
    await expectBigTapTargets(page, 5);
    const summaries = page.locator('.team-figure summary');
    for (let i = 0; i < await summaries.count(); i++) {
      const box = await summaries.nth(i).boundingBox();
      assert.ok(box.height >= 44, `a figure is ${box.height}px tall`);
    }
    await setOpen(false);
    await expectNoAxeViolations(page, `the team overview (${size})`);
    await page.screenshot({ path: `${SHOTS}/team-${size}-month.png`, fullPage: true });

    // A year: the figures on screen are the API's for a year.
    await page.getByRole('button', { name: 'A year' }).click();
    await page.waitForFunction(
      () => document.querySelector('button[aria-pressed="true"]')?.textContent === 'A year',
    );
    const { body: overview } = await apiGet(page, '/api/v1/team/overview?period=year');
    assert.equal(overview.period, 'year');
    const figure = overview.figures.find((f) => f.kind === 'no_plan');
    assert.ok(figure.people.some((p) => p.id === rowan && p.first_name === 'Rowan'));
    await page.getByText(/\d+ young people, /).waitFor();
    assert.equal(overview.scores_by_month.length, 12);
    if (overview.scores_by_month.some((m) => m.average !== null)) {
      // (The year's figures arrive after the button shows it pressed.)
      await page.locator('.team-months li').nth(11).waitFor();
      assert.equal(await page.locator('.team-months li').count(), 12);
    }
    for (const each of overview.figures) {
      const shown = page.locator(`[data-figure="${each.kind}"] .team-count`);
      await shown.filter({ hasText: new RegExp(`^${each.count}$`) }).waitFor({ timeout: 5_000 })
        .catch(() => {});
      assert.equal(await shown.innerText(), String(each.count), each.kind);
    }
    // Open "no plan yet": the young people it counts, by first name; follow Rowan.
    const line = page.locator('[data-figure="no_plan"]');
    await line.getByText('Young people with no plan yet').click();
    const link = line.locator(`a[href$="/young-people/${rowan}"]`);
    await link.waitFor();
    assert.equal(await link.innerText(), 'Rowan');
    assert.equal(await line.getByRole('link').count(), figure.people.length);
    await expectNoAxeViolations(page, `the overview with a figure open (${size})`);
    await page.screenshot({ path: `${SHOTS}/team-${size}-year-open.png`, fullPage: true });
    await link.click();
    await page.waitForURL(`${BASE_URL}/staff/young-people/${rowan}`);
    assert.deepEqual(realProblems(problems), []);
    await context.close();
  });
}

test('the CSV of the same figures downloads from the screen', async () => {
  const { context, page, problems } = await phone(browser(), TABLET);
  await signIn(page, MORGAN);
  await openOverview(page, { link: 'Your team at a glance', title: 'Your team at a glance' });
  await page.getByRole('button', { name: 'Last 3 months' }).click();
  const link = page.getByRole('link', { name: 'Download these figures (CSV)' });
  await page.waitForFunction(
    () => document.querySelector('a[download]')?.getAttribute('href')?.endsWith('period=three_months'),
  );
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^team-overview-three_months-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await download.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  assert.equal(csv.split('\r\n')[0], 'section,figure,value,young_people');
  assert.match(csv, /\r\nsafety,flags_raised,\d+,/);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('in Cymraeg, the overview is in Welsh', async () => {
  const { context, page, problems } = await phone(browser(), PHONE);
  // Cymraeg chosen on the sign-in page, as a person would.
  await page.goto(`${BASE_URL}/sign-in`);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mewngofnodi' }).waitFor();
  await page.getByLabel('Enw defnyddiwr', { exact: true }).fill(MORGAN.username);
  await page.getByLabel('Cyfrinair', { exact: true }).fill(MORGAN.password);
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  await page.waitForURL(`${BASE_URL}/staff/`);
  await openOverview(page, { link: 'Eich tîm ar gip', title: 'Eich tîm ar gip' });
  for (const name of ['Adborth ar sesiynau', 'Diogelwch', 'Pryderon', 'Cynlluniau', 'Nodau']) {
    await page.getByRole('heading', { level: 2, name }).waitFor();
  }
  await page.getByRole('button', { name: 'Y 3 mis diwethaf' }).click();
  await page.waitForFunction(
    () => document.querySelector('button[aria-pressed="true"]')?.textContent === 'Y 3 mis diwethaf',
  );
  await page.getByRole('link', { name: "Lawrlwytho'r ffigurau hyn (CSV)" }).waitFor();
  const { body: three } = await apiGet(page, '/api/v1/team/overview?period=three_months');
  if (three.scores_by_month.some((m) => m.average !== null)) {
    const chart = page.locator('.team-chart svg[role="img"]');
    assert.match(await chart.getAttribute('aria-label'), /^Sgôr adborth cyfartalog bob mis, allan o 5: /);
  } else {
    await page.locator('.team-chart').getByText('Dim adborth gyda sgôr yn yr amser hwn.').waitFor();
  }
  // No English figure words left on it.
  const main = await page.locator('main').innerText();
  for (const english of ['Sessions that happened', 'Safety flags raised', 'Concerns raised', 'Goals set', 'This month']) {
    assert.ok(!main.includes(english), `"${english}" is in English`);
  }
  await expectFitsWidth(page, PHONE.width, 'the overview in Welsh');
  await expectNoAxeViolations(page, 'the team overview in Cymraeg');
  await page.screenshot({ path: `${SHOTS}/team-phone-welsh.png`, fullPage: true });
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});
