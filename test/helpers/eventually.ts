/**
 * Reads until `accept` holds or the deadline passes, then returns the last read: the caller's
 * assertions on it say what was wrong. For what the system does after a command has answered
 * (a clock's breach, a mailed reply, a closed run).
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Reads until `accept` holds and returns that read; past the deadline it throws with the last
 * read. For waits whose caller has nothing more to assert than that the state arrived.
 */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
