export const ROLES = ['owner', 'admin', 'agent', 'dispatcher', 'technician', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what, named for the job rather than listed per route. */
export const ACCESS = {
  manageMembers: ['owner', 'admin'],
  workTickets: ['owner', 'admin', 'agent'],
  readTickets: ['owner', 'admin', 'agent', 'dispatcher'],
  staff: ['owner', 'admin', 'agent', 'dispatcher', 'technician'],
  dispatch: ['owner', 'admin', 'dispatcher'],
  fieldWork: ['owner', 'admin', 'dispatcher', 'technician'],
  anyMember: ROLES,
} as const satisfies Record<string, readonly Role[]>;

export interface Auth {
  userId: string;
  orgId: string;
  role: Role;
  /** The session (refresh-token family) the caller's access token belongs to, when it came with one. */
  sessionId?: string;
}
