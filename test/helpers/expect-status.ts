import { expect } from 'vitest';

/** Awaits an API call, asserts its status (showing the body when it differs) and returns the body. */
export async function expectStatus<T = any>(response: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const result = await response;
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  return result.body;
}
