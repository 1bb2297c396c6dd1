import type { InputHTMLAttributes } from 'vue';

/**
 * naive-ui passes `input-props` to the native <input>/<textarea>; `data-*` attributes are valid
 * HTML but absent from Vue's attribute types, hence the cast in one place.
 */
export function inputTestId(id: string, extra: InputHTMLAttributes = {}): InputHTMLAttributes {
  return { ...extra, ...({ 'data-testid': id } as InputHTMLAttributes) };
}
