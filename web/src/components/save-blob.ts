/** Hands a fetched file to the browser as a download named `filename` (fetched with the session's token, so no plain link would do). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked later: the download may still be reading it right after the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
