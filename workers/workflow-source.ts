import type { WorkerOptions } from '@temporalio/worker';

/** How a bundle is built: its entry and the pure modules preloaded into the shared context. */
export interface BundleOptions {
  workflowsPath: string;
  preloadModules: string[];
}

/**
 * Where a worker's workflow code comes from: a prebuilt bundle (tests and `KEEL_*_BUNDLE`
 * bundle once), or its entry, bundled at worker start with the same preloaded modules.
 */
export function workflowSource(
  bundle: { code: string } | undefined,
  options: BundleOptions,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  return bundle
    ? { workflowBundle: bundle }
    : { workflowsPath: options.workflowsPath, bundlerOptions: { preloadModules: options.preloadModules } };
}
