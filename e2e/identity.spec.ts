import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, launchBrowser, newContext, PHONE, type Server, shot, startServer } from './support';

let server: Server;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function menuKeys(page: Page): Promise<string[]> {
  await page.getByTestId('menu-home').waitFor();
  const ids = await page
    .locator('[data-testid^="menu-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return [...new Set(ids.filter((id) => id !== 'menu-toggle' && id !== 'menu-drawer'))].sort();
}

describe('identity: admin creates a user who sees only their role', () => {
  const username = `qa${Date.now() % 1_000_000}`;
  const password = 'Welcome2026x';

  it('admin logs in (Chinese by default), switches to English and back', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-submit').waitFor();
    assert.match((await page.locator('body').textContent()) ?? '', /用户名[\s\S]*密码/);
    await shot(page, '01-login');

    await login(page, 'admin');
    await page.getByTestId('home-greeting').waitFor();
    await shot(page, '02-admin-home');

    await page.getByTestId('lang-en-US').first().click();
    await page.getByTestId('menu-users').getByText('Users').waitFor();
    await shot(page, '03-admin-home-en');
    // The choice is remembered for the user: a reload stays in English.
    await page.reload();
    await page.getByTestId('menu-users').getByText('Users').waitFor();
    await page.getByTestId('lang-zh-CN').first().click();
    await page.getByTestId('menu-users').getByText('用户管理').waitFor();

    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '04-admin-users');

    await page.getByTestId('create-user').click();
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-display-name').fill('王质检');
    await page.getByTestId('user-password').fill(password);
    await page.getByTestId('user-roles').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '审计' })
      .click();
    await page.locator('.ant-modal-title').click();
    await shot(page, '05-create-user');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-form-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('users-search').locator('input').fill(username);
    await page.getByTestId('users-search').locator('input').press('Enter');
    await page.getByTestId(`user-edit-${username}`).waitFor();
    await shot(page, '06-user-created');

    for (const [menu, table, name] of [
      ['menu-branches', 'branches-table', '07-branches'],
      ['menu-settings', 'settings-table', '08-settings'],
    ] as const) {
      await page.getByTestId(menu).click();
      await page.getByTestId(table).locator('tbody tr.ant-table-row').first().waitFor();
      await shot(page, name);
    }
    await page.getByTestId('menu-account').click();
    await page.getByTestId('sessions-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '09-account');

    // The admin is not an auditor: the audit page is a clear 403.
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('page-403').waitFor();
    await shot(page, '10-admin-audit-403');

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('the new user logs in and sees only their role’s menu', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, username, password);
    // New accounts must change the password the admin gave them before anything else.
    await page.getByTestId('must-change-password').waitFor();
    await shot(page, '11-new-user-must-change-password');
    await page.getByTestId('change-password-current').fill(password);
    await page.getByTestId('change-password-new').fill('MyOwnPass2026');
    await page.getByTestId('change-password-confirm').fill('MyOwnPass2026');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('must-change-password').waitFor({ state: 'detached' });
    assert.deepEqual(await menuKeys(page), ['menu-account', 'menu-audit', 'menu-home']);
    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    // The audit log shows the admin creating this user.
    assert.match((await page.getByTestId('audit-table').textContent()) ?? '', /user\.created/);
    await shot(page, '12-auditor-audit-log');

    await page.goto(`${server.url}/admin/users`);
    await page.getByTestId('page-403').waitFor();
    await shot(page, '13-auditor-users-403');
    await context.close();
  });

  it('a technician on a phone sees the home page and the drawer menu', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await login(page, 'tech01');
    await page.getByTestId('home-greeting').waitFor();
    await shot(page, '14-phone-tech-home');
    await page.getByTestId('menu-toggle').click();
    const keys = await menuKeys(page);
    // Technicians also read the fault knowledge base (故障知识库) on the job, their own jobs and availability requests.
    assert.deepEqual(keys, [
      'menu-account',
      'menu-faults',
      'menu-home',
      'menu-my-availability',
      'menu-my-jobs',
      'menu-parts',
      'menu-requisitions',
      'menu-stock',
    ]);
    await shot(page, '15-phone-tech-menu');
    await context.close();
  });
});
