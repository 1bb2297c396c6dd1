import { IdentityModel } from './scoped-model';
import type { UsersRow } from '../table-rows.generated';

/** A person who signs in; identity is global, what they may do in an org is a Membership. */
export interface User extends UsersRow {}
export class User extends IdentityModel {
  static override tableName = 'users';
}
