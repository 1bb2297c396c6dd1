import { ref, type Ref } from 'vue';
import { ApiError } from '../api/problem';

/**
 * A dry run of a draft rule (on one ticket, or a backtest over recent ones): whether it is
 * running, its result, or what refused it, every refused field named with its pointer.
 */
export function useDryRun<T>() {
  const running = ref(false);
  const result = ref<T | null>(null) as Ref<T | null>;
  const problem = ref<string | null>(null);

  async function run(send: () => Promise<T>): Promise<void> {
    running.value = true;
    problem.value = null;
    try {
      result.value = await send();
    } catch (e) {
      result.value = null;
      problem.value = e instanceof ApiError ? (e.problem.errors?.map((error) => `${error.pointer}: ${error.message}`).join('; ') || e.problem.detail || e.problem.title) : String(e);
    } finally {
      running.value = false;
    }
  }

  return { running, result, problem, run };
}
