import { z } from 'zod';
import { isMember } from '../../db/member-directory';
import { listMemberSkills, replaceMemberSkills } from '../../db/member-skills';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';

const Params = z.object({ id: z.uuid() });
const SkillsBody = z.strictObject({ skills: z.array(z.string().trim().min(1).max(100)).max(50) });
const SkillsSchema = z.object({ userId: z.uuid(), skills: z.array(z.string()) });

const users = routeGroup({ tag: 'users', access: ACCESS.staff });

/** Agents' skills: what the skills-based assignment strategy of automation rules matches on. */
export function memberSkillRoutes({ db }: ApiDeps) {
  return [
    users.get('/users/{id}/skills', {
      operationId: 'getMemberSkills', summary: "A member's skills",
      params: Params, responses: { 200: { description: 'Skills', schema: SkillsSchema } },
      async handler({ auth, params }) {
        const skills = await withTenant(db, auth, async (trx) => {
          if (!(await isMember(trx, auth.orgId, params.id))) throw notFound('Member');
          return listMemberSkills(trx, auth.orgId, params.id);
        });
        return { status: 200, body: { userId: params.id, skills } };
      },
    }),
    users.put('/users/{id}/skills', {
      access: ACCESS.manageMembers, operationId: 'replaceMemberSkills', summary: "Replace a member's skills",
      params: Params, body: SkillsBody, responses: { 200: { description: 'Skills', schema: SkillsSchema } },
      async handler({ auth, params, body }) {
        const skills = [...new Set(body.skills.map((skill) => skill.toLowerCase()))].sort();
        await withTenant(db, auth, async (trx) => {
          if (!(await isMember(trx, auth.orgId, params.id))) throw notFound('Member');
          await replaceMemberSkills(trx, auth.orgId, params.id, skills);
          await auditCaller(trx, auth, { action: 'member.skills', entityType: 'user', entityId: params.id, data: { skills } });
        });
        return { status: 200, body: { userId: params.id, skills } };
      },
    }),
  ];
}
