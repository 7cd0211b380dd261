// Browser tests: two apps from one codebase. A young person's phone downloads only the
// young person's app (at /): not one file of the staff app (at /staff/), on any of their
// screens. Staff who open the young person's app (or sign in on it) go on to the staff
// app, to the same screen where both have it; a young person who opens a staff address
// goes to their own app.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALEX, BASE_URL, SAM, SHOTS, phone, signIn, useBrowser } from './phone.mjs';

const ALEX_ID = '5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f';
const YOUNG_SCREENS = [
  '/', '/goals', '/feedback', '/how-im-doing', '/not-safe', '/help', '/help/tell-us',
  '/help/your-concerns', '/account', '/settings',
];

const browser = useBrowser();

/** The files a built app's page names (scripts, wasm, styles), from the page itself. */
async function filesNamedBy(page) {
  const html = await (await fetch(`${BASE_URL}${page}`)).text();
  const found = new Set();
  for (const [, path] of html.matchAll(/(?:href|src)="([^"?#]+)"/g)) found.add(path);
  for (const [, path] of html.matchAll(/'([^'?#]+\.(?:js|wasm))'/g)) found.add(path);
  return [...found].filter((path) => /\.(js|wasm|css)$/.test(path));
}

test("a young person's phone fetches no file of the staff app, on any of their screens", async () => {
  const staffFiles = await filesNamedBy('/staff/');
  assert.ok(staffFiles.some((f) => f.endsWith('.wasm')), `the staff page names its wasm (${staffFiles})`);
  const youngFiles = await filesNamedBy('/');
  assert.ok(youngFiles.some((f) => f.endsWith('.wasm')), `the young person's page names its wasm (${youngFiles})`);

  const { context, page, problems } = await phone(browser(), { width: 360, height: 640 });
  const fetched = new Set();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(BASE_URL).origin && !url.pathname.startsWith('/api/')) {
      fetched.add(url.pathname);
    }
  });
  await signIn(page, ALEX);
  for (const path of YOUNG_SCREENS) {
    await page.goto(`${BASE_URL}${path}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  const app = [...fetched].filter((path) => /\.(js|wasm|css)$/.test(path));
  console.log(`# a young person's visit fetched: ${app.join(', ')}`);
  assert.deepEqual([...fetched].filter((path) => path.startsWith('/staff')), [], 'nothing under /staff/');
  assert.deepEqual(app.filter((path) => staffFiles.includes(path) && !youngFiles.includes(path)), []);
  // Trunk's hash drops leading zeros, so it may be shorter than 16 digits.
  assert.ok(app.some((path) => /^\/young-[0-9a-f]{8,16}_bg\.wasm$/.test(path)), 'the young person\'s wasm was fetched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('staff go on to the staff app; a young person who opens a staff address goes to their own', async () => {
  const sam = await phone(browser());
  await signIn(sam.page, SAM);
  assert.equal(new URL(sam.page.url()).pathname, '/staff/');
  await sam.page.getByRole('heading', { level: 1, name: 'Your young people' }).waitFor();
  // Screens both apps have keep their place; the young person's own go to staff home.
  for (const [from, to] of [['/help', '/staff/help'], ['/account', '/staff/account'], ['/goals', '/staff/'], [`/young-people/${ALEX_ID}`, `/staff/young-people/${ALEX_ID}`]]) {
    await sam.page.goto(`${BASE_URL}${from}`);
    await sam.page.waitForURL(`${BASE_URL}${to}`);
    await sam.page.locator('main h1').first().waitFor();
  }
  await sam.page.screenshot({ path: `${SHOTS}/staff-app-their-journey.png` });
  assert.deepEqual(sam.problems, []);
  await sam.context.close();

  const alex = await phone(browser());
  await signIn(alex.page, ALEX);
  for (const [from, to] of [['/staff/', '/'], ['/staff/help', '/help'], [`/staff/young-people/${ALEX_ID}/plan`, '/']]) {
    await alex.page.goto(`${BASE_URL}${from}`);
    await alex.page.waitForURL(`${BASE_URL}${to}`);
    await alex.page.locator('main h1').first().waitFor();
  }
  await alex.page.getByRole('heading', { level: 1, name: 'My Journey' }).waitFor();
  assert.deepEqual(alex.problems, []);
  await alex.context.close();
});

test('signing out of the staff app lands on the sign-in page, which says so', async () => {
  const { context, page, problems } = await phone(browser());
  await signIn(page, SAM);
  await page.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await page.getByText("You've signed out.", { exact: false }).waitFor();
  // A staff address with nobody signed in asks for sign-in too.
  await page.goto(`${BASE_URL}/staff/safety`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
