/** Text and images of a PDF, read back with pdfjs-dist (for asserting what a report holds). */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; images: { width: number; height: number }[] }> {
  // pdfjs-dist 6 expects Promise.withResolvers (Node 22+); Keel supports Node 20.19.
  const withResolvers = function <T>() {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
  (Promise as unknown as { withResolvers?: unknown }).withResolvers ??= withResolvers;
  // ...and ArrayBuffer#transferToFixedLength (Node 21+) when decoding images; a copy will do here.
  const buffers = ArrayBuffer.prototype as unknown as { transferToFixedLength?: (this: ArrayBuffer, length?: number) => ArrayBuffer };
  buffers.transferToFixedLength ??= function (this: ArrayBuffer, length?: number) {
    const copy = new ArrayBuffer(length ?? this.byteLength);
    new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(copy.byteLength, this.byteLength)));
    return copy;
  };
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = pdfjs.getDocument({ data: bytes, useSystemFonts: false });
  const document = await loading.promise;
  let text = '';
  const images: { width: number; height: number }[] = [];
  for (let index = 1; index <= document.numPages; index++) {
    const page = await document.getPage(index);
    text += `${(await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
    const operators = await page.getOperatorList();
    for (const [at, op] of operators.fnArray.entries()) {
      if (op !== pdfjs.OPS.paintImageXObject) continue;
      const name = (operators.argsArray[at] as [string])[0];
      const image = await new Promise<{ width: number; height: number }>((resolve) => page.objs.get(name, resolve));
      images.push({ width: image.width, height: image.height });
    }
  }
  await loading.destroy();
  return { text, images };
}
