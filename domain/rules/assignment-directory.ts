/** The org's people, as assignment strategies and notifications need them. */
export interface AssignmentDirectory {
  /** Agents of a team, in a stable order. */
  teamAgents(teamId: string): Promise<string[]>;
  /** The candidate after the team's last round-robin pick; moves the team's cursor. */
  nextInRotation(teamId: string, candidates: string[]): Promise<string | null>;
  /** The candidate with the fewest unsolved tickets (ties: the first). */
  leastLoaded(candidates: string[]): Promise<string | null>;
  /** The candidates that have every skill. */
  withSkills(candidates: string[], skills: string[]): Promise<string[]>;
}
