import type { Accounts } from './accounts';
import { pick, until, type DemoApi } from './client';
import { COMPANIES, CONTACTS } from './desk-data';

const TIME_ZONE = 'Europe/Amsterdam';

export interface FieldSeed {
  technicians: number;
  assets: number;
  plans: number;
  items: number;
  workOrders: Record<string, number>;
  dispatch: { id: string; date: string; status: string; assigned: number };
}

/** The day in Amsterdam, `offset` days from now, as YYYY-MM-DD. */
function day(offset: number, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now + offset * 86_400_000));
}

/** Amsterdam wall-clock time on `date` as an instant. */
function at(date: string, time: string): string {
  const naive = new Date(`${date}T${time}:00Z`);
  const local = new Date(naive.toLocaleString('en-US', { timeZone: TIME_ZONE }));
  const utc = new Date(naive.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(naive.getTime() - (local.getTime() - utc.getTime())).toISOString();
}

interface WorkOrder { number: number; status: string; checklist: { id: string }[] }

export async function seedField(accounts: Accounts, contacts: Map<string, string>, ticketForVisit: number | null): Promise<FieldSeed> {
  const dana = pick(accounts.byRole('dispatcher'), 0);
  const tess = pick(accounts.byRole('technician'), 0);
  const theo = pick(accounts.byRole('technician'), 1);
  const d = dana.api;
  const today = day(0);
  const inDays = (days: number) => day(days);

  // Stock: a depot and a van per technician.
  const location = async (name: string, kind: 'van' | 'depot') => (await d.expect<{ id: string }>(201, 'POST', '/inventory/locations', { name, kind })).id;
  const depot = await location('Amsterdam depot', 'depot');
  const vans = { tess: await location('Van 1 (Tess)', 'van'), theo: await location('Van 2 (Theo)', 'van') };
  const catalogue = [
    { sku: 'FLT-F7-592', name: 'Air filter F7 592×592', stock: [40, 6, 4] },
    { sku: 'BLT-A42', name: 'V-belt A42', stock: [12, 2, 1] },
    { sku: 'PMP-UPS25', name: 'Circulation pump 25-60', stock: [3, 0, 1] },
    { sku: 'TRM-RF20', name: 'Room thermostat RF-20', stock: [25, 3, 2] },
    { sku: 'VLV-15', name: 'Pressure relief valve 15 mm', stock: [30, 4, 5] },
    { sku: 'GAS-R32', name: 'Refrigerant R32', stock: [8, 1, 0], unit: 'kg' },
  ];
  const items: Record<string, string> = {};
  for (const item of catalogue) {
    const created = await d.expect<{ id: string }>(201, 'POST', '/inventory/items', { sku: item.sku, name: item.name, unit: item.unit ?? 'pcs' });
    items[item.sku] = created.id;
    for (const [index, locationId] of [depot, vans.tess, vans.theo].entries()) {
      await d.expect(204, 'PUT', '/inventory/stock', { itemId: created.id, locationId, quantity: item.stock[index] });
    }
  }

  // Technicians: skills with levels, a certificate about to expire, weekday shifts and a weekend on-call morning.
  const week = { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']], sat: [['09:00', '13:00']], sun: [['09:00', '13:00']] };
  const technician = async (userId: string, body: Record<string, unknown>) =>
    (await d.expect<{ id: string }>(201, 'POST', '/technicians', { userId, shifts: week, timeZone: TIME_ZONE, ...body })).id;
  const techs = {
    tess: await technician(tess.id, {
      skills: [{ skill: 'hvac', level: 4 }, { skill: 'electrical', level: 3 }, { skill: 'refrigeration', level: 2 }],
      certifications: [{ name: 'F-gas category I', number: 'FG-20931', expiresOn: inDays(20) }, { name: 'First aid', expiresOn: inDays(400) }],
      home: { lat: 52.3702, lng: 4.8952 }, vanLocationId: vans.tess,
    }),
    theo: await technician(theo.id, {
      skills: [{ skill: 'plumbing', level: 4 }, { skill: 'gas', level: 3 }, { skill: 'hvac', level: 2 }, { skill: 'electrical', level: 2 }],
      certifications: [{ name: 'Gas installations', number: 'GI-7781', expiresOn: inDays(500) }, { name: 'Electrical safety (NEN 3140)', expiresOn: inDays(180) }],
      home: { lat: 52.3508, lng: 4.9166 }, timeOff: [{ from: inDays(14), to: inDays(18), reason: 'Holiday' }], vanLocationId: vans.theo,
    }),
  };

  // Assets at the customers' sites, each with its site contact.
  const contactAt = (domain: string) => contacts.get(CONTACTS.find((contact) => contact.email.endsWith(`@${domain}`))?.email ?? '') ?? null;
  const siteList = [
    { key: 'heatPump', name: 'Heat pump HP-12', company: 0, address: 'Westhavenweg 40, Amsterdam', site: { lat: 52.4031, lng: 4.8362 }, model: 'HP-12 Air/Water', installedOn: '2021-03-15', warrantyEndsOn: inDays(200) },
    { key: 'airHandler', name: 'Rooftop air handler', company: 1, address: 'Biltstraat 120, Utrecht', site: { lat: 52.0945, lng: 5.1338 }, model: 'AHU-3000', installedOn: '2018-06-01', warrantyEndsOn: '2023-06-01' },
    { key: 'coldStore', name: 'Cold store compressor', company: 2, address: 'Grote Markt 8, Haarlem', site: { lat: 52.3812, lng: 4.6366 }, model: 'CS-Comp 7', installedOn: '2020-11-20', warrantyEndsOn: '2025-11-20' },
    { key: 'boiler', name: 'Gas boiler, basement', company: 4, address: 'Prinsengracht 300, Amsterdam', site: { lat: 52.3713, lng: 4.8839 }, model: 'CondensPro 35', installedOn: '2019-09-10', warrantyEndsOn: '2029-09-10' },
    { key: 'lighting', name: 'Emergency lighting panel', company: 5, address: 'Stadshart 1, Amstelveen', site: { lat: 52.3035, lng: 4.8625 }, model: 'EL-Central 24', installedOn: '2022-01-05', warrantyEndsOn: inDays(900) },
    { key: 'ventilation', name: 'Studio ventilation unit', company: 3, address: 'NDSM-plein 28, Amsterdam', site: { lat: 52.4011, lng: 4.8939 }, model: 'VentAir 800', installedOn: '2023-04-18', warrantyEndsOn: inDays(700) },
  ] as const;
  const assets: Record<string, string> = {};
  for (const [index, asset] of siteList.entries()) {
    const company = pick(COMPANIES, asset.company);
    assets[asset.key] = (await d.expect<{ id: string }>(201, 'POST', '/assets', {
      name: `${asset.name} — ${company.name}`, contactId: contactAt(company.domain), siteAddress: asset.address, site: asset.site,
      model: asset.model, serial: `KEEL-${String(1040 + index * 17)}`, installedOn: asset.installedOn, warrantyEndsOn: asset.warrantyEndsOn,
    })).id;
  }

  // Maintenance plans: Temporal schedules that open work orders on their rule.
  const plans = [
    { assetId: assets.heatPump, name: 'Quarterly heat pump service', rrule: 'FREQ=WEEKLY;INTERVAL=13', checklist: ['Replace air filter', 'Check refrigerant pressure', 'Clean condenser coil'], requiredSkills: ['hvac'], durationMinutes: 90 },
    { assetId: assets.boiler, name: 'Annual boiler inspection', rrule: 'FREQ=YEARLY', checklist: ['Flue gas analysis', 'Check expansion vessel', 'Test safety valve'], requiredSkills: ['gas'], durationMinutes: 120 },
    { assetId: assets.lighting, name: 'Monthly emergency lighting test', rrule: 'FREQ=MONTHLY', checklist: ['Functional test of every fitting', 'Log results'], requiredSkills: ['electrical'], durationMinutes: 45 },
  ];
  for (const plan of plans) await d.expect(201, 'POST', '/maintenance-plans', plan);

  // Work orders across their lifecycle; today's jobs belong to Tess's (and Theo's) day.
  const workOrder = (body: Record<string, unknown>) => d.expect<WorkOrder>(201, 'POST', '/work-orders', body);
  const command = (api: DemoApi, wo: WorkOrder, suffix: string, body: unknown) => api.expect<WorkOrder>(200, 'POST', `/work-orders/${wo.number}${suffix}`, body);
  // The demo fills today whatever weekday it is seeded on, on-call or not: past the slot check.
  const schedule = (wo: WorkOrder, technicianId: string, from: string, to: string) => command(d, wo, '/schedule', { technicianId, windowStart: at(today, from), windowEnd: at(today, to), override: true });
  const move = (api: DemoApi, wo: WorkOrder, status: string, extra: Record<string, unknown> = {}) => command(api, wo, '/transitions', { status, ...extra });
  const statuses: WorkOrder[] = [];

  const filters = await workOrder({ title: 'Replace heat pump filters', assetId: assets.heatPump, requiredSkills: ['hvac'], durationMinutes: 60, checklist: ['Replace filters', 'Reset filter alarm'] });
  statuses.push(await schedule(filters, techs.tess, '15:00', '16:00'));

  const belts = await workOrder({ title: 'Inspect air handler belts', assetId: assets.airHandler, priority: 'high', requiredSkills: ['hvac'], durationMinutes: 60 });
  await schedule(belts, techs.tess, '13:00', '14:00');
  await move(d, belts, 'dispatched');
  statuses.push(await move(tess.api, belts, 'en_route', { etaAt: new Date(Date.now() + 40 * 60_000).toISOString() }));

  const pressure = await workOrder({ title: 'Boiler loses pressure overnight', assetId: assets.boiler, priority: 'high', requiredSkills: ['hvac'], durationMinutes: 90, checklist: ['Check expansion vessel', 'Inspect relief valve', 'Refill and bleed radiators'] });
  await schedule(pressure, techs.tess, '10:00', '11:30');
  await move(d, pressure, 'dispatched');
  const arrived = await move(tess.api, pressure, 'on_site');
  await command(tess.api, arrived, `/checklist/${pick(arrived.checklist, 0).id}`, { done: true, note: 'Vessel pre-charge was 0.4 bar; topped up to 1.0 bar.' });
  await command(tess.api, arrived, '/notes', { body: 'Relief valve drips under pressure; replacing it from van stock.' });
  statuses.push(await command(tess.api, arrived, '/parts', { itemId: items['VLV-15'], locationId: vans.tess, quantity: 1 }));

  const finish = async (wo: WorkOrder, from: string, to: string, signOff: boolean) => {
    await schedule(wo, techs.theo, from, to);
    await move(d, wo, 'dispatched');
    await move(theo.api, wo, 'on_site');
    await command(d, wo, '/signature-waiver', { reason: 'Site manager confirmed the work by phone.' });
    const completed = await move(theo.api, wo, 'completed');
    return signOff ? move(d, wo, 'signed_off') : completed;
  };
  statuses.push(await finish(await workOrder({ title: 'Cold store compressor service', assetId: assets.coldStore, requiredSkills: ['hvac'], durationMinutes: 90 }), '08:00', '09:30', false));
  statuses.push(await finish(await workOrder({ title: 'Repair two emergency lights', assetId: assets.lighting, priority: 'urgent', requiredSkills: ['electrical'], durationMinutes: 60 }), '09:30', '10:30', true));

  const survey = await workOrder({ title: 'Noise survey, studio ventilation', assetId: assets.ventilation, priority: 'low', requiredSkills: ['hvac'] });
  statuses.push(await move(d, survey, 'cancelled', { reason: 'The customer found a loose panel and fixed it themselves.' }));
  const pump = await workOrder({ title: 'Replace boiler circulation pump', assetId: assets.boiler, requiredSkills: ['plumbing'], durationMinutes: 120 });
  statuses.push(await move(d, pump, 'on_hold', { reason: 'Waiting for the replacement pump from the supplier.' }));

  // Unscheduled jobs for tomorrow's plan, one of them opened from a customer's ticket.
  const open = [
    { title: 'Annual boiler service', assetId: assets.boiler, requiredSkills: ['gas'], durationMinutes: 90 },
    { title: 'Swap air handler filters', assetId: assets.airHandler, requiredSkills: ['hvac'], durationMinutes: 45 },
    { title: 'Fix dripping tap in studio kitchen', assetId: assets.ventilation, requiredSkills: ['plumbing'], durationMinutes: 30, priority: 'low' },
    { title: 'Recalibrate cold store thermostat', assetId: assets.coldStore, requiredSkills: ['refrigeration'], durationMinutes: 60, priority: 'high' },
  ];
  for (const body of open) statuses.push(await workOrder(body));
  if (ticketForVisit !== null) {
    statuses.push(await d.expect<WorkOrder>(201, 'POST', `/tickets/${ticketForVisit}/work-orders`, { assetId: assets.heatPump, requiredSkills: ['hvac'], durationMinutes: 60 }));
  }

  // Tomorrow's dispatch proposal, left for the dispatcher to approve.
  const date = inDays(1);
  const started = await d.expect<{ id: string }>(201, 'POST', '/dispatch/plans', { date, timeLimitSeconds: 2, approvalTimeoutSeconds: 24 * 3600, timeoutPolicy: 'notify' });
  const proposed = await until(
    () => d.expect<{ id: string; status: string; proposal: { summary: { assigned: number } } | null }>(200, 'GET', `/dispatch/plans/${started.id}`),
    (plan) => plan.status === 'proposed', 40_000, "tomorrow's dispatch proposal",
  );

  const workOrders: Record<string, number> = {};
  for (const wo of statuses) workOrders[wo.status] = (workOrders[wo.status] ?? 0) + 1;
  return {
    technicians: 2, assets: siteList.length, plans: plans.length, items: catalogue.length, workOrders,
    dispatch: { id: proposed.id, date, status: proposed.status, assigned: proposed.proposal?.summary.assigned ?? 0 },
  };
}
