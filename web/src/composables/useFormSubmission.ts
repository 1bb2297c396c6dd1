import { ref } from 'vue';
import { fieldErrorsOf } from '../api/problem';

/**
 * A form sent to the API: whether it is being sent, and what refused it, both as the error
 * (for a `ProblemAlert`) and as messages by field (JSON pointers, without the slash where `bare`).
 */
export function useFormSubmission(options: { bare?: boolean } = {}) {
  const submitting = ref(false);
  const error = ref<Error | null>(null);
  const fieldErrors = ref<Record<string, string>>({});

  async function submit(send: () => Promise<void>): Promise<void> {
    submitting.value = true;
    error.value = null;
    fieldErrors.value = {};
    try {
      await send();
    } catch (e) {
      error.value = e as Error;
      fieldErrors.value = fieldErrorsOf(e, options);
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, error, fieldErrors, submit };
}
