// "My records": a young person downloads everything kept about them, from their account
// page, as a page to read or print and as data. Only reads (and the audit line each
// download leaves), so the other files' demo data is unchanged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  ALEX, SAM, SHOTS, apiGet, expectBigTapTargets, expectFitsWidth, expectNoAxeViolations, phone, signIn, useBrowser,
} from './phone.mjs';

const browser = useBrowser();

test('a young person downloads their records as a page and as data', async () => {
  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  await context.setDefaultTimeout(15000);
  await signIn(page, ALEX);
  await page.goto(`${process.env.BASE_URL}/account`);
  const section = page.getByRole('region', { name: 'Your records' });
  await section.waitFor();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/records-account-360.png` });
  await expectFitsWidth(page, 360, 'the account page with records');
  await expectBigTapTargets(page);
  await expectNoAxeViolations(page);

  const journey = (await apiGet(page, '/api/v1/me')).body;
  const plan = (await apiGet(page, `/api/v1/young-people/${journey.young_person_id}/journey`)).body.plan;

  // The page: a file named for Alex and today, with the plan's own words in it.
  const [pageDownload] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download a page to read or print' }).click(),
  ]);
  assert.match(pageDownload.suggestedFilename(), /^my-journey-records-alex-\d{4}-\d{2}-\d{2}\.html$/);
  const html = await readFile(await pageDownload.path(), 'utf8');
  assert.ok(html.includes("<h1>Alex's records from My Journey</h1>"), 'the page is headed for Alex');
  assert.ok(html.includes(plan.steps[0].what.replaceAll("'", '&#39;')), 'the plan is in the page');

  // The data: the same records as JSON.
  const [dataDownload] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download as data (JSON)' }).click(),
  ]);
  assert.match(dataDownload.suggestedFilename(), /^my-journey-records-alex-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await dataDownload.path(), 'utf8'));
  assert.equal(data.first_name, 'Alex');
  assert.deepEqual(data.journey.plan, plan);
  assert.ok(data.plan_versions.length >= 1);

  assert.deepEqual(problems, []);
  await context.close();
});

test('the records section is in Welsh too, and a worker has none of their own', async () => {
  const { context, page } = await phone(browser());
  await signIn(page, ALEX);
  await page.goto(`${process.env.BASE_URL}/account`);
  await page.getByRole('region', { name: 'Your records' }).waitFor();
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  const section = page.getByRole('region', { name: 'Dy gofnodion' });
  await section.waitFor();
  await section.getByRole('link', { name: 'Llwytho fel data (JSON)' }).waitFor();
  // The page to read comes in Welsh too.
  const [welsh] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: "Llwytho tudalen i'w darllen neu ei hargraffu" }).click(),
  ]);
  const html = await readFile(await welsh.path(), 'utf8');
  assert.ok(html.includes('<html lang="cy">'), 'the page says it is in Welsh');
  assert.ok(html.includes('<h1>Cofnodion Alex o My Journey</h1>'));
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('region', { name: 'Your records' }).waitFor();
  await context.close();

  const worker = await phone(browser());
  await signIn(worker.page, SAM);
  await worker.page.goto(`${process.env.BASE_URL}/staff/account`);
  await worker.page.getByRole('heading', { level: 1 }).waitFor();
  await worker.page.getByRole('button', { name: /sign out/i }).waitFor();
  assert.equal(await worker.page.getByRole('region', { name: 'Your records' }).count(), 0);
  await worker.context.close();
});
