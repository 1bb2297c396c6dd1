/** The demo seed lives in ./demo/; this module keeps the launcher's old import path. */
export { DEMO_LOGINS, DEMO_PASSWORD, describeDemo, seedDemo, type DemoSeed } from './demo/index';
