import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { AiModels } from '../api/types';

/** The org's triage models per task, current and previous, with their held-out metrics. */
export function useAiModels() {
  const models = ref<AiModels | null>(null);
  const error = ref<Error | null>(null);
  const training = ref(false);

  async function load(): Promise<void> {
    error.value = null;
    try {
      models.value = await ok(http.GET('/api/v1/ai/models'));
    } catch (e) {
      error.value = e as Error;
    }
  }

  /** Retrains now from the org's solved tickets; answers once the new models are stored. */
  async function retrain(): Promise<void> {
    training.value = true;
    try {
      models.value = await ok(http.POST('/api/v1/ai/models/retrain'));
    } finally {
      training.value = false;
    }
  }

  return { models, error, training, load, retrain };
}
