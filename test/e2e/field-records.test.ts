import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, PASSWORD, signupOrg } from '../helpers/api-client';
import { expectStatus, setUpFieldOrg } from '../field-service/fixtures';
import { consoleForSuite, logIn, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;
consoleForSuite((started) => { suite = started; });

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const card = (page: Page, name: string) => page.getByTestId('technician-card').filter({ hasText: name });

describe("a dispatcher keeps technicians' records and maintenance plans in the console", () => {
  it("makes a member a technician with skills, a certification about to expire, a Saturday shift and time off, then edits them", async () => {
    const org = await signupOrg(suite.stack.url);
    const field = await setUpFieldOrg(org);
    const newcomer = await addMember(org, 'technician');
    const page = await logIn(suite, { email: field.dispatcher.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/field/technicians`);
    // The set-up technician's expired F-gas certificate is flagged above the list.
    await expect.poll(() => page.getByTestId('certification-warnings').textContent()).toContain('F-gas expired on 2020-01-01');

    await page.getByTestId('new-technician').click();
    await page.getByLabel('Member (role technician)').selectOption(newcomer.id);
    await page.getByLabel('Time zone (shifts and time off are in it)').selectOption('Europe/Lisbon');
    await page.getByLabel('Van (the parts stock the technician carries)').selectOption({ index: 1 });
    await page.getByLabel('Latitude').fill('38.72');
    await page.getByLabel('Longitude').fill('-9.14');
    await page.getByTestId('add-skill').click();
    await page.getByLabel('Skill 1', { exact: true }).fill('Boilers');
    await page.getByLabel('Level of skill 1').selectOption('4');
    await page.getByTestId('add-certification').click();
    await page.getByLabel('Certification 1', { exact: true }).fill('Gas Safe');
    await page.getByLabel('Expiry date of certification 1').fill(inDays(10));
    expect(await page.getByTestId('certification-expiry').textContent()).toContain('expires soon');
    await page.getByLabel('Add a Saturday shift').click();
    await page.getByLabel('Saturday shift 1 ends').fill('12:00');
    await page.getByTestId('add-time-off').click();
    await page.getByLabel('Time off 1 from').fill('2027-08-02');
    await page.getByLabel('Time off 1 to').fill('2027-08-13');
    await page.getByLabel('Reason for time off 1').fill('Summer holidays');
    // Monday to Friday 08:00–16:00 by default, and Saturday 08:00–12:00.
    expect(await page.getByTestId('technician-shifts').locator('legend').textContent()).toContain('44 h a week');
    await page.getByTestId('save-technician').click();
    await expect.poll(() => card(page, newcomer.email).count()).toBe(1);

    const listed = (await expectStatus(field.dispatcher.api.get('/technicians'), 200)).data as { id: string; user: { id: string } }[];
    const id = listed.find((tech) => tech.user.id === newcomer.id)!.id;
    const saved = await expectStatus(field.dispatcher.api.get(`/technicians/${id}`), 200);
    expect(saved).toMatchObject({
      skills: [{ skill: 'boilers', level: 4 }],
      certifications: [{ name: 'Gas Safe', number: null, expiresOn: inDays(10), expiry: 'expiring' }],
      home: { lat: 38.72, lng: -9.14 }, timeZone: 'Europe/Lisbon', vanLocationId: field.vanId, active: true,
      timeOff: [{ from: '2027-08-02', to: '2027-08-13', reason: 'Summer holidays' }],
    });
    expect(saved.shifts).toEqual({ mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], wed: [['08:00', '16:00']], thu: [['08:00', '16:00']], fri: [['08:00', '16:00']], sat: [['08:00', '12:00']] });
    await expect.poll(() => page.getByTestId('certification-warnings').textContent()).toContain(`Gas Safe expires on ${inDays(10)}`);

    // Edited: a second Monday shift, the skill's level down, and off the rota; refused input names its field.
    await page.getByLabel('Add a Monday shift').click();
    await page.getByLabel('Monday shift 1 ends').fill('12:00');
    await page.getByLabel('Level of skill 1').selectOption('2');
    await page.getByTestId('technician-active').click();
    await page.getByLabel('Latitude').fill('north');
    await page.getByTestId('save-technician').click();
    await expect.poll(() => page.getByTestId('technician-problems').textContent()).toContain('/home/lat');
    await page.getByLabel('Latitude').fill('38.7');
    await page.getByTestId('save-technician').click();
    await expect.poll(async () => (await field.dispatcher.api.get(`/technicians/${id}`)).body.active).toBe(false);
    const edited = (await field.dispatcher.api.get(`/technicians/${id}`)).body;
    expect(edited.shifts.mon).toEqual([['08:00', '12:00'], ['13:00', '17:00']]);
    expect(edited.skills).toEqual([{ skill: 'boilers', level: 2 }]);
    expect(edited.home).toEqual({ lat: 38.7, lng: -9.14 });
    // An inactive technician's certificates no longer need renewing.
    await expect.poll(() => page.getByTestId('certification-warnings').textContent()).not.toContain('Gas Safe');

    // An agent reads the list but edits nothing.
    const agent = await addMember(org, 'agent');
    const agentPage = await logIn(suite, { email: agent.email, password: PASSWORD });
    await agentPage.goto(`${suite.stack.url}/field/technicians`);
    await expect.poll(() => card(agentPage, newcomer.email).count()).toBe(1);
    expect(await agentPage.getByTestId('new-technician').count()).toBe(0);
    await card(agentPage, newcomer.email).click();
    expect(await agentPage.getByTestId('technician-editor').count()).toBe(0);
    await agentPage.context().close();
    await page.context().close();
  });

  it('plans maintenance from a pattern shown in words, pauses, resumes and deletes it, and sees a refused RRULE explained', async () => {
    const org = await signupOrg(suite.stack.url);
    const field = await setUpFieldOrg(org);
    const page = await logIn(suite, { email: field.dispatcher.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/field/assets`);
    await page.getByTestId('asset-link').filter({ hasText: 'Rooftop AC unit' }).click();
    await page.getByTestId('new-plan').click();
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Plan name').fill('Filter check');
    await form.getByLabel('Unit').selectOption('WEEKLY');
    await form.getByLabel('Mon').uncheck();
    await form.getByLabel('Tue').check();
    await form.getByLabel('Fri').check();
    await form.getByLabel('At', { exact: true }).fill('07:30');
    await form.getByLabel('Time zone', { exact: true }).selectOption('Europe/Amsterdam');
    await form.getByLabel('Starting').fill('2027-01-04');
    await form.getByLabel('Required skills (comma-separated)').fill('hvac');
    await form.getByLabel('Checklist (one step per line)').fill('Replace filter\nLog pressure');
    expect(await page.getByTestId('plan-form-words').textContent()).toBe('Every week on Tuesday and Friday at 07:30 (Europe/Amsterdam), from 4 January 2027');
    await page.getByTestId('create-plan').click();

    const plan = page.getByTestId('maintenance-plan').filter({ hasText: 'Filter check' });
    await expect.poll(() => plan.getByTestId('plan-words').textContent()).toBe('Every week on Tuesday and Friday at 07:30 (Europe/Amsterdam), from 4 January 2027');
    expect(await plan.getByTestId('plan-next-runs').textContent()).toMatch(/^Next: (Tue|Fri)/);
    const [saved] = (await expectStatus(field.dispatcher.api.get(`/maintenance-plans?assetId=${field.assetId}`), 200)).data;
    expect(saved).toMatchObject({ name: 'Filter check', checklist: ['Replace filter', 'Log pressure'], requiredSkills: ['hvac'], durationMinutes: 60, paused: false });
    const schedule = suite.stack.temporal.schedule.getHandle(saved.scheduleId);
    const spec = (await schedule.describe()).spec;
    expect(spec.timezone).toBe('Europe/Amsterdam');
    expect(spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });

    await plan.getByTestId('pause-plan').click();
    await expect.poll(() => plan.getByTestId('plan-paused').count()).toBe(1);
    expect((await schedule.describe()).state.paused).toBe(true);
    await plan.getByTestId('resume-plan').click();
    await expect.poll(() => plan.getByTestId('plan-paused').count()).toBe(0);
    expect((await schedule.describe()).state.paused).toBe(false);

    // An RRULE a schedule cannot express is refused with the API's reason, and nothing is planned.
    await page.getByTestId('new-plan').click();
    await form.getByLabel('Plan name').fill('Second Monday');
    await form.getByLabel('Write the RRULE myself').check();
    await page.getByTestId('plan-rrule').fill('FREQ=MONTHLY;BYDAY=2MO');
    expect(await page.getByTestId('plan-form-words').textContent()).toBe('Every month on the second Monday');
    await page.getByTestId('create-plan').click();
    await expect.poll(() => page.getByTestId('plan-problems').textContent()).toContain('Ordinal weekdays');
    expect((await field.dispatcher.api.get(`/maintenance-plans?assetId=${field.assetId}`)).body.data).toHaveLength(1);

    await plan.getByRole('button', { name: 'Delete' }).click();
    await page.locator('.n-popconfirm__action button', { hasText: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('maintenance-plan').count()).toBe(0);
    expect((await field.dispatcher.api.get(`/maintenance-plans?assetId=${field.assetId}`)).body.data).toEqual([]);
    await page.context().close();
  });

  it('sees why a technician cannot take a slot picked by hand, and schedules anyway', async () => {
    const org = await signupOrg(suite.stack.url);
    const field = await setUpFieldOrg(org);
    const wo = await expectStatus(field.dispatcher.api.post('/work-orders', { title: 'Rewire the panel', requiredSkills: ['electrical'] }), 201);
    const page = await logIn(suite, { email: field.dispatcher.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/field/work-orders/${wo.number}`);
    await page.getByTestId('wo-technician').click();
    await page.locator('.n-base-select-option', { hasText: 'technician person' }).click();
    const [from, to] = [page.getByPlaceholder('Start Date and Time'), page.getByPlaceholder('End Date and Time')];
    await from.fill('2027-01-05 10:00:00');
    await to.fill('2027-01-05 11:00:00');
    await to.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('wo-slot-refusals').textContent()).toContain('lacks the required skill electrical');
    await page.getByTestId('wo-schedule-anyway').click();
    await expect.poll(async () => (await field.dispatcher.api.get(`/work-orders/${wo.number}`)).body.status).toBe('scheduled');
    expect((await field.dispatcher.api.get(`/work-orders/${wo.number}`)).body).toMatchObject({ technician: { id: field.technician.technicianId }, windowStart: '2027-01-05T10:00:00.000Z' });
    await page.context().close();
  });
});
