import { IdentityModel } from './scoped-model';

/** A person who signs in; identity is global, what they may do in an org is a Membership. */
export class User extends IdentityModel {
  static override tableName = 'users';

  declare email: string;
  declare name: string;
  declare password_hash: string | null;
  declare totp_secret: string | null;
  declare totp_enabled: boolean;
  declare totp_last_step: number | null;
}
