/**
 * Bounds on preventive maintenance. Every plan is a Temporal Schedule on the cluster that all
 * tenants share, and every run of it opens a work order: a plan that fires every second, or
 * thousands of plans, would load that cluster and each org's work-order list for everyone.
 * Maintenance is planned in days, weeks and months, so the bounds cost real use nothing.
 */

/** A plan runs at most once a day: FREQ=DAILY (INTERVAL=1, one time of day) is the floor. */
export const MIN_SECONDS_BETWEEN_RUNS = 86_400;

/**
 * Plans an org may hold, paused ones included (a paused plan still holds its schedule and can
 * be resumed at any time). Large enough for an estate of a few hundred assets.
 */
export const MAX_PLANS_PER_ORG = 500;

/** Plans on one asset: one per task and interval (filters monthly, service yearly, …) fits well within it. */
export const MAX_PLANS_PER_ASSET = 20;
