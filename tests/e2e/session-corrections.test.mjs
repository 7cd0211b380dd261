// Browser tests: sessions can be corrected (issue 21, item 5). Sam records a session by
// mistake, corrects it, then removes it; it is gone from the list (kept in the history on
// the server). At phone and tablet size, axe clean. On the phone, the correction's first
// answer is lost on a bad signal: "We couldn't connect", and Save again corrects it once;
// the same for removing it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SAM, SHOTS, couldntConnect, expectFitsWidth, expectNoAxeViolations, hangFirstAnswer, phone,
  realProblems, signIn, useBrowser,
} from './phone.mjs';

const browser = useBrowser();
const WHO = `The wrong group ${Date.now().toString(36)}`;

for (const [size, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['tablet', { width: 820, height: 1180 }],
]) {
  test(`a worker corrects, then removes, a session recorded by mistake (${size})`, async () => {
    const { context, page, problems } = await phone(browser(), viewport);
    await signIn(page, SAM);
    await page.getByRole('link', { name: 'Feedback from Alex' }).click();
    await page.getByRole('heading', { level: 1, name: "Alex's feedback" }).waitFor();
    const record = page.getByRole('region', { name: 'Record a session' });
    const who = `${WHO} ${size}`;
    await record.getByLabel('Who was there (you can skip this)').fill(who);
    await record.getByLabel('Did it happen?').selectOption({ label: 'Yes, it happened' });
    await record.getByRole('button', { name: 'Save session' }).click();
    await record.getByText('Saved.').waitFor();

    // Correct it: how it was held, and who was there.
    const item = record.locator('li.session-item', { hasText: who });
    await item.getByRole('button', { name: /^Correct/ }).click();
    const form = item.getByRole('region', { name: /^Correct the session on/ });
    await form.waitFor();
    assert.equal(await form.getByLabel('Did it happen?').inputValue(), 'happened');
    await form.getByLabel('How').selectOption({ label: 'Online' });
    await form.getByLabel('Who was there (you can skip this)').fill(`${who} online`);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SHOTS}/session-correct-${size}.png`, fullPage: true });
    if (size === 'phone') {
      // The first try reaches the server and saves, but its answer never comes back.
      const tries = await hangFirstAnswer(page, '**/api/v1/young-people/*/sessions/*', 'PUT');
      await form.getByRole('button', { name: 'Save correction' }).click();
      await couldntConnect(form);
      assert.equal(tries(), 1);
      assert.equal(await form.getByLabel('Who was there (you can skip this)').inputValue(), `${who} online`);
      await form.getByRole('button', { name: 'Save correction' }).click();
      await record.getByText('Session corrected.').waitFor();
      assert.equal(tries(), 2);
    } else {
      await form.getByRole('button', { name: 'Save correction' }).click();
      await record.getByText('Session corrected.').waitFor();
    }
    const fixed = record.locator('li.session-item', { hasText: `${who} online` });
    assert.match(await fixed.innerText(), /One to one, online/);
    assert.match(await fixed.innerText(), /Corrected by Sam Rivers, today/i);

    // Remove it: asked first, then gone from the list.
    await fixed.getByRole('button', { name: /^Remove/ }).click();
    assert.match(await fixed.innerText(), /Only if it was recorded by mistake/);
    await expectNoAxeViolations(page);
    if (size === 'phone') {
      // Removed, but the answer never comes back: "We couldn't connect", and Yes again
      // finds it removed already.
      const removals = await hangFirstAnswer(page, '**/api/v1/young-people/*/sessions/*', 'DELETE');
      await fixed.getByRole('button', { name: 'Yes, remove it' }).click();
      await couldntConnect(record);
      assert.equal(removals(), 1);
      await fixed.getByRole('button', { name: 'Yes, remove it' }).click();
      await record.getByText('Session removed. It is kept in the history.').waitFor();
      assert.equal(removals(), 2);
    } else {
      await fixed.getByRole('button', { name: 'Yes, remove it' }).click();
      await record.getByText('Session removed. It is kept in the history.').waitFor();
    }
    assert.equal(await record.locator('li.session-item', { hasText: who }).count(), 0);
    await expectFitsWidth(page, viewport.width, `Alex's feedback (${size})`);
    await expectNoAxeViolations(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: "Alex's feedback" }).waitFor();
    await record.getByLabel('Did it happen?').waitFor();
    assert.equal(await page.getByText(who).count(), 0, 'still gone after a reload');
    assert.deepEqual(realProblems(problems), []);
    await context.close();
  });
}
