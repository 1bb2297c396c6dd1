/**
 * Runs async sections one at a time, in arrival order, so each decides on the latest state:
 * a ticket's or a work order's commands, which arrive as concurrent Updates and signals.
 */
export function createSerializer(): <T>(section: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(section: () => Promise<T>): Promise<T> => {
    const run = tail.then(section);
    tail = run.catch(() => undefined);
    return run;
  };
}
