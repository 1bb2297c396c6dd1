import { z } from 'zod';
import { EMAIL_DOMAIN, EMAIL_DOMAIN_MAX } from '../../domain/customers/email-domain';
import { Email, PageQuery, Uuid } from './common';

const Name = z.string().trim().min(1).max(200);
const Notes = z.string().trim().max(5000);
/** A domain as typed (`Acme.COM`, ` acme.com `) is stored lower-cased and trimmed; a malformed one is refused. */
const Domain = z.string().trim().toLowerCase().max(EMAIL_DOMAIN_MAX).regex(EMAIL_DOMAIN, 'Not an email domain (such as acme.com).');
const Domains = z.array(Domain).max(50).refine((domains) => new Set(domains).size === domains.length, 'A domain is listed twice.');
const Search = z.string().trim().max(200).optional();

export const CompanySchema = z.object({
  id: Uuid,
  name: z.string(),
  /** Lower case, unique in the organization: a new contact on one of them joins the company. */
  domains: z.array(z.string()),
  notes: z.string(),
  contactCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Company' });

export const CreateCompanyBody = z.object({ name: Name, domains: Domains.default([]), notes: Notes.default('') });

export const UpdateCompanyBody = z
  .object({ name: Name.optional(), domains: Domains.optional(), notes: Notes.optional() })
  .refine((body) => body.name !== undefined || body.domains !== undefined || body.notes !== undefined, { message: 'Send name, domains or notes.' });

export const ListCompaniesQuery = z.object({ ...PageQuery, q: Search.describe('Part of a name or a domain.') });

export const ContactSchema = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  companyId: Uuid.nullable(),
  company: z.object({ id: Uuid, name: z.string() }).nullable(),
  /** Sees all of the company's tickets in the portal (list, public conversation, reply), not only their own. */
  designated: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Contact' });

export const UpdateContactBody = z
  .object({
    name: z.string().trim().min(1).max(200).nullable().optional(),
    email: Email.optional(),
    phone: z.string().trim().min(1).max(40).regex(/^[0-9+()./ -]+$/, 'Digits, spaces and + ( ) - . / only.').nullable().optional(),
    companyId: Uuid.nullable().optional(),
    designated: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Send name, email, phone, companyId or designated.' });

export const ListContactsQuery = z.object({ ...PageQuery, q: Search.describe('Part of a name or an address.'), companyId: Uuid.optional() });

export const IdParams = z.object({ id: Uuid });

export type CompanyView = z.infer<typeof CompanySchema>;
export type ContactView = z.infer<typeof ContactSchema>;
