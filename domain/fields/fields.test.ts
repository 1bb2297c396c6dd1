import { describe, expect, it } from 'vitest';
import { definitionErrors, effectiveForm, visibleFields, type FieldDefinition, type FieldValues, type TicketForm } from './definitions';
import { missingToSolve, solveRequirements, type RequiredField } from './solve-requirements';
import { referencedIds, validateFieldValues } from './values';

let counter = 0;
function field(key: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition {
  counter += 1;
  return { id: `id-${key}`, key, label: key.toUpperCase(), type, options: [], requiredOnSolve: false, condition: null, position: counter, archived: false, ...extra };
}

const USER = '6f1c1a9e-3b1d-4d5e-9a1f-1f2e3d4c5b6a';
const COMPANY = '0b7e2c55-8f0a-4a1b-9c3d-2e4f6a8b0c1d';
const known = { users: new Set([USER]), companies: new Set([COMPANY]) };

const definitions = [
  field('note', 'text'),
  field('seats', 'number'),
  field('renewal', 'date'),
  field('plan', 'select', { options: ['free', 'pro'] }),
  field('modules', 'multi_select', { options: ['mail', 'chat'] }),
  field('vip', 'checkbox'),
  field('owner', 'user'),
  field('company', 'company'),
  field('old', 'text', { archived: true }),
];
const errorsOf = (values: Record<string, never | string | number | boolean | string[] | null>) => validateFieldValues(definitions, values, known);

describe('validateFieldValues', () => {
  it('accepts a fitting value of each type, and null to clear any field', () => {
    expect(errorsOf({ note: 'hi', seats: 3.5, renewal: '2028-02-29', plan: 'pro', modules: ['chat', 'mail'], vip: false, owner: USER, company: COMPANY })).toEqual([]);
    expect(errorsOf(Object.fromEntries(definitions.map((d) => [d.key, null])))).toEqual([]);
  });

  it.each([
    ['note', 42, '“NOTE” takes text.'],
    ['note', 'x'.repeat(2001), '“NOTE” takes at most 2000 characters.'],
    ['seats', '3', '“SEATS” takes a number.'],
    ['renewal', '2027-02-29', '“RENEWAL” takes a date as YYYY-MM-DD.'],
    ['renewal', '29/02/2028', '“RENEWAL” takes a date as YYYY-MM-DD.'],
    ['plan', 'gold', '“PLAN” has no option “gold” (it has “free”, “pro”).'],
    ['plan', ['pro'], '“PLAN” takes one of its options.'],
    ['modules', 'mail', '“MODULES” takes a list of its options.'],
    ['modules', ['mail', 'fax'], '“MODULES” has no option “fax”.'],
    ['modules', ['mail', 'mail'], '“MODULES” takes each option once.'],
    ['vip', 'true', '“VIP” takes true or false.'],
    ['owner', 'alice', '“OWNER” takes the id of a member.'],
    ['owner', COMPANY, `“OWNER”: ${COMPANY} is not a member of this organization.`],
    ['company', USER, `“COMPANY”: ${USER} is not a company of this organization.`],
    ['old', 'x', '“OLD” is archived and cannot be set.'],
    ['undefined_key', ['a'], 'There is no multi-select field “undefined_key”; define it under Settings → Fields first.'],
  ] as const)('refuses %s = %j', (key, value, message) => {
    expect(errorsOf({ [key]: value as never })).toEqual([{ key, message }]);
  });

  it('leaves a key with no definition an ad-hoc scalar, as fields were before definitions', () => {
    expect(errorsOf({ legacy: 'pro', count: 2, flag: true })).toEqual([]);
  });

  it('names the user and company ids to look up, by the fields that reference them', () => {
    expect(referencedIds(definitions, { owner: USER, company: COMPANY, note: USER, seats: 1 })).toEqual({ users: [USER], companies: [COMPANY] });
  });
});

describe('forms, conditions and required-on-solve', () => {
  const plan = field('plan', 'select', { options: ['free', 'pro'], requiredOnSolve: true });
  const contract = field('contract', 'text', { requiredOnSolve: true, condition: { fieldKey: 'plan', equals: 'pro' } });
  const voiceLine = field('line', 'text', { requiredOnSolve: true, condition: { fieldKey: 'modules', equals: 'voice' } });
  const modules = field('modules', 'multi_select', { options: ['mail', 'voice'] });
  const ticked = field('agreed', 'checkbox', { requiredOnSolve: true });
  const archived = field('gone', 'text', { requiredOnSolve: true, archived: true });
  const all = [plan, contract, voiceLine, modules, ticked, archived];
  const keys = (fields: readonly (FieldDefinition | RequiredField)[]) => fields.map((f) => f.key);
  const missingOnSolve = (definitions: FieldDefinition[], form: TicketForm | null, values: FieldValues) =>
    missingToSolve(solveRequirements(definitions, form), values);

  it('without a form every active field shows by position; a form shows its own fields in its order', () => {
    expect(keys(visibleFields(all, null, { plan: 'pro' }))).toEqual(['plan', 'contract', 'modules', 'agreed']);
    const form: TicketForm = { id: 'f', name: 'F', fieldKeys: ['agreed', 'gone', 'plan'], isDefault: false };
    expect(keys(visibleFields(all, form, {}))).toEqual(['agreed', 'plan']);
  });

  it('a condition-hidden field is not required; shown, it is', () => {
    expect(keys(missingOnSolve(all, null, { plan: 'free', agreed: true }))).toEqual([]);
    expect(keys(missingOnSolve(all, null, { plan: 'pro', agreed: true }))).toEqual(['contract']);
    expect(keys(missingOnSolve(all, null, { plan: 'pro', contract: 'C-1', modules: ['mail', 'voice'], agreed: true }))).toEqual(['line']);
  });

  it('what solving asks is the form\'s required fields with their labels and conditions, archived ones left out', () => {
    const form: TicketForm = { id: 'f', name: 'F', fieldKeys: ['modules', 'line', 'gone', 'plan'], isDefault: false };
    expect(solveRequirements(all, form)).toEqual({ fields: [
      { key: 'line', label: 'LINE', condition: { fieldKey: 'modules', equals: 'voice' } },
      { key: 'plan', label: 'PLAN', condition: null },
    ] });
    expect(keys(missingToSolve(solveRequirements(all, form), { modules: ['voice'] }))).toEqual(['line', 'plan']);
  });

  it('empty means no value, blank text, an empty list or an unticked required checkbox', () => {
    expect(keys(missingOnSolve(all, null, { plan: '  ', agreed: false }))).toEqual(['plan', 'agreed']);
  });

  it('the chosen form wins, else the default, else none', () => {
    const forms: TicketForm[] = [{ id: 'a', name: 'A', fieldKeys: [], isDefault: false }, { id: 'b', name: 'B', fieldKeys: [], isDefault: true }];
    expect(effectiveForm(forms, 'a')?.id).toBe('a');
    expect(effectiveForm(forms, null)?.id).toBe('b');
    expect(effectiveForm(forms, 'deleted')?.id).toBe('b');
    expect(effectiveForm([], null)).toBeNull();
  });

  it('a definition needs options exactly when it is a select, and a condition on another existing field', () => {
    expect(definitionErrors({ key: 'x', type: 'select', options: [], condition: null }, all)[0]?.pointer).toBe('/options');
    expect(definitionErrors({ key: 'x', type: 'text', options: ['a'], condition: null }, all)[0]?.pointer).toBe('/options');
    expect(definitionErrors({ key: 'x', type: 'text', options: [], condition: { fieldKey: 'plan', equals: 'gold' } }, all))
      .toEqual([{ pointer: '/condition/equals', message: '“PLAN” has no option “gold”.' }]);
    expect(definitionErrors({ key: 'plan', type: 'text', options: [], condition: { fieldKey: 'contract', equals: 'x' } }, all)[0]?.message).toMatch(/cannot show each other/);
    expect(definitionErrors({ key: 'x', type: 'text', options: [], condition: { fieldKey: 'plan', equals: 'pro' } }, all)).toEqual([]);
  });
});
