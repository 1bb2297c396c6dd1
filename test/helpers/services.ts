import { startEphemeralServices, type EphemeralServices } from '../../bin/lib/ephemeral-services';

export const TEST_APP_DB_PASSWORD = 'keel_app_test_password';

/** Fixed so recorded histories (encrypted with it) replay, and worker processes share it. */
export const TEST_PAYLOAD_KEY = Buffer.alloc(32, 7);

export const startTestServices = (): Promise<EphemeralServices> => startEphemeralServices(TEST_APP_DB_PASSWORD);
