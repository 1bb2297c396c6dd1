/** A write to a list the store holds, then the list read again so it shows the server's order and truth; answers the write's result. */
export async function writeThenReload<T>(write: Promise<T>, reload: () => Promise<void>): Promise<T> {
  const result = await write;
  await reload();
  return result;
}
