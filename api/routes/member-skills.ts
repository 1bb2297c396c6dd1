import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { route } from '../route';
import { recordAudit } from '../../db/audit';
import type { Knex } from 'knex';
import { Membership, MemberSkill } from '../../db/models';

const Params = z.object({ id: z.uuid() });
const SkillsBody = z.strictObject({ skills: z.array(z.string().trim().min(1).max(100)).max(50) });
const SkillsSchema = z.object({ userId: z.uuid(), skills: z.array(z.string()) });

const isMember = async (trx: Knex.Transaction, orgId: string, userId: string) =>
  (await Membership.query(trx).where({ org_id: orgId, user_id: userId }).select('user_id').first()) !== undefined;

/** Agents' skills: what the skills-based assignment strategy of automation rules matches on. */
export function memberSkillRoutes(deps: ApiDeps) {
  const { db } = deps;
  return [
    route({
      method: 'get', path: '/users/{id}/skills', tag: 'users', access: ACCESS.staff, summary: "A member's skills",
      operationId: 'getMemberSkills',
      params: Params, responses: { 200: { description: 'Skills', schema: SkillsSchema } },
      async handler({ auth, params }) {
        const skills = await withTenant(db, auth, async (trx) => {
          if (!(await isMember(trx, auth.orgId, params.id))) throw notFound('Member');
          const rows = await MemberSkill.query(trx).where({ org_id: auth.orgId, user_id: params.id }).orderBy('skill').select('skill');
          return rows.map((row) => row.skill);
        });
        return { status: 200, body: { userId: params.id, skills } };
      },
    }),
    route({
      method: 'put', path: '/users/{id}/skills', tag: 'users', access: ACCESS.manageMembers, summary: "Replace a member's skills",
      operationId: 'replaceMemberSkills',
      params: Params, body: SkillsBody, responses: { 200: { description: 'Skills', schema: SkillsSchema } },
      async handler({ auth, params, body }) {
        const skills = [...new Set(body.skills.map((skill) => skill.toLowerCase()))].sort();
        await withTenant(db, auth, async (trx) => {
          if (!(await isMember(trx, auth.orgId, params.id))) throw notFound('Member');
          await MemberSkill.query(trx).where({ org_id: auth.orgId, user_id: params.id }).delete();
          if (skills.length > 0) await MemberSkill.query(trx).insert(skills.map((skill) => ({ org_id: auth.orgId, user_id: params.id, skill })));
          await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'member.skills', entityType: 'user', entityId: params.id, data: { skills } });
        });
        return { status: 200, body: { userId: params.id, skills } };
      },
    }),
  ];
}
